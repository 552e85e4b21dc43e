/**
 * The resident's side of reports: the report form's draft (kept in this tab's session storage
 * until it is sent, so that a failed send, a closed panel or a reload loses nothing), sending it
 * to `POST /api/reports`, the receipt with the private follow link, and which report view the
 * side panel shows (the form, or the follow page of `#rapport=<token>`).
 */

import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { ReportReceipt } from '../domain/reports';
import { checkPosition } from '../domain/walks/coordinates';
import type { LonLat } from '../domain/walks/types';
import { ApiError, NetworkError, type ApiClient } from '../storage/api-client';
import {
  EMPTY_DRAFT, parseDraft, reportBody, reportFieldErrors, retryAt, validateReport,
  type ReportDraft, type ReportFieldErrors,
} from './report-form';
import { apiClient } from './server-actions';
import { appStore } from './store';

/** What went wrong with the last send (the draft is kept in every case). */
export type SendProblem =
  | { kind: 'fields' }
  | { kind: 'rate-limited'; minutes: number; time: string }
  | { kind: 'too-large' }
  | { kind: 'offline' }
  | { kind: 'server'; status: number }
  | { kind: 'refused'; reason: string }
  | { kind: 'no-server' };

/** What the side panel shows; `focus`: opened by the user here (its heading takes focus), not restored or opened by a link. */
export type ReportView = { kind: 'form'; focus: boolean } | { kind: 'follow'; token: string | null; focus: boolean } | null;

export interface ReportState {
  view: ReportView;
  draft: ReportDraft;
  errors: ReportFieldErrors;
  sending: boolean;
  problem: SendProblem | null;
  /** The answer to the last report sent from this tab, until the resident closes it. */
  receipt: { followToken: string; id: string; wantsUpdates: boolean } | null;
  /** Bumped when the form should move focus to its first field in error. */
  focusError: number;
  /** A place chosen by position that could not be used (shown beside the place). */
  positionProblem: 'denied' | 'unavailable' | 'outside' | 'waiting' | null;
  /** Where the report on the follow page lies, once loaded (shown on the map). */
  followAt: LonLat | null;
}

const SESSION_KEY = 'omradeskartan.report';

function readSession(): Pick<ReportState, 'draft' | 'receipt' | 'view'> {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    if (!raw) return { draft: { ...EMPTY_DRAFT }, receipt: null, view: null };
    const value = JSON.parse(raw) as { draft?: unknown; receipt?: ReportState['receipt']; open?: boolean };
    const receipt = value.receipt && typeof value.receipt.followToken === 'string' && typeof value.receipt.id === 'string'
      ? { followToken: value.receipt.followToken, id: value.receipt.id, wantsUpdates: value.receipt.wantsUpdates === true } : null;
    return { draft: parseDraft(value.draft), receipt, view: value.open ? { kind: 'form', focus: false } : null };
  } catch {
    return { draft: { ...EMPTY_DRAFT }, receipt: null, view: null };
  }
}

function writeSession(state: ReportState): void {
  const open = state.view?.kind === 'form';
  const value = { draft: state.draft, receipt: state.receipt, open };
  try {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(value));
  } catch {
    // Full (a large photo) or disabled: keep the text at least; the photo then lasts while the page is open.
    try {
      sessionStorage.setItem(SESSION_KEY, JSON.stringify({ ...value, draft: { ...value.draft, photo: null } }));
    } catch {
      // Storage disabled: the draft lives in memory for this visit.
    }
  }
}

export const reportStore = createStore<ReportState>()(() => ({
  ...readSession(),
  errors: {},
  sending: false,
  problem: null,
  focusError: 0,
  positionProblem: null,
  followAt: null,
}));

reportStore.subscribe((state, before) => {
  if (state.draft !== before.draft || state.receipt !== before.receipt || state.view !== before.view) writeSession(state);
});

export function useReport<T>(selector: (state: ReportState) => T): T {
  return useStore(reportStore, selector);
}

const setReport = (partial: Partial<ReportState>) => reportStore.setState(partial);

/** Opens the form in the side panel (the draft, or the last receipt, as they were). */
export function openReportForm(): void {
  setReport({ view: { kind: 'form', focus: true } });
  appStore.getState().select(null);
}

/** Closes the form or the follow page; the draft stays for later. A follow link leaves the address. */
export function closeReport(): void {
  const { view } = reportStore.getState();
  if (appStore.getState().mapMode === 'pick-report') appStore.getState().set({ mapMode: 'browse' });
  setReport({ view: null, followAt: null });
  if (view?.kind === 'follow' && typeof window !== 'undefined' && window.location.hash) {
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
  }
}

/** Shows the follow page of a token (from `#rapport=`); null: a damaged link. `focus`: opened here, not by loading the page. */
export function openFollow(token: string | null, focus = false): void {
  setReport({ view: { kind: 'follow', token, focus }, followAt: null });
}

/** The follow page's report lies here (null: not loaded). */
export function setFollowPlace(at: LonLat | null): void {
  setReport({ followAt: at });
}

export function updateDraft(change: Partial<ReportDraft>): void {
  const { draft, errors, problem } = reportStore.getState();
  // A field the resident changes no longer shows its old message (nor, once none is left, the summary).
  const cleared = { ...errors };
  for (const key of Object.keys(change)) delete cleared[key as keyof ReportFieldErrors];
  if ('positionHow' in change) delete cleared.position;
  const done = problem?.kind === 'fields' && Object.keys(cleared).length === 0;
  setReport({ draft: { ...draft, ...change }, errors: cleared, ...(done ? { problem: null } : {}) });
}

