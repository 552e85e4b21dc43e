import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '../domain/accounts';
import type { ResidentReport } from '../domain/reports';
import { ApiClient } from '../storage/api-client';

// The moderation actions against a fake server: what is sent, with which key, and what the user is told.
const calls: { method: string; path: string; key: string | null; body: unknown }[] = [];
let answer: (method: string, path: string) => Response | 'network';
const api = new ApiClient('http://test/api/', async (input, init) => {
  const path = new URL(input).pathname.replace(/^\/api\//, '') + new URL(input).search;
  const method = init?.method ?? 'GET';
  const headers = (init?.headers ?? {}) as Record<string, string>;
  calls.push({ method, path, key: headers['Idempotency-Key'] ?? null, body: init?.body ? JSON.parse(String(init.body)) : undefined });
  if (path === 'session') return Response.json({ account: null, organisation: null, csrfToken: 't' });
  const result = answer(method, path);
  if (result === 'network') throw new TypeError('Failed to fetch');
  return result;
});
const pull = vi.fn(async () => undefined);
vi.mock('./server-actions', () => ({
  apiClient: () => api,
  currentServerStore: () => ({ pull }),
  refreshSession: async () => undefined,
  viewerOf: (s: { account: Account | null } | null) => (s ? (s.account ? { kind: 'account', account: s.account } : { kind: 'public' }) : null),
}));

const { acceptQueued, declineQueued, moderationStore, refreshQueue } = await import('./moderation');
const { appStore } = await import('./store');

const member: Account = { id: 'm', email: 'm@example.se', name: 'M', role: 'member', organisationId: null, districtIds: ['rinkeby-kista'], disabled: false };
const report = (id: string, over: Partial<ResidentReport> = {}): ResidentReport & { duplicates: [] } => ({
  id, position: [17.92, 59.41], category: 'belysning', description: id, times: ['natt'], photo: null, wantsUpdates: false, status: 'inkommen',
  declineReason: null, findingId: null, mergedIntoReportId: null, walkId: null, source: 'web', createdAt: '2026-11-01T18:00:00Z', decidedAt: null,
  stadsdelId: 'husby', districtId: 'rinkeby-kista', priorityAreaIds: ['husby'], duplicates: [], ...over,
});

beforeEach(() => {
  calls.length = 0;
  pull.mockClear();
  appStore.getState().set({ serverSession: { account: member, organisation: null, offline: false } });
  moderationStore.setState({ pending: [], known: {}, message: null, busy: false, openId: null });
});

describe('the moderation queue', () => {
  it('loads the pending reports for a member, and nothing for the public', async () => {
    answer = () => Response.json({ reports: [report('a'), report('b')] });
    await refreshQueue();
    expect(moderationStore.getState().pending.map((r) => r.id)).toEqual(['a', 'b']);
    expect(calls.map((c) => c.path)).toEqual(['reports?status=inkommen']);
    appStore.getState().set({ serverSession: { account: null, organisation: null, offline: false } });
    calls.length = 0;
    await refreshQueue();
    expect(moderationStore.getState().pending).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('keeps what was sent after a network failure and sends it again with the same Idempotency-Key', async () => {
    let up = false;
    answer = (method) => {
      if (method === 'GET') return up ? Response.json({ reports: [] }) : 'network';
      if (!up) return 'network';
      return Response.json({ report: report('a', { status: 'avbojd', declineReason: 'Skäl' }) });
    };
    expect(await declineQueued({ id: 'a' }, '  Skäl  ')).toBe(false);
    expect(moderationStore.getState().message?.key).toBe('modOffline');
    up = true;
    expect(await declineQueued({ id: 'a' }, 'Skäl')).toBe(true);
    const sends = calls.filter((c) => c.method === 'POST');
    expect(sends.map((c) => c.path)).toEqual(['reports/a/decline', 'reports/a/decline']);
    expect(sends[0]!.key).toBeTruthy();
    expect(sends[1]!.key).toBe(sends[0]!.key);
    expect(sends[0]!.body).toEqual({ reason: 'Skäl' });
    expect(moderationStore.getState().message?.key).toBe('modDeclined');
    expect(moderationStore.getState().known.a?.status).toBe('avbojd');
  });

  it('says so when someone else decided first, and loads the queue again', async () => {
    answer = (method) => method === 'GET'
      ? Response.json({ reports: [] })
      : Response.json({ type: '/problems/conflict', status: 409, detail: 'already decided', stored: report('a', { status: 'accepterad' }) }, { status: 409 });
    expect(await declineQueued({ id: 'a' }, 'Skäl')).toBe(false);
    expect(moderationStore.getState().message).toMatchObject({ key: 'modConflict', status: 'accepterad' });
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'GET' && c.path === 'reports?status=inkommen')).toBe(true));
  });

  it('accepting brings the new finding into this browser and offers to open it', async () => {
    answer = (method) => method === 'GET'
      ? Response.json({ reports: [] })
      : Response.json({ report: report('a', { status: 'accepterad', findingId: 'f1' }), finding: { id: 'f1' } });
    expect(await acceptQueued({ id: 'a' }, { walkId: 'w1', public: false })).toBe(true);
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ walkId: 'w1', public: false });
    expect(pull).toHaveBeenCalled();
    expect(moderationStore.getState().message).toMatchObject({ key: 'modAccepted', findingId: 'f1' });
  });

  it('a report open here that someone else decided meanwhile closes, saying how it was decided', async () => {
    moderationStore.setState({ pending: [report('a'), report('b')], openId: 'a' });
    answer = (_method, path) => path === 'reports/a' ? Response.json(report('a', { status: 'sammanslagen' })) : Response.json({ reports: [report('b')] });
    await refreshQueue();
    expect(moderationStore.getState()).toMatchObject({ openId: null, message: { key: 'modConflict', status: 'sammanslagen' } });
    expect(moderationStore.getState().pending.map((r) => r.id)).toEqual(['b']);
  });

  it('a refused decision (400) says why in the server’s words', async () => {
    answer = (method) => method === 'GET'
      ? Response.json({ reports: [] })
      : Response.json({ type: '/problems/invalid', status: 400, errors: [{ field: 'walkId', message: 'not your walk' }] }, { status: 400 });
    expect(await acceptQueued({ id: 'a' }, { walkId: 'x' })).toBe(false);
    expect(moderationStore.getState().message).toMatchObject({ key: 'modInvalid', params: { reason: 'walkId: not your walk' } });
  });
});
