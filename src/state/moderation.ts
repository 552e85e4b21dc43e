/**
 * The council's moderation queue of resident reports: loaded from the server for an account that
 * moderates some district (mirroring canModerateReports; the server decides anyway), refreshed
 * when the session changes, when the tab opens and after each decision. Decisions are sent at once
 * (not queued like walk edits: they need the server's answer), each with an Idempotency-Key that
 * is kept until an answer comes, so that trying again after a lost answer never decides twice.
 * Nothing here is kept in the browser between visits: the queue is the server's.
 */

import { useStore } from 'zustand';
import { subscribeWithSelector } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import type { AcceptReportInput } from '../domain/report-schema';
import { decidedReports, moderatesAny } from '../domain/report-queue';
import type { ReportStatus, ResidentReport } from '../domain/reports';
import type { MessageKey } from '../i18n/strings';
import { ApiError, NetworkError, type ApiClient } from '../storage/api-client';
import { acceptReport, declineReport, fetchReport, fetchReports, mergeReport, type QueueReport } from '../storage/moderation-api';
import { apiClient, currentServerStore, refreshSession, viewerOf } from './server-actions';
import { appStore, type AppState } from './store';

/** What became of the last decision or load, for the user. */
export interface ModerationMessage {
  tone: 'ok' | 'warn';
  key: MessageKey;
  /** Filled into the message (`{reason}`); `{status}` is filled from `status` in the user's language. */
  params?: Record<string, string>;
  status?: ReportStatus;
  /** The finding an accepted report became, to open it. */
  findingId?: string;
}

export interface ModerationState {
  /** Reports waiting for a decision, with their possible duplicates (newest first, as the server gives them). */
  pending: QueueReport[];
  /** Decided reports, once asked for ("show decided"); null until loaded. */
  decided: QueueReport[] | null;
  showDecided: boolean;
  /** Every report seen in this visit by id (pending or not): for walk stops and protocols. */
  known: Record<string, ResidentReport>;
  loading: boolean;
  /** Why the last load failed, or null. */
  loadProblem: MessageKey | null;
  /** The report shown open in the queue. */
  openId: string | null;
  /** Bumped when the open report should be scrolled to and focused (chosen on the map). */
  openRequest: number;
  /** A decision is being sent. */
  busy: boolean;
  message: ModerationMessage | null;
  /** Bumped to move the map to a report. */
  focus: { id: string; n: number } | null;
}

const initial = (): Omit<ModerationState, 'openRequest' | 'focus'> => ({
  pending: [], decided: null, showDecided: false, known: {}, loading: false, loadProblem: null, openId: null, busy: false, message: null,
});

export const moderationStore = createStore<ModerationState>()(subscribeWithSelector((): ModerationState => ({ ...initial(), openRequest: 0, focus: null })));

/** React hook over the moderation store with a selector. */
export function useModeration<T>(selector: (state: ModerationState) => T): T {
  return useStore(moderationStore, selector);
}

const set = (partial: Partial<ModerationState>) => moderationStore.setState(partial);

/** Whether the session's account moderates the reports of some district (the tab and the map layer are shown). */
export function mayModerate(session: AppState['serverSession'] = appStore.getState().serverSession): boolean {
  return moderatesAny(viewerOf(session));
}

// Answers to an older load (or of an earlier session) are dropped.
let latestLoad = 0;
// Idempotency keys of decisions without an answer yet, by action and report.
const keys = new Map<string, string>();
// Reports asked for one by one that the server did not give (gone, or not this viewer's).
const unavailable = new Set<string>();

function remember(reports: readonly ResidentReport[]): Record<string, ResidentReport> {
  const known = { ...moderationStore.getState().known };
  for (const r of reports) {
    const { duplicates: _duplicates, ...report } = r as QueueReport;
    known[r.id] = report;
  }
  return known;
}

function loadProblemOf(error: unknown): MessageKey {
  if (error instanceof NetworkError) return 'modLoadOffline';
  if (error instanceof ApiError && error.status === 401) return 'modLoggedOut';
  if (error instanceof ApiError && error.status === 403) return 'modForbidden';
  return 'modLoadError';
}

