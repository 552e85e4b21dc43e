import type { ProgrammeFilter } from '../domain/programme-filter';
import { THEME_FAMILIES, type ThemeFamily } from '../domain/theme-family';
import type { AreaKind } from '../domain/types';

export type SelectionKind = AreaKind | 'goal' | 'walk' | 'finding' | 'place' | 'site';
export type PanelTab = 'areas' | 'near' | 'programme' | 'summary' | 'walks' | 'followup' | 'reports';
/** 'reports' (the council's queue of resident reports) is shown only to those who moderate them. */
export const PANEL_TABS: PanelTab[] = ['areas', 'near', 'programme', 'summary', 'walks', 'followup', 'reports'];
/** A tab's word in a link where it differs from its name (`flik=tips`). */
const TAB_TOKENS: Partial<Record<PanelTab, string>> = { reports: 'tips' };
/** Radii a resident can choose for "near me", in metres. */
export const NEAR_RADII = [250, 500, 1000, 2000] as const;
export type CountMetric = 'goals' | 'measures';

/** The view state that a shared link carries. */
export interface UrlState {
  selection?: { kind: SelectionKind; id: string };
  /** Map centre (lon, lat, WGS84) and zoom. */
  view?: { center: [number, number]; zoom: number };
  lang?: 'sv' | 'en';
  filter?: ProgrammeFilter;
  tab?: PanelTab;
  /** Area level shown as a choropleth of goal counts, if any. */
  choropleth?: AreaKind;
  /** Counted in the choropleth: goals (default) or measures. */
  metric?: CountMetric;
  /** The point a resident asked about ([lon, lat]) and the radius in metres. */
  near?: { point: [number, number]; radiusM: number };
}

const KIND_TOKENS: Record<SelectionKind, string> = {
  district: 'district', stadsdel: 'stadsdel', priorityArea: 'priority-area', goal: 'goal', walk: 'walk', finding: 'finding',
  place: 'place', site: 'site',
};
const TOKEN_KINDS = new Map(Object.entries(KIND_TOKENS).map(([k, v]) => [v, k as SelectionKind]));
const ID = /^[a-z0-9-]{1,120}$/;

/**
 * Reads `?sel=priority-area:tensta&map=12.5/59.39450/17.90130&lang=en&tema=trygghet&ar=2019…`.
 * Parts that do not parse are left out (and reported in `rejected`) so that a damaged link still
 * opens the app.
 */
export function parseUrlState(search: string): UrlState & { rejected: string[] } {
  const params = new URLSearchParams(search);
  const out: UrlState & { rejected: string[] } = { rejected: [] };
  const reject = (key: string) => out.rejected.push(`${key}=${params.get(key)}`);
  const sel = params.get('sel');
  if (sel !== null) {
    const [token, id] = sel.split(':', 2);
    const kind = token ? TOKEN_KINDS.get(token) : undefined;
    if (kind && id && ID.test(id)) out.selection = { kind, id };
    else reject('sel');
  }
  const map = params.get('map');
  if (map !== null) {
    const [z, lat, lon] = map.split('/').map(Number);
    const ok = [z, lat, lon].every((v) => v !== undefined && Number.isFinite(v)) &&
      z! >= 0 && z! <= 22 && Math.abs(lat!) <= 85 && Math.abs(lon!) <= 180;
    if (ok) out.view = { center: [lon!, lat!], zoom: z! };
    else reject('map');
  }
  const lang = params.get('lang');
  if (lang === 'sv' || lang === 'en') out.lang = lang;
  else if (lang !== null) reject('lang');

  const filter: ProgrammeFilter = {};
  const d = params.get('d');
  if (d !== null) { if (ID.test(d)) filter.districtId = d; else reject('d'); }
  const pa = params.get('pa');
  if (pa !== null) { if (ID.test(pa)) filter.priorityAreaId = pa; else reject('pa'); }
  const tema = params.get('tema');
  if (tema !== null) {
    if ((THEME_FAMILIES as readonly string[]).includes(tema)) filter.family = tema as ThemeFamily;
    else reject('tema');
  }
  const ar = params.get('ar');
  if (ar !== null) { if (/^(19|20)\d\d$/.test(ar)) filter.year = Number(ar); else reject('ar'); }
  const partner = params.get('partner');
  if (partner !== null && partner.trim()) filter.partner = partner.slice(0, 200);
  const q = params.get('q');
  if (q !== null && q.trim()) filter.query = q.slice(0, 200);
  if (Object.keys(filter).length > 0) out.filter = filter;

  const tab = params.get('flik');
  if (tab !== null) {
    const named = PANEL_TABS.find((p) => (TAB_TOKENS[p] ?? p) === tab);
    if (named) out.tab = named; else reject('flik');
  }
  const choro = params.get('karta');
  if (choro !== null) {
    const kind = TOKEN_KINDS.get(choro);
    if (kind === 'district' || kind === 'stadsdel' || kind === 'priorityArea') out.choropleth = kind;
    else reject('karta');
  }
  const nara = params.get('nara');
  if (nara !== null) {
    const [lat, lon] = nara.split(',').map(Number);
    const radius = Number(params.get('radie') ?? 500);
    const ok = Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat!) <= 90 && Math.abs(lon!) <= 180 &&
      (NEAR_RADII as readonly number[]).includes(radius);
    if (ok) out.near = { point: [lon!, lat!], radiusM: radius };
    else reject('nara');
  }
  const metric = params.get('matt');
  if (metric !== null) { if (metric === 'atgarder') out.metric = 'measures'; else if (metric === 'mal') out.metric = 'goals'; else reject('matt'); }
  return out;
}

/** Writes the state as a query string (with leading "?"), in a stable order. */
export function formatUrlState(state: UrlState): string {
  const params = new URLSearchParams();
  if (state.tab && state.tab !== 'areas') params.set('flik', TAB_TOKENS[state.tab] ?? state.tab);
  if (state.selection) params.set('sel', `${KIND_TOKENS[state.selection.kind]}:${state.selection.id}`);
  const f = state.filter ?? {};
  if (f.districtId) params.set('d', f.districtId);
  if (f.priorityAreaId) params.set('pa', f.priorityAreaId);
  if (f.family) params.set('tema', f.family);
  if (f.year !== undefined) params.set('ar', String(f.year));
  if (f.partner) params.set('partner', f.partner);
  if (f.query) params.set('q', f.query);
  if (state.choropleth) params.set('karta', KIND_TOKENS[state.choropleth]);
  if (state.metric === 'measures') params.set('matt', 'atgarder');
  if (state.near) {
    params.set('nara', `${state.near.point[1].toFixed(5)},${state.near.point[0].toFixed(5)}`);
    params.set('radie', String(state.near.radiusM));
  }
  if (state.view) {
    const { center: [lon, lat], zoom } = state.view;
    params.set('map', `${zoom.toFixed(2)}/${lat.toFixed(5)}/${lon.toFixed(5)}`);
  }
  if (state.lang && state.lang !== 'sv') params.set('lang', state.lang);
  const text = params.toString().replace(/%3A/g, ':').replace(/%2F/g, '/').replace(/%2C/g, ',');
  return text ? `?${text}` : '';
}
