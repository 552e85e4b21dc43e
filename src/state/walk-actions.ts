import { createAreaLookup, type AreaLookup } from '../domain/walks/area-lookup';
import { checkPosition } from '../domain/walks/coordinates';
import { newFinding, newWalk, validateFindingInput, validateWalkInput } from '../domain/walks/new-records';
import { transition } from '../domain/walks/status';
import type { Finding, FindingStatus, LonLat, Walk, WalkData } from '../domain/walks/types';
import { importGeoJson } from '../io/geojson';
import { createMemoryStore } from '../storage/memory-store';
import { ConflictError, isStorageError, type StoreChange, type WalkStore } from '../storage/walk-store';
import type { FindingInput } from '../ui/FindingForm';
import type { WalkInput } from '../ui/WalkForm';
import { changeStatusOnServer, openPreferredStore } from './server-actions';
import { appStore, type AppState, type Notice } from './store';

/**
 * Everything the user does to walks and findings goes through these functions: they validate,
 * write through the one WalkStore, keep the app store in step, and turn storage errors into
 * messages. They are plain functions, usable from React and from tests alike.
 */

let store: WalkStore | null = null;
let lookup: AreaLookup | null = null;

const set = (partial: Partial<AppState>) => appStore.getState().set(partial);
const now = () => new Date().toISOString();
const newId = () => crypto.randomUUID();

function requireStore(): WalkStore {
  if (!store) throw new Error('walk storage is not open yet');
  return store;
}

/** Applies a change (from this tab or another) to the records the app shows. */
function apply(change: StoreChange): void {
  if (change.type === 'closed') {
    set({ storageProblem: { key: 'storageVersion', params: {} } });
    return;
  }
  if (change.type === 'conflict') {
    set({ conflict: change.error });
    return;
  }
  if (change.type === 'reset') {
    void requireStore().load().then((walkData) => set({ walkData }));
    return;
  }
  const { walkData } = appStore.getState();
  const replace = <T extends { id: string }>(list: T[], changed: T[], deleted: string[]) => {
    const byId = new Map(list.map((r) => [r.id, r]));
    for (const id of deleted) byId.delete(id);
    for (const r of changed) byId.set(r.id, r);
    return [...byId.values()];
  };
  set({
    walkData: {
      walks: replace(walkData.walks, change.walks, change.deletedWalkIds),
      findings: replace(walkData.findings, change.findings, change.deletedFindingIds),
    },
  });
}

/**
 * Opens the server store when the app is served by its server, else IndexedDB (or, where the
 * browser has none, a memory store with a plain warning).
 */
export async function openWalkStorage(open: () => Promise<WalkStore> = openPreferredStore): Promise<void> {
  try {
    store = await open();
  } catch (error) {
    store = createMemoryStore();
    set({ storageProblem: { key: 'storageUnavailable', params: {} } });
    console.warn('walk storage unavailable, using memory', error);
  }
  store.subscribe(apply);
  // A handle for the browser benchmark (scripts/bench-browser.ts) to load many records at once.
  (window as unknown as { omradeskartan?: Record<string, unknown> }).omradeskartan = {
    ...(window as unknown as { omradeskartan?: Record<string, unknown> }).omradeskartan,
    importWalkData: (data: WalkData) => requireStore().importAll(data),
  };
  try {
    set({ walkData: await store.load(), walkStorage: { status: 'ready', kind: store.kind } });
  } catch (error) {
    report(error);
    set({ walkStorage: { status: 'ready', kind: store.kind } });
  }
}

/** The point-in-polygon lookup, built once from the loaded areas. */
export function areaLookup(): AreaLookup | null {
  const data = appStore.getState().data;
  if (data.status !== 'ready') return null;
  lookup ??= createAreaLookup(data.bundle);
  return lookup;
}

/** Turns a failed write into a message that stays until dismissed; a conflict reloads the record. */
function report(error: unknown): void {
  if (error instanceof ConflictError && store?.kind === 'server') {
    // Shown side by side (ConflictDialog); the local copy is the stored version.
    set({ conflict: error });
    void requireStore().load().then((walkData) => set({ walkData }));
  } else if (error instanceof ConflictError) {
    set({ storageProblem: { key: 'storageConflict', params: {} } });
    void requireStore().load().then((walkData) => set({ walkData }));
  } else if (isStorageError(error)) {
    const key = error.kind === 'quota' ? 'storageFull' : error.kind === 'unavailable' ? 'storageUnavailable' : error.kind === 'version' ? 'storageVersion' : 'storageError';
    set({ storageProblem: { key, params: { reason: error.message } } });
  } else {
    set({ storageProblem: { key: 'storageError', params: { reason: error instanceof Error ? error.message : String(error) } } });
  }
}