/** Loads the pending reports (and the decided ones when shown). Keeps the last list when it fails. */
export async function refreshQueue(): Promise<void> {
  const api = apiClient();
  const mine = ++latestLoad;
  if (!api || !mayModerate()) {
    set({ ...initial(), showDecided: moderationStore.getState().showDecided });
    return;
  }
  set({ loading: true });
  try {
    const withDecided = moderationStore.getState().showDecided;
    const [pending, all] = await Promise.all([fetchReports(api, 'inkommen'), withDecided ? fetchReports(api, null) : null]);
    if (mine !== latestLoad) return;
    const before = moderationStore.getState();
    const { openId } = before;
    // The report open here was decided by someone else meanwhile (not by a decision of this page).
    const decidedElsewhere = openId !== null && !before.busy && before.pending.some((r) => r.id === openId) && !pending.some((r) => r.id === openId);
    set({
      pending,
      ...(all ? { decided: decidedReports(all) } : {}),
      known: remember([...pending, ...(all ?? [])]),
      loading: false,
      loadProblem: null,
      // A report decided elsewhere closes; a decided one may stay open when decided ones are shown.
      openId: openId && (pending.some((r) => r.id === openId) || all?.some((r) => r.id === openId)) ? openId : null,
    });
    if (decidedElsewhere) await sayDecidedElsewhere(api, openId);
  } catch (error) {
    if (mine !== latestLoad) return;
    set({ loading: false, loadProblem: loadProblemOf(error) });
    if (error instanceof ApiError && error.status === 401) void refreshSession();
  }
}

/** Tells the user that the report they had open was decided by someone else, and how. */
async function sayDecidedElsewhere(api: ApiClient, id: string): Promise<void> {
  try {
    const report = await fetchReport(api, id);
    set({ known: remember([report]), message: { tone: 'warn', key: 'modConflict', status: report.status } });
  } catch {
    set({ message: { tone: 'warn', key: 'modGone' } });
  }
}

/** Shows or hides the decided reports (loading them when shown). */
export function setShowDecided(show: boolean): Promise<void> {
  set({ showDecided: show });
  return show ? refreshQueue() : Promise.resolve();
}

/**
 * Opens a report in the queue (or closes it when it is open and chosen again in the list). From
 * the map, the queue tab opens with the report scrolled into view.
 */
export function openReport(id: string | null, from: 'list' | 'map' = 'list'): void {
  const { openId, openRequest } = moderationStore.getState();
  if (from === 'map') {
    appStore.getState().setTab('reports');
    set({ openId: id, openRequest: openRequest + 1 });
  } else set({ openId: id !== null && id === openId ? null : id });
}

/** Moves the map to the report. */
export function showReportOnMap(id: string): void {
  set({ focus: { id, n: (moderationStore.getState().focus?.n ?? 0) + 1 } });
}

export function dismissModerationMessage(): void {
  set({ message: null });
}

/** The message for a decision the server did not take. */
function refusal(error: unknown): ModerationMessage {
  if (error instanceof NetworkError) return { tone: 'warn', key: 'modOffline' };
  if (error instanceof ApiError) {
    if (error.status === 409) {
      const stored = error.problem.stored as Partial<ResidentReport> | null | undefined;
      return { tone: 'warn', key: 'modConflict', status: stored?.status ?? 'inkommen' };
    }
    if (error.status === 404) return { tone: 'warn', key: 'modGone' };
    if (error.status === 401) return { tone: 'warn', key: 'modLoggedOut' };
    if (error.status === 403) return { tone: 'warn', key: 'modForbidden' };
    if (error.status === 400) {
      const fields = (error.problem.errors ?? []).map((e) => (e.field ? `${e.field}: ${e.message}` : e.message));
      return { tone: 'warn', key: 'modInvalid', params: { reason: fields.join('; ') || error.message } };
    }
  }
  return { tone: 'warn', key: 'modError', params: { reason: error instanceof Error ? error.message : String(error) } };
}

/**
 * Sends one decision. True when the server took it. On any refusal the queue is loaded again;
 * after a network failure the form stays as it was, to try again (with the same key).
 */
