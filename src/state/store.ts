import { useStore } from 'zustand';
import { subscribeWithSelector } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import type { AreaIndex } from '../domain/area-index';
import type { AreaKind, AreasBundle } from '../domain/types';
import type { MessageKey } from '../i18n/strings';

export type Selection = { kind: AreaKind; id: string } | null;
export interface MapViewState { center: [number, number]; zoom: number }
export type Lang = 'sv' | 'en';

export type DataState =
  | { status: 'loading' }
  | { status: 'ready'; bundle: AreasBundle; index: AreaIndex; water: GeoJSON.FeatureCollection }
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
  setData(data: DataState): void;
  select(selection: Selection, options?: { focus?: boolean }): void;
  setView(view: MapViewState): void;
  addNotice(notice: Notice): void;
  dismissNotice(index: number): void;
  setLang(lang: Lang): void;
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
    setData: (data) => set({ data }),
    select: (selection, options) =>
      set((s) => ({ selection, focusRequest: options?.focus && selection ? s.focusRequest + 1 : s.focusRequest })),
    setView: (view) => set({ view }),
    addNotice: (notice) => set((s) => ({ notices: [...s.notices, notice] })),
    dismissNotice: (index) => set((s) => ({ notices: s.notices.filter((_, i) => i !== index) })),
    setLang: (lang) => set({ lang }),
  })),
);

/** React hook over the app store with a selector. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