async function guarded<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    report(error);
    return undefined;
  }
}

export async function saveWalkForm(existing: Walk | null, input: WalkInput): Promise<Walk | undefined> {
  const valid = validateWalkInput({ ...input, route: existing?.route ?? null });
  if (!valid.ok) {
    set({ storageProblem: { key: 'storageError', params: { reason: valid.errors.map((e) => `${e.field ?? ''}: ${e.message}`).join('; ') } } });
    return undefined;
  }
  const walk = existing ? { ...existing, ...valid.value, route: existing.route } : newWalk(valid.value, now(), newId());
  const saved = await guarded(() => requireStore().saveWalk(walk));
  if (saved) set({ walkForm: null });
  return saved;
}

export async function saveRoute(walk: Walk, route: LonLat[] | null): Promise<void> {
  const saved = await guarded(() => requireStore().saveWalk({ ...walk, route: route && route.length > 1 ? route : null }));
  if (saved) set({ routeDraft: null, mapMode: 'browse' });
}

/** Saves the resident reports a walk will look at (its stops); the server checks that the member moderates each. */
export async function saveWalkReportIds(walk: Walk, reportIds: string[]): Promise<void> {
  await guarded(() => requireStore().saveWalk({ ...walk, reportIds }));
}

export async function deleteWalk(walk: Walk): Promise<void> {
  const before = await guarded(() => requireStore().deleteWalk(walk.id, { revision: walk.revision }));
  if (before) {
    const { selection } = appStore.getState();
    set({ toast: { key: 'deletedWalk', undo: before }, walkForm: null });
    if (selection?.kind === 'walk' && selection.id === walk.id) appStore.getState().select(null);
  }
}

/** A position that was not accepted, as a message in the user's language (with the suggested fix). */
function positionNotice(check: Extract<ReturnType<typeof checkPosition>, { ok: false }>): Notice {
  const suggestion = check.suggestion ? `${check.suggestion[1].toFixed(5)}, ${check.suggestion[0].toFixed(5)}` : '';
  return { key: `positionProblem_${check.kind}`, params: { suggestion } };
}

/** A click in pin mode: checks the position, then opens the form for a new finding there. */
export function pinAt(position: LonLat): void {
  const check = checkPosition(position);
  if (!check.ok) {
    set({ storageProblem: positionNotice(check) });
    return;
  }
  set({ findingDraft: { position: check.value }, mapMode: 'browse' });
}

export async function createFinding(position: LonLat, input: FindingInput): Promise<Finding | undefined> {
  const valid = validateFindingInput({ ...input, position });
  if (!valid.ok) {
    set({ storageProblem: { key: 'storageError', params: { reason: valid.errors.map((e) => `${e.field ?? ''}: ${e.message}`).join('; ') } } });
    return undefined;
  }
  const place = areaLookup()?.locate(position);
  const saved = await guarded(() => requireStore().saveFinding(newFinding(valid.value, now(), newId(), place)));
  if (saved) {
    // During a walk the next finding follows: pinning goes on until the user stops it.
    set({ findingDraft: null, mapMode: appStore.getState().pinWalkId ? 'pin' : 'browse' });
    appStore.getState().select({ kind: 'finding', id: saved.id });
  }
  return saved;
}

export async function updateFinding(finding: Finding, input: FindingInput): Promise<void> {
  const valid = validateFindingInput({ ...input, position: finding.position });
  if (!valid.ok) {
    set({ storageProblem: { key: 'storageError', params: { reason: valid.errors.map((e) => `${e.field ?? ''}: ${e.message}`).join('; ') } } });
    return;
  }
  // The form does not move a finding (dragging does), so its stored position stays.
  const saved = await guarded(() => requireStore().saveFinding({ ...finding, ...valid.value, position: finding.position }));
  if (saved) set({ editingFinding: null });
}

/** A finding dragged on the map: checked, placed anew by point in polygon, saved. */
export async function moveFinding(id: string, position: LonLat): Promise<void> {
  const finding = appStore.getState().walkData.findings.find((f) => f.id === id);
  if (!finding) return;
  const check = checkPosition(position);
  if (!check.ok) {
    // The point snaps back (the stored position is drawn again) and the user is told why.
    set({ storageProblem: positionNotice(check), walkData: { ...appStore.getState().walkData } });
    return;
  }
  const place = areaLookup()?.locate(check.value) ?? {};
  await guarded(() => requireStore().saveFinding({ ...finding, ...place, position: check.value }));
}

