import { beforeEach, describe, expect, it } from 'vitest';
import { ApiClient, ApiError, NetworkError, type FetchLike } from '../storage/api-client';
import { EMPTY_DRAFT, type ReportDraft } from './report-form';
import { reportStore, sendProblem, sendReport, updateDraft } from './report-state';

const DRAFT: ReportDraft = {
  ...EMPTY_DRAFT, position: [17.8437, 59.3664], positionHow: 'map', category: 'belysning', description: 'Mörk gångtunnel', times: ['natt'],
};
const RECEIPT = { id: 'r1', followToken: 'T'.repeat(43), status: 'inkommen' };

/** A server that hands out a CSRF token and answers POST /api/reports with `answer`. */
function fakeApi(answer: () => Response | Promise<Response>): { api: ApiClient; sent: unknown[] } {
  const sent: unknown[] = [];
  const fetchImpl: FetchLike = async (input, init) => {
    if (input.endsWith('/api/session')) return Response.json({ account: null, organisation: null, csrfToken: 'c' });
    sent.push(JSON.parse(String(init?.body)));
    return answer();
  };
  return { api: new ApiClient('http://karta.test/api/', fetchImpl), sent };
}

const problem = (status: number, body: object, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ status, ...body }), { status, headers: { 'Content-Type': 'application/problem+json', ...headers } });

beforeEach(() => {
  reportStore.setState({ draft: { ...DRAFT }, errors: {}, problem: null, receipt: null, sending: false, view: { kind: 'form', focus: false } });
});

describe('sending a report', () => {
  it('sends the draft with the honeypot and clears it only on a receipt', async () => {
    const { api, sent } = fakeApi(() => Response.json(RECEIPT, { status: 201 }));
    updateDraft({ email: 'boende@example.se' });
    expect(await sendReport(() => 'hasselby-vallingby', api)).toBe(true);
    expect(sent).toEqual([{
      position: DRAFT.position, category: 'belysning', description: 'Mörk gångtunnel', times: ['natt'], photo: null, email: 'boende@example.se', website: '',
      followToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    }]);
    expect(reportStore.getState().receipt).toEqual({ followToken: RECEIPT.followToken, id: 'r1', wantsUpdates: true });
    expect(reportStore.getState().draft).toEqual(EMPTY_DRAFT);
  });

  it('keeps the draft when the network fails', async () => {
    const { api } = fakeApi(() => { throw new TypeError('Failed to fetch'); });
    expect(await sendReport(undefined, api)).toBe(false);
    expect(reportStore.getState().problem).toEqual({ kind: 'offline' });
    const kept = reportStore.getState().draft;
    expect(kept).toEqual({ ...DRAFT, followToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(reportStore.getState().sending).toBe(false);
  });

  it('sends a report again with the follow token of the first attempt, so that the server stores it once', async () => {
    let fail = true;
    const { api, sent } = fakeApi(() => { if (fail) throw new TypeError('Failed to fetch'); return Response.json(RECEIPT, { status: 201 }); });
    expect(await sendReport(undefined, api)).toBe(false);
    fail = false;
    expect(await sendReport(undefined, api)).toBe(true);
    const tokens = (sent as { followToken: string }[]).map((b) => b.followToken);
    expect(tokens).toHaveLength(2);
    expect(tokens[1]).toBe(tokens[0]);
    // The next report gets a token of its own.
    expect(reportStore.getState().draft.followToken).toBe('');
  });

  it('puts the server\'s field errors at their fields and keeps the draft', async () => {
    const { api } = fakeApi(() => problem(400, { type: '/problems/invalid', errors: [{ field: 'email', message: 'Invalid email', code: 'invalid' }] }));
    expect(await sendReport(undefined, api)).toBe(false);
    expect(reportStore.getState().errors).toEqual({ email: 'invalid' });
    expect(reportStore.getState().problem).toEqual({ kind: 'fields' });
    // Correcting the field clears its message and, with none left, the summary.
    updateDraft({ email: '' });
    expect(reportStore.getState().errors).toEqual({});
    expect(reportStore.getState().problem).toBeNull();
    expect(reportStore.getState().draft.description).toBe('Mörk gångtunnel');
  });

  it('does not send an incomplete draft', async () => {
    const { api, sent } = fakeApi(() => Response.json(RECEIPT, { status: 201 }));
    reportStore.setState({ draft: { ...DRAFT, times: [] } });
    expect(await sendReport(undefined, api)).toBe(false);
    expect(sent).toEqual([]);
    expect(reportStore.getState().errors).toEqual({ times: 'required' });
  });

  it('says the server is needed when there is none', async () => {
    expect(await sendReport(undefined, null)).toBe(false);
    expect(reportStore.getState().problem).toEqual({ kind: 'no-server' });
  });
});

describe('what a failed send means', () => {
  const now = new Date('2026-03-10T09:00:00Z');
  it('says when to try again after a 429', () => {
    expect(sendProblem(new ApiError(429, { type: '/problems/rate-limited' }, 840), now).problem).toEqual({ kind: 'rate-limited', minutes: 14, time: '10:14' });
    expect(sendProblem(new ApiError(429, {}), now).problem).toEqual({ kind: 'rate-limited', minutes: 1, time: '10:01' });
  });
  it('tells a too large report, a server error, a network failure and a refusal apart', () => {
    expect(sendProblem(new ApiError(413, { type: '/problems/too-large' }), now).problem).toEqual({ kind: 'too-large' });
    expect(sendProblem(new ApiError(503, {}), now).problem).toEqual({ kind: 'server', status: 503 });
    expect(sendProblem(new NetworkError('no answer'), now).problem).toEqual({ kind: 'offline' });
    expect(sendProblem(new ApiError(403, { type: '/problems/csrf', detail: 'cross-site request refused' }), now).problem)
      .toEqual({ kind: 'refused', reason: 'cross-site request refused' });
    expect(sendProblem(new ApiError(400, { detail: 'extra: unknown field', errors: [{ field: 'extra', message: 'unknown field' }] }), now))
      .toEqual({ problem: { kind: 'refused', reason: 'extra: unknown field' }, errors: {} });
  });
});
