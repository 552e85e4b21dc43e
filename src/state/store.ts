import { useStore } from 'zustand';
import { subscribeWithSelector } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import type { AreaIndex } from '../domain/area-index';
import type { ProgrammeCatalogue } from '../domain/programme';
import type { SitesOutput } from '../domain/sites';
import type { ProgrammeFilter } from '../domain/programme-filter';
import type { AreaKind, AreasBundle } from '../domain/types';
import type { MessageKey } from '../i18n/strings';
import type { LonLat, WalkData } from '../domain/walks/types';
import type { MapMode } from '../map/area-map';
import type { Account, Organisation } from '../domain/accounts';
import type { SyncStatus } from '../storage/server-store';
import type { ConflictError } from '../storage/walk-store';
import type { CountMetric, PanelTab, SelectionKind } from './url-state';

export type Selection = { kind: SelectionKind; id: string } | null;
export interface MapViewState { center: [number, number]; zoom: number }
export type Lang = 'sv' | 'en';

export type DataState =
  | { status: 'loading' }
  | {
    status: 'ready';
    bundle: AreasBundle;
    index: AreaIndex;
    water: GeoJSON.FeatureCollection;
    programme: ProgrammeCatalogue;
    sites: SitesOutput;
  }
  | { status: 'error'; reason: string };

export interface Notice { key: MessageKey; params: Record<string, string> }

/** Where the user's walks are kept, once known. */
export type WalkStorageState = { status: 'loading' } | { status: 'ready'; kind: 'indexeddb' | 'memory' | 'server' };

/** The session with the app's server (null in the app state: no server, records kept locally). */
export interface ServerSession {
  account: Account | null;
  organisation: Organisation | null;
  /** The server could not be asked (offline): the account shown is the last one known. */
  offline: boolean;
}

/** A short message after an action, with undo data when the action can be undone. */
export interface Toast { key: MessageKey; params?: Record<string, string>; undo?: WalkData }

export interface FollowupFilter {
  walkId?: string;
  category?: string;
  status?: string;
  /** "kind:id" of an area the findings lie in. */
  area?: string;
}

export interface AppState {
  data: DataState;
  selection: Selection;
  /** Last view reported by the map; null until the map has settled. */
  view: MapViewState | null;
  /** Bumped when the map should move to the selection (a user choice, not a restored link). */
  focusRequest: number;
  notices: Notice[];
  lang: Lang;
  filter: ProgrammeFilter;
  tab: PanelTab;
  choropleth: AreaKind | null;
  /** What the choropleth and the table's colour count. */
  metric: CountMetric;
  /** Goals that share one spot on the map, listed after a click on their cluster. */
  stack: string[] | null;
  setData(data: DataState): void;
  select(selection: Selection, options?: { focus?: boolean }): void;
  setView(view: MapViewState): void;
  addNotice(notice: Notice): void;
  dismissNotice(index: number): void;
  setLang(lang: Lang): void;
  /** Merges a change into the filter; undefined or empty values clear that filter. */
  setFilter(change: Partial<ProgrammeFilter>): void;
  clearFilter(): void;
  setTab(tab: PanelTab): void;
  setChoropleth(kind: AreaKind | null): void;
  setStack(goalIds: string[] | null): void;
  setMetric(metric: CountMetric): void;

  walkData: WalkData;
  walkStorage: WalkStorageState;
  /** A storage problem the user must see (full, unavailable, conflict …); stays until dismissed. */
  storageProblem: Notice | null;
  mapMode: MapMode;
  /** The route being drawn or edited, and its walk. */
  routeDraft: { walkId: string; route: LonLat[] } | null;
  /** The walk new findings are pinned to (null: outside a walk). */
  pinWalkId: string | null;
  /** A finding being created at a position (the form is open). */
  findingDraft: { position: LonLat } | null;
  /** The walk form: a walk id to edit, 'new', or closed. */
  walkForm: string | 'new' | null;
  /** The finding form for an existing finding is open. */
  editingFinding: string | null;
  toast: Toast | null;
  /** The app's server and who is logged in; null when there is no server (local only). */
  serverSession: ServerSession | null;
  /** The outbox and the connection (server only). */
  sync: SyncStatus | null;
  /** A change the server (or another tab) refused as stale: both versions, for the user to choose. */
  conflict: ConflictError | null;
  /** The token of an invitation link being accepted (`?invite=`). */
  invitation: string | null;
  followupFilter: FollowupFilter;
  /** The point a resident asked about, how it was chosen, and the radius (metres). */
  near: { point: LonLat; how: 'search' | 'position' | 'map' | 'link'; label?: string; radiusM: number } | null;
  /**
   * A protocol being printed: the walk, and the map image once the map has drawn it, with the
   * streets drawn under it (the project's own, the online basemap's with its credit, or none).
   */
  protocol: { walkId: string; image: string | null; mapStreets?: 'none' | 'own' | 'online'; mapCredit?: string | null } | null;
  set(partial: Partial<AppState>): void;
}

const LANG_KEY = 'omradeskartan.lang';

/** Keeps the language choice for the next visit; a browser that refuses storage just forgets it. */
function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Storage may be disabled (private mode); the choice then lasts for this visit.
  }
}

/** The language chosen on an earlier visit, if any. */
export function rememberedLang(): Lang | null {
  try {
    const value = localStorage.getItem(LANG_KEY);
    return value === 'sv' || value === 'en' ? value : null;
  } catch {
    return null;
  }
}

/** One store for the app; the map adapter and URL sync use its vanilla API. */
export const appStore = createStore<AppState>()(
  subscribeWithSelector((set) => ({
    data: { status: 'loading' },
    selection: null,
    view: null,
    focusRequest: 0,
    notices: [],
    lang: 'sv',
    filter: {},
    tab: 'areas',
    choropleth: null,
    stack: null,
    metric: 'goals',
    setData: (data) => set({ data }),
    select: (selection, options) =>
      set((s) => ({ selection, focusRequest: options?.focus && selection ? s.focusRequest + 1 : s.focusRequest })),
    setView: (view) => set({ view }),
    addNotice: (notice) => set((s) => ({ notices: [...s.notices, notice] })),
    dismissNotice: (index) => set((s) => ({ notices: s.notices.filter((_, i) => i !== index) })),
    setLang: (lang) => {
      set({ lang });
      rememberLang(lang);
    },
    setFilter: (change) =>
      set((s) => {
        const next: Record<string, unknown> = { ...s.filter, ...change };
        for (const [k, v] of Object.entries(next)) if (v === undefined || v === '') delete next[k];
        return { filter: next as ProgrammeFilter };
      }),
    clearFilter: () => set({ filter: {} }),
    setTab: (tab) => set({ tab }),
    setChoropleth: (choropleth) => set({ choropleth }),
    setStack: (stack) => set({ stack }),
    setMetric: (metric) => set({ metric }),
    walkData: { walks: [], findings: [] },
    walkStorage: { status: 'loading' },
    storageProblem: null,
    mapMode: 'browse',
    routeDraft: null,
    pinWalkId: null,
    findingDraft: null,
    walkForm: null,
    editingFinding: null,
    toast: null,
    serverSession: null,
    sync: null,
    conflict: null,
    invitation: null,
    followupFilter: {},
    protocol: null,
    near: null,
    set: (partial) => set(partial),
  })),
);

/** React hook over the app store with a selector. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