export async function changeStatus(finding: Finding, to: FindingStatus, note?: string, notePublic = false): Promise<void> {
  const next = transition(finding, to, now(), note, notePublic);
  if (!next.ok) {
    set({ storageProblem: { key: 'storageError', params: { reason: next.errors[0]!.message } } });
    return;
  }
  // A responsible party moves the status only, through its own endpoint (never a whole save).
  if (store?.kind === 'server' && appStore.getState().serverSession?.account?.role === 'responsible') {
    await guarded(() => changeStatusOnServer(finding, to, note, notePublic));
    return;
  }
  await guarded(() => requireStore().saveFinding(next.value));
}

export async function deleteFinding(finding: Finding): Promise<void> {
  const before = await guarded(() => requireStore().deleteFinding(finding.id, { revision: finding.revision }));
  if (before) {
    set({ toast: { key: 'deletedFinding', undo: before }, editingFinding: null });
    const { selection } = appStore.getState();
    if (selection?.kind === 'finding' && selection.id === finding.id) appStore.getState().select(null);
  }
}

/** Undo of the last delete: puts the records back exactly as they were. */
export async function undoLast(): Promise<void> {
  const undo = appStore.getState().toast?.undo;
  if (!undo) return;
  set({ toast: null });
  const done = await guarded(async () => { await requireStore().restore(undo); return true; });
  if (done) set({ toast: { key: 'restored' } });
}

/**
 * Imports a GeoJSON file: validated first; on any problem nothing is written and every problem is
 * returned with its row; otherwise everything is written in one transaction.
 */
export async function importWalkFile(text: string): Promise<
  { ok: true; added: number; updated: number; unchanged: number; kept: number } | { ok: false; problems: { row?: number; field?: string; message: string }[] }
> {
  const result = importGeoJson(text, { existing: appStore.getState().walkData });
  if (!result.ok) return { ok: false, problems: result.errors };
  const placed: WalkData = {
    walks: result.value.walks,
    findings: result.value.findings.map((f) => ({ ...f, ...(areaLookup()?.locate(f.position) ?? {}) })),
  };
  try {
    const summary = await requireStore().importAll(placed);
    return { ok: true, ...summary };
  } catch (error) {
    report(error);
    return { ok: false, problems: [{ message: error instanceof Error ? error.message : String(error) }] };
  }
}

/**
 * Imports new findings mapped from another tool's GeoJSON (see `mapForeignFindings`): each placed
 * in its stadsdel, district and priority areas by the area lookup, all written in one transaction
 * or none.
 */
export async function importMappedFindings(findings: Finding[]): Promise<
  { ok: true; added: number; updated: number; unchanged: number; kept: number } | { ok: false; message: string }
> {
  const placed = findings.map((f) => ({ ...f, ...(areaLookup()?.locate(f.position) ?? {}) }));
  try {
    const summary = await requireStore().importAll({ walks: [], findings: placed });
    return { ok: true, ...summary };
  } catch (error) {
    report(error);
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Loads the shipped example walk (marked as example data) into the store. */
export async function loadExample(base: string): Promise<void> {
  await guarded(async () => {
    const response = await fetch(`${base}data/example-walk.geojson`);
    if (!response.ok) throw new Error(`example-walk.geojson: HTTP ${response.status}`);
    const result = await importWalkFile(await response.text());
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  });
}

export async function removeExamples(): Promise<void> {
  const before = await guarded(() => requireStore().removeExamples());
  if (before) set({ toast: { key: 'deletedWalk', undo: before } });
}

/**
 * Settles a conflict: 'theirs' keeps the stored version (already the local copy); a record (mine,
 * or a field by field choice) is saved on top of the stored revision; null with 'mine' repeats a
 * delete the other change had stopped.
 */
export async function resolveConflict(choice: { keep: 'theirs' } | { keep: 'mine'; record: Walk | Finding | null }): Promise<void> {
  const conflict = appStore.getState().conflict;
  if (!conflict) return;
  set({ conflict: null });
  if (choice.keep === 'theirs') return;
  const revision = conflict.stored?.revision ?? 0;
  if (choice.record === null) {
    if (conflict.stored === null) return;
    await guarded(() => conflict.entity === 'walk'
      ? requireStore().deleteWalk(conflict.id, { revision })
      : requireStore().deleteFinding(conflict.id, { revision }));
    return;
  }
  const record = { ...choice.record, revision };
  await guarded<Walk | Finding>(() => conflict.entity === 'walk' ? requireStore().saveWalk(record as Walk) : requireStore().saveFinding(record as Finding));
}