/** The map's next click (or the centre button) chooses the place. */
export function pickReportOnMap(): void {
  appStore.getState().set({ mapMode: 'pick-report' });
  setReport({ positionProblem: null });
}

/** A place chosen on the map, by position or from Nära mig. */
export function setReportPoint(position: LonLat, how: ReportDraft['positionHow']): void {
  const store = appStore.getState();
  if (store.mapMode === 'pick-report') store.set({ mapMode: 'browse' });
  const check = checkPosition(position);
  if (!check.ok) {
    setReport({ errors: { ...reportStore.getState().errors, position: 'outside' } });
    return;
  }
  updateDraft({ position: check.value, positionHow: how });
  setReport({ positionProblem: null });
}

/** The device's position as the place (the browser asks the resident first). */
export function reportAtDevicePosition(): void {
  if (typeof navigator === 'undefined' || !('geolocation' in navigator)) {
    setReport({ positionProblem: 'unavailable' });
    return;
  }
  setReport({ positionProblem: 'waiting' });
  navigator.geolocation.getCurrentPosition(
    (p) => {
      const check = checkPosition([p.coords.longitude, p.coords.latitude]);
      if (!check.ok) setReport({ positionProblem: 'outside' });
      else setReportPoint(check.value, 'position');
    },
    (error) => setReport({ positionProblem: error.code === 1 ? 'denied' : 'unavailable' }),
    { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
  );
}

/** Starts the form again after a receipt (the receipt is gone; the follow link was shown). */
export function startAnotherReport(): void {
  setReport({ receipt: null, draft: { ...EMPTY_DRAFT }, errors: {}, problem: null });
}

/** What a failed send means for the resident. */
export function sendProblem(error: unknown, now = new Date()): { problem: SendProblem; errors: ReportFieldErrors } {
  if (error instanceof NetworkError) return { problem: { kind: 'offline' }, errors: {} };
  if (error instanceof ApiError) {
    if (error.status === 429) {
      const { minutes, time } = retryAt(error.retryAfter ?? 60, now);
      return { problem: { kind: 'rate-limited', minutes, time }, errors: {} };
    }
    if (error.status === 413) return { problem: { kind: 'too-large' }, errors: {} };
    if (error.status === 400) {
      const { fields } = reportFieldErrors(error.problem.errors ?? []);
      if (Object.keys(fields).length > 0) return { problem: { kind: 'fields' }, errors: fields };
      return { problem: { kind: 'refused', reason: error.problem.detail ?? error.problem.title ?? String(error.status) }, errors: {} };
    }
    if (error.status >= 500 || error.status === 408) return { problem: { kind: 'server', status: error.status }, errors: {} };
    return { problem: { kind: 'refused', reason: error.problem.detail ?? error.problem.title ?? String(error.status) }, errors: {} };
  }
  return { problem: { kind: 'refused', reason: error instanceof Error ? error.message : String(error) }, errors: {} };
}

/** 32 random bytes, base64url: the report's follow token, made here so that a resend is recognised. */
export function newFollowToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Validates and sends the draft. The draft is cleared only once the server has answered with a
 * receipt; every failure keeps it and says what to do.
 */
export async function sendReport(districtOf?: (position: LonLat) => string | null, api: ApiClient | null = apiClient()): Promise<boolean> {
  const { draft, sending } = reportStore.getState();
  if (sending) return false;
  const errors = validateReport(draft, districtOf);
  if (Object.keys(errors).length > 0) {
    setReport({ errors, problem: { kind: 'fields' }, focusError: reportStore.getState().focusError + 1 });
    return false;
  }
  if (!api) {
    setReport({ problem: { kind: 'no-server' } });
    return false;
  }
  const sent = draft.followToken ? draft : { ...draft, followToken: newFollowToken() };
  setReport({ sending: true, problem: null, errors: {}, draft: sent });
  try {
    const receipt = await api.request<ReportReceipt>('POST', 'reports', { body: reportBody(sent), timeoutMs: 60_000 });
    setReport({
      sending: false,
      receipt: { followToken: receipt.followToken, id: receipt.id, wantsUpdates: draft.email.trim() !== '' },
      draft: { ...EMPTY_DRAFT },
      problem: null,
    });
    return true;
  } catch (error) {
    const { problem, errors: fields } = sendProblem(error);
    setReport({ sending: false, problem, errors: fields, focusError: reportStore.getState().focusError + (problem.kind === 'fields' ? 1 : 0) });
    return false;
  }
}

/**
 * Calls `show` with the place of the report being written or followed (null when neither is
 * shown) now and whenever it changes; for the map's handle. `focus`: the map should move there (a
 * place not chosen by a tap on the map). Returns the unsubscribe function.
 */
export function followReportPlace(show: (at: LonLat | null, focus: boolean) => void): () => void {
  const placeOf = (r: ReportState) => (r.view?.kind === 'form' && !r.receipt ? r.draft.position : r.view?.kind === 'follow' ? r.followAt : null);
  const focusOf = (r: ReportState) => r.view?.kind === 'follow' || r.draft.positionHow !== 'map';
  let shown = placeOf(reportStore.getState());
  if (shown) show(shown, focusOf(reportStore.getState()));
  return reportStore.subscribe((r) => {
    const at = placeOf(r);
    if (at === shown) return;
    shown = at;
    show(at, focusOf(r));
  });
}
