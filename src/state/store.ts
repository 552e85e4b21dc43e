import { useStore } from 'zustand';
import { subscribeWithSelector } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import type { AreaIndex } from '../domain/area-index';
import type { ProgrammeCatalogue } from '../domain/programme';
import type { ProgrammeFilter } from '../domain/programme-filter';
import type { AreaKind, AreasBundle } from '../domain/types';
import type { MessageKey } from '../i18n/strings';
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
  }
  | { status: 'error'; reason: string };

export interface Notice { key: MessageKey; params: Record<string, string> }

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
    setLang: (lang) => set({ lang }),
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
  })),
);

/** React hook over the app store with a selector. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