async function decide(
  report: Pick<ResidentReport, 'id'>,
  action: 'accept' | 'decline' | 'merge',
  send: (api: ApiClient, key: string) => Promise<{ report: ResidentReport; finding?: { id: string } }>,
  success: (answer: { report: ResidentReport; finding?: { id: string } }) => ModerationMessage,
): Promise<boolean> {
  const api = apiClient();
  if (!api || moderationStore.getState().busy) return false;
  const name = `${action}:${report.id}`;
  const key = keys.get(name) ?? crypto.randomUUID();
  keys.set(name, key);
  set({ busy: true, message: null });
  try {
    const answer = await send(api, key);
    keys.delete(name);
    set({ known: remember([answer.report]), openId: null, message: success(answer) });
    // The new finding comes to this browser's copy now rather than with the next change event.
    if (answer.finding) await currentServerStore()?.pull();
    return true;
  } catch (error) {
    if (!(error instanceof NetworkError)) keys.delete(name);
    set({ message: refusal(error) });
    if (error instanceof ApiError && error.status === 401) void refreshSession();
    return false;
  } finally {
    set({ busy: false });
    void refreshQueue();
  }
}

/** Accepts a report: it becomes a finding (internal unless `public`), on the chosen planned walk if any. */
export function acceptQueued(report: Pick<ResidentReport, 'id'>, input: AcceptReportInput): Promise<boolean> {
  return decide(report, 'accept', (api, key) => acceptReport(api, report.id, input, key),
    (answer) => ({ tone: 'ok', key: input.public ? 'modAcceptedPublic' : 'modAccepted', ...(answer.finding ? { findingId: answer.finding.id } : {}) }));
}

/** Declines a report with a reason the resident sees. */
export function declineQueued(report: Pick<ResidentReport, 'id'>, reason: string): Promise<boolean> {
  return decide(report, 'decline', (api, key) => declineReport(api, report.id, reason.trim(), key), () => ({ tone: 'ok', key: 'modDeclined' }));
}

/** Merges a report into an open finding or another report of the same place. */
export function mergeQueued(report: Pick<ResidentReport, 'id'>, into: { kind: 'finding' | 'report'; id: string }): Promise<boolean> {
  return decide(report, 'merge', (api, key) => mergeReport(api, report.id, into, key),
    () => ({ tone: 'ok', key: into.kind === 'finding' ? 'modMergedFinding' : 'modMergedReport' }));
}

/**
 * Fetches reports not seen yet in this visit (a walk's stops that are no longer pending, the
 * reports behind a walk's findings). Resolves when every one has been asked for; failures leave
 * them unknown (shown by id).
 */
export async function ensureReports(ids: readonly string[]): Promise<void> {
  const api = apiClient();
  if (!api || !mayModerate()) return;
  const { known } = moderationStore.getState();
  const missing = [...new Set(ids)].filter((id) => !known[id] && !unavailable.has(id));
  const found = await Promise.all(missing.map(async (id) => {
    try {
      return await fetchReport(api, id);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 403)) unavailable.add(id);
      return null;
    }
  }));
  const reports = found.filter((r): r is QueueReport => r !== null);
  if (reports.length > 0) set({ known: remember(reports) });
}

/**
 * Follows the session (a new account loads its queue, logging out empties it) and the tab (the
 * queue is loaded again each time it opens). Returns the unsubscribe.
 */
export function startModeration(): () => void {
  const who = (s: AppState) => {
    const a = s.serverSession?.account;
    return a ? `${a.id}|${a.role}|${a.disabled}|${a.districtIds.join(',')}` : '';
  };
  const unsubscribers = [
    appStore.subscribe(who, () => {
      unavailable.clear();
      set({ ...initial(), showDecided: false });
      void refreshQueue();
    }, { fireImmediately: true }),
    appStore.subscribe((s) => s.tab, (tab) => { if (tab === 'reports') void refreshQueue(); }),
    // Another member accepted a report of the queue: its finding arrives with the change stream.
    appStore.subscribe((s) => s.walkData.findings, (findings, before) => {
      const { pending } = moderationStore.getState();
      if (pending.length === 0 || findings.length <= before.length) return;
      const waiting = new Set(pending.map((r) => r.id));
      if (findings.some((f) => f.reportId !== undefined && waiting.has(f.reportId))) void refreshQueue();
    }),
  ];
  // Back online, or back in this window: the queue may have changed meanwhile.
  const again = () => { if (mayModerate()) void refreshQueue(); };
  window.addEventListener('online', again);
  window.addEventListener('focus', again);
  return () => {
    unsubscribers.forEach((u) => u());
    window.removeEventListener('online', again);
    window.removeEventListener('focus', again);
  };
}
