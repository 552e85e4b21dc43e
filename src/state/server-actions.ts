/**
 * The app with its server: finding out whether there is one, opening the server store, the
 * session (log in, log out, invitations), a finding's history from the server, and the
 * permissions the UI mirrors. Without a server none of this runs and the app is local only.
 */

import type { Account, Organisation, Viewer } from '../domain/accounts';
import type { Finding, FindingEvent, FindingStatus } from '../domain/walks/types';
import { ApiClient, ApiError, detectServer, NetworkError, type SessionInfo } from '../storage/api-client';
import { openIndexedDbStore } from '../storage/indexeddb-store';
import { openServerStore, type ServerStore } from '../storage/server-store';
import type { WalkStore } from '../storage/walk-store';
import { appStore, type AppState } from './store';

const SERVER_KEY = 'omradeskartan.server';
const SESSION_KEY = 'omradeskartan.session';

let api: ApiClient | null = null;
let serverStore: ServerStore | null = null;

const set = (partial: Partial<AppState>) => appStore.getState().set(partial);

function storageGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function storageSet(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage disabled: the app then cannot know of its server when it starts offline.
  }
}

/** The API of the app's server, when there is one. */
export function apiClient(): ApiClient | null {
  return api;
}

/** The server store, when the app runs with a server. */
export function currentServerStore(): ServerStore | null {
  return serverStore;
}

/**
 * The walk store to use: the server store when the page's server answers `/api/health` (or
 * answered on an earlier visit and cannot be reached now), else IndexedDB as without a server.
 */
export async function openPreferredStore(): Promise<WalkStore> {
  const base = new URL('api/', document.baseURI).toString();
  const presence = await detectServer(base);
  const known = storageGet(SERVER_KEY) === base;
  if (presence.kind === 'none' || (presence.kind === 'unreachable' && !known)) {
    if (presence.kind === 'none') storageSet(SERVER_KEY, null);
    return openIndexedDbStore();
  }
  storageSet(SERVER_KEY, base);
  api = new ApiClient(base);
  const store = await openServerStore({ api, onStatus: (sync) => set({ sync }) });
  serverStore = store;
  set({ sync: store.syncStatus() });
  const remembered = rememberedSession();
  set({ serverSession: { account: remembered?.account ?? null, organisation: remembered?.organisation ?? null, offline: true } });
  await refreshSession();
  store.start();
  return store;
}

function rememberedSession(): { account: Account; organisation: Organisation | null } | null {
  try {
    const value = storageGet(SESSION_KEY);
    return value ? (JSON.parse(value) as { account: Account; organisation: Organisation | null }) : null;
  } catch {
    return null;
  }
}

function applySession(info: SessionInfo): void {
  set({ serverSession: { account: info.account, organisation: info.organisation, offline: false } });
  // Shown while offline on the next start; the server still decides on every request.
  storageSet(SESSION_KEY, info.account ? JSON.stringify({ account: info.account, organisation: info.organisation }) : null);
  serverStore?.setAccount(info.account?.id ?? null);
}

/** Asks the server who is logged in. Offline, the last known account is kept. */
export async function refreshSession(): Promise<void> {
  if (!api) return;
  try {
    applySession(await api.session());
  } catch (error) {
    if (!(error instanceof NetworkError)) console.warn('session check failed', error);
    const session = appStore.getState().serverSession;
    serverStore?.setAccount(session?.account?.id ?? null);
  }
}

export type LoginResult = { ok: true } | { ok: false; reason: 'wrong' | 'rate-limited' | 'offline' | 'error'; message?: string };

function failure(error: unknown): LoginResult {
  if (error instanceof NetworkError) return { ok: false, reason: 'offline' };
  if (error instanceof ApiError && error.status === 401) return { ok: false, reason: 'wrong' };
  if (error instanceof ApiError && error.status === 429) return { ok: false, reason: 'rate-limited' };
  return { ok: false, reason: 'error', message: error instanceof Error ? error.message : String(error) };
}

export async function logIn(email: string, password: string): Promise<LoginResult> {
  if (!api) return { ok: false, reason: 'error' };
  try {
    applySession(await api.login(email, password));
  } catch (error) {
    return failure(error);
  }
  await afterSessionChange();
  return { ok: true };
}

/** Logs out here, or everywhere (every session of the account). */
export async function logOut(everywhere = false): Promise<LoginResult> {
  if (!api) return { ok: false, reason: 'error' };
  try {
    await api.logout(everywhere);
  } catch (error) {
    // Already logged out on the server: what was wanted.
    if (!(error instanceof ApiError && error.status === 401)) return failure(error);
  }
  try {
    applySession(await api.session());
  } catch {
    applySession({ account: null, organisation: null, csrfToken: '' });
  }
  await afterSessionChange();
  return { ok: true };
}

async function afterSessionChange(): Promise<void> {
  if (!serverStore) return;
  // What this viewer may see replaces the copy (pending changes stay), then the outbox goes.
  await serverStore.pull();
  serverStore.kick();
}

export function invitation(token: string): Promise<{ email: string; role: Account['role']; expiresAt: string }> {
  if (!api) return Promise.reject(new Error('no server'));
  return api.invitation(token);
}

export async function acceptInvitation(token: string, name: string, password: string): Promise<LoginResult> {
  if (!api) return { ok: false, reason: 'error' };
  try {
    applySession(await api.acceptInvitation(token, name, password));
  } catch (error) {
    return failure(error);
  }
  set({ invitation: null });
  await afterSessionChange();
  return { ok: true };
}

/** A finding's history as the server recorded it (who, when, what). */
export function findingHistory(findingId: string): Promise<FindingEvent[]> {
  if (!api) return Promise.reject(new Error('no server'));
  return api.history(findingId);
}

/**
 * A status change by a responsible party, who may not save the whole finding: `POST
 * /api/findings/{id}/status` (the server adds who did it), then the copy follows the server. Not
 * queued: it needs the server now, and says so when it cannot be reached.
 */
export async function changeStatusOnServer(finding: Finding, to: FindingStatus, note?: string, notePublic = false): Promise<void> {
  if (!api) throw new Error('no server');
  const trimmed = note?.trim();
  try {
    await api.request<Finding>('POST', `findings/${encodeURIComponent(finding.id)}/status`, {
      body: { to, revision: finding.revision, ...(trimmed ? { note: trimmed, ...(notePublic ? { notePublic: true } : {}) } : {}) },
    });
  } finally {
    // Also after a refusal (someone changed it first): show the finding as it is now.
    await serverStore?.pull();
  }
}

/** Where a photo is: inline, or on the server. */
export function photoSrc(photo: { dataUrl?: string; id?: string }): string | undefined {
  if (photo.dataUrl) return photo.dataUrl;
  if (!photo.id) return undefined;
  return api ? api.photoUrl(photo.id) : new URL(`api/photos/${encodeURIComponent(photo.id)}`, document.baseURI).toString();
}

/** The viewer for permission checks; null without a server (then the user may do everything here). */
export function viewerOf(session: AppState['serverSession']): Viewer | null {
  if (!session) return null;
  return session.account ? { kind: 'account', account: session.account } : { kind: 'public' };
}
