import type { AreaKind } from '../domain/types';

/** The view state that a shared link carries. */
export interface UrlState {
  selection?: { kind: AreaKind; id: string };
  /** Map centre (lon, lat, WGS84) and zoom. */
  view?: { center: [number, number]; zoom: number };
  lang?: 'sv' | 'en';
}

const KIND_TOKENS: Record<AreaKind, string> = { district: 'district', stadsdel: 'stadsdel', priorityArea: 'priority-area' };
const TOKEN_KINDS = new Map(Object.entries(KIND_TOKENS).map(([k, v]) => [v, k as AreaKind]));

/**
 * Reads `?sel=priority-area:tensta&map=12.5/59.39450/17.90130&lang=en`. Parts that do not
 * parse are left out (and reported in `rejected`) so that a damaged link still opens the app.
 */
export function parseUrlState(search: string): UrlState & { rejected: string[] } {
  const params = new URLSearchParams(search);
  const out: UrlState & { rejected: string[] } = { rejected: [] };
  const sel = params.get('sel');
  if (sel !== null) {
    const [token, id] = sel.split(':', 2);
    const kind = token ? TOKEN_KINDS.get(token) : undefined;
    if (kind && id && /^[a-z0-9-]{1,80}$/.test(id)) out.selection = { kind, id };
    else out.rejected.push(`sel=${sel}`);
  }
  const map = params.get('map');
  if (map !== null) {
    const [z, lat, lon] = map.split('/').map(Number);
    const ok = [z, lat, lon].every((v) => v !== undefined && Number.isFinite(v)) &&
      z! >= 0 && z! <= 22 && Math.abs(lat!) <= 85 && Math.abs(lon!) <= 180;
    if (ok) out.view = { center: [lon!, lat!], zoom: z! };
    else out.rejected.push(`map=${map}`);
  }
  const lang = params.get('lang');
  if (lang === 'sv' || lang === 'en') out.lang = lang;
  else if (lang !== null) out.rejected.push(`lang=${lang}`);
  return out;
}

/** Writes the state as a query string (with leading "?"), in a stable order. */
export function formatUrlState(state: UrlState): string {
  const params = new URLSearchParams();
  if (state.selection) params.set('sel', `${KIND_TOKENS[state.selection.kind]}:${state.selection.id}`);
  if (state.view) {
    const { center: [lon, lat], zoom } = state.view;
    params.set('map', `${zoom.toFixed(2)}/${lat.toFixed(5)}/${lon.toFixed(5)}`);
  }
  if (state.lang && state.lang !== 'sv') params.set('lang', state.lang);
  const text = params.toString().replace(/%3A/g, ':').replace(/%2F/g, '/');
  return text ? `?${text}` : '';
}
