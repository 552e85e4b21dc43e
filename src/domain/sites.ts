/**
 * Platssamverkan / platsaktivering sites and LOV3 areas (data/sites.json, document 003): schema
 * and the pure build step that validates them against the areas, the named places and the seed
 * documents, and turns them into the two GeoJSON layers the app draws.
 */
import * as turf from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { z } from 'zod';
import { areaKm2, circleWithin, geometryProblems, quantize, shareOutside, STOCKHOLM_BBOX } from './geometry';
import { foldName } from './names';
import { flattenSourceText, documentContains } from './source-text';
import type { Place } from './programme-schema';
import type { AreaGeometry, AreasBundle, StadsdelFeature } from './types';

const [WEST, SOUTH, EAST, NORTH] = STOCKHOLM_BBOX;

const slug = z.string().regex(/^[a-z0-9-]+$/, 'ids are lower-case ascii words joined by "-"');
const text = z.string().min(1);
/** A date as precise as the document gives it. */
const partialDate = z.string().regex(/^\d{4}(-\d{2})?$/, 'dates are YYYY or YYYY-MM');
/** [lon, lat] WGS84, inside Stockholm. */
const lonLat = z.tuple([z.number().min(WEST).max(EAST), z.number().min(SOUTH).max(NORTH)]);

/** A source reference whose quote is required: the document's own words, checked by the build. */
export const quotedSourceSchema = z.object({
  document: z.string().regex(/^\d{3}$/, 'document must be a three-digit id such as "003"'),
  section: text,
  quote: text,
});

/**
 * What the document says about a site: 'established' (running and established), 'started'
 * (has started, with a date), 'starting' (to be set up / extended there), 'explored' (the
 * administration is to find out whether it is possible).
 */
export const SITE_STATUSES = ['established', 'started', 'starting', 'explored'] as const;

export const siteSchema = z
  .object({
    id: slug,
    /** The place as the document names it. */
    name: text,
    status: z.enum(SITE_STATUSES),
    /** The document's account of the status, in a sentence or two. */
    statusNote: text.optional(),
    /** When it started, as precisely as the document states it; omitted when it does not. */
    since: partialDate.optional(),
    /** The year the document plans the start or the next step for, where it gives one. */
    planned: partialDate.optional(),
    /** Partners as the document writes them; each must occur in partnersSource.quote. */
    partners: z.array(text).min(1),
    /** 'site': named for this site; 'general': the partners of platssamverkan in general. */
    partnersScope: z.enum(['site', 'general']),
    /** Words that follow the list, e.g. "med flera aktörer"; must occur in the quote too. */
    partnersNote: text.optional(),
    /** Required for scope 'site'; for 'general' the file's generalPartners.source is used. */
    partnersSource: quotedSourceSchema.optional(),
    /** A place in data/places/*.json; the site is drawn at its position. */
    placeId: slug.optional(),
    /** Only where no place exists: an explicit position, with positionNote. */
    position: lonLat.optional(),
    positionNote: text.optional(),
    /** Display name of the stadsdel the site lies in, e.g. "Hässelby gård". */
    stadsdel: text,
    /** The sentence that names the site and its status; it must mention the site's name. */
    source: quotedSourceSchema,
    additionalSources: z.array(quotedSourceSchema).optional(),
  })
  .refine((s) => (s.placeId === undefined) !== (s.position === undefined), {
    message: 'give exactly one of placeId and position', path: ['placeId'],
  })
  .refine((s) => s.position === undefined || s.positionNote !== undefined, {
    message: 'an explicit position needs a positionNote', path: ['positionNote'],
  })
  .refine((s) => s.partnersScope === 'general' || s.partnersSource !== undefined, {
    message: "partnersScope 'site' needs a partnersSource", path: ['partnersSource'],
  });

/** Which LOV3 application the document describes for the area. */
export const LOV3_APPLICATIONS = ['extension', 'new'] as const;

export const lov3AreaSchema = z
  .object({
    id: slug,
    /** The place as the document names it. */
    name: text,
    /** 'extension': an existing area the administration applies to enlarge; 'new': a new area applied for. */
    application: z.enum(LOV3_APPLICATIONS),
    /** The place the outline is drawn around (its position is the centre). */
    placeId: slug.optional(),
    stadsdel: text,
    /** The drawing recipe: a circle of radiusM metres, clipped to the stadsdel. */
    outline: z.object({
      type: z.literal('circle'),
      radiusM: z.number().positive().max(1500),
      /** Only when there is no placeId. */
      center: lonLat.optional(),
    }),
    /** The document gives no boundary: every LOV3 outline here is drawn for the app. */
    approximate: z.literal(true),
    note: text,
    /** The sentence that names the place; it must mention the area's name. */
    source: quotedSourceSchema,
    additionalSources: z.array(quotedSourceSchema).optional(),
  })
  .refine((a) => (a.placeId === undefined) !== (a.outline.center === undefined), {
    message: 'give exactly one of placeId and outline.center', path: ['placeId'],
  });

export const sitesFileSchema = z.object({
  document: z.string().regex(/^\d{3}$/),
  /** Partners the document names for platssamverkan / platsaktivering in general. */
  generalPartners: z.object({ partners: z.array(text).min(1), source: quotedSourceSchema }),
  sites: z.array(siteSchema),
  lov3: z.object({
    /** What the document says about the applications as a whole; the areas must add up to it. */
    application: z.object({
      year: z.string().regex(/^\d{4}$/),
      extensions: z.number().int().min(0),
      new: z.number().int().min(0),
      source: quotedSourceSchema,
    }),
    areas: z.array(lov3AreaSchema),
  }),
});

export type QuotedSource = z.infer<typeof quotedSourceSchema>;
export type SiteStatus = (typeof SITE_STATUSES)[number];
export type Lov3Application = (typeof LOV3_APPLICATIONS)[number];
export type SiteInput = z.infer<typeof siteSchema>;
export type Lov3AreaInput = z.infer<typeof lov3AreaSchema>;
export type SitesFile = z.infer<typeof sitesFileSchema>;

/** What buildSites needs of a named place (Place and PlaceRecord both fit). */
export type SitePlace = Pick<Place, 'id' | 'name' | 'stadsdel' | 'position' | 'positionNote'>;

/** Properties of one site point. */
export interface SiteProps {
  id: string;
  name: string;
  status: SiteStatus;
  statusNote?: string;
  since?: string;
  planned?: string;
  partners: string[];
  partnersScope: 'site' | 'general';
  partnersNote?: string;
  /** Where the partners are named (for scope 'general': the general statement). */
  partnersSource: QuotedSource;
  placeId?: string;
  /** How the position was set (the place's note when the site has a placeId). */
  positionNote: string;
  stadsdel: string;
  stadsdelId: string;
  districtId: string;
  /** LOV3 areas whose (approximate) outline contains the site. */
  lov3Ids: string[];
  source: QuotedSource;
  additionalSources: QuotedSource[];
}

/** Properties of one LOV3 area polygon. */
export interface Lov3Props {
  id: string;
  name: string;
  application: Lov3Application;
  /** Year the application is made, from lov3.application.year. */
  applicationYear: string;
  placeId?: string;
  stadsdel: string;
  stadsdelId: string;
  districtId: string;
  /** Centre and radius of the drawing recipe. */
  center: [number, number];
  radiusM: number;
  approximate: true;
  note: string;
  source: QuotedSource;
  additionalSources: QuotedSource[];
  areaKm2: number;
}

export type SiteCollection = FeatureCollection<Point, SiteProps>;
export type Lov3Collection = FeatureCollection<Polygon | MultiPolygon, Lov3Props>;

/** What a successful build gives (and what public/data/sites.json can hold as is). */
export interface SitesOutput {
  sites: SiteCollection;
  lov3: Lov3Collection;
  generalPartners: { partners: string[]; source: QuotedSource };
  lov3Application: SitesFile['lov3']['application'];
}

export type SitesBuildResult = ({ ok: true } & SitesOutput) | { ok: false; errors: string[] };

const FILE = 'sites.json';
/** Largest share of an outline circle that may fall outside its stadsdel before clipping. */
const MAX_CIRCLE_OUTSIDE_SHARE = 0.4;
/** Largest share of a clipped outline that may lie outside its stadsdel (rounding only). */
const MAX_OUTSIDE_SHARE = 0.005;

/** Zod issues as one line each, naming the record by id where the input has one. */
function describe(raw: unknown, error: z.ZodError): string[] {
  const idAt = (path: PropertyKey[]): string | undefined => {
    let node: unknown = raw;
    for (const key of path) {
      if (node === null || typeof node !== 'object') return undefined;
      node = (node as Record<PropertyKey, unknown>)[key];
    }
    const id = node !== null && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? id : undefined;
  };
  return error.issues.map((issue) => {
    const p = issue.path;
    let record = '';
    let rest = p;
    if (p[0] === 'sites' && typeof p[1] === 'number') {
      record = `site "${idAt(p.slice(0, 2)) ?? `#${p[1]}`}": `;
      rest = p.slice(2);
    } else if (p[0] === 'lov3' && p[1] === 'areas' && typeof p[2] === 'number') {
      record = `LOV3 area "${idAt(p.slice(0, 3)) ?? `#${p[2]}`}": `;
      rest = p.slice(3);
    }
    return `${FILE}: ${record}${rest.map(String).join('.') || '(record)'}: ${issue.message}`;
  });
}

/**
 * Validates data/sites.json against the areas bundle, the named places and the seed documents,
 * and builds the site points and the approximate LOV3 polygons. Every problem is reported
 * naming the record (`sites.json: site "grimsta": …`, `sites.json: LOV3 area "lov3-…": …`);
 * nothing is built when there is one.
 */
export function buildSites(
  sitesFile: unknown,
  areas: AreasBundle,
  places: readonly SitePlace[],
  /** Full text of each source document by id; every quote must occur in its document. */
  documentTexts: Record<string, string>,
): SitesBuildResult {
  const parsed = sitesFileSchema.safeParse(sitesFile);
  if (!parsed.success) return { ok: false, errors: describe(sitesFile, parsed.error) };
  const file = parsed.data;
  const errors: string[] = [];

  const known = new Set(areas.sources.map((s) => s.id));
  const checkQuote = (where: string, source: QuotedSource): boolean => {
    const docText = documentTexts[source.document];
    if (!known.has(source.document)) errors.push(`${where}: unknown source document "${source.document}"`);
    else if (docText === undefined) errors.push(`${where}: text of document ${source.document} is missing`);
    else if (!documentContains(docText, source.quote)) {
      errors.push(`${where}: quote not found in document ${source.document}: "${source.quote.slice(0, 120)}"`);
    } else return true;
    return false;
  };
  /** True when `words` occur in `quote` as whole words, ignoring case, diacritics and line breaks. */
  const mentions = (quote: string, words: string) => {
    const escaped = foldName(words).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(foldName(flattenSourceText(quote)));
  };

  const stadsdelByName = new Map(areas.stadsdelar.features.map((f) => [foldName(f.properties.name), f]));
  const placeById = new Map<string, SitePlace>();
  for (const p of places) if (!placeById.has(p.id)) placeById.set(p.id, p);

  /** The stadsdel and, through the place or the explicit position, the point of a record. */
  const locate = (
    where: string, stadsdelName: string, placeId: string | undefined, position: [number, number] | undefined,
  ): { stadsdel: StadsdelFeature; at: [number, number]; place?: SitePlace } | null => {
    const stadsdel = stadsdelByName.get(foldName(stadsdelName));
    if (!stadsdel) {
      errors.push(`${where}: unknown stadsdel "${stadsdelName}"`);
      return null;
    }
    let at = position;
    let place: SitePlace | undefined;
    if (placeId !== undefined) {
      place = placeById.get(placeId);
      if (!place) {
        errors.push(`${where}: unknown place "${placeId}" (no such id in data/places/*.json)`);
        return null;
      }
      if (foldName(place.stadsdel) !== foldName(stadsdelName)) {
        errors.push(`${where}: place "${placeId}" is in ${place.stadsdel}, not in ${stadsdelName}`);
        return null;
      }
      at = place.position;
    }
    if (!at) return null; // excluded by the schema
    if (!turf.booleanPointInPolygon(at, stadsdel)) {
      errors.push(`${where}: position [${at.join(', ')}]${placeId ? ` of place "${placeId}"` : ''} is not inside its stadsdel ${stadsdel.properties.name}`);
      return null;
    }
    return { stadsdel, at, ...(place ? { place } : {}) };
  };

  checkQuote(`${FILE}: generalPartners`, file.generalPartners.source);
  for (const partner of file.generalPartners.partners) {
    if (!mentions(file.generalPartners.source.quote, partner)) {
      errors.push(`${FILE}: generalPartners: partner "${partner}" does not occur in the quote`);
    }
  }

  // LOV3 areas first, so that sites can name the areas they lie in.
  const lov3: Lov3Collection['features'] = [];
  const lov3Ids = new Set<string>();
  const application = file.lov3.application;
  checkQuote(`${FILE}: lov3.application`, application.source);
  for (const a of file.lov3.areas) {
    const where = `${FILE}: LOV3 area "${a.id}"`;
    if (lov3Ids.has(a.id)) errors.push(`${where}: id occurs twice`);
    lov3Ids.add(a.id);
    if (checkQuote(where, a.source) && !mentions(a.source.quote, a.name)) {
      errors.push(`${where}: the quote does not mention "${a.name}"`);
    }
    (a.additionalSources ?? []).forEach((s, i) => checkQuote(`${where} additionalSources.${i}`, s));
    const located = locate(where, a.stadsdel, a.placeId, a.outline.center);
    if (!located) continue;
    const { stadsdel, at } = located;
    const circle = turf.circle(at, a.outline.radiusM / 1000, { steps: 48, units: 'kilometers' }).geometry;
    const outsideCircle = shareOutside(circle, stadsdel.geometry);
    if (outsideCircle > MAX_CIRCLE_OUTSIDE_SHARE) {
      errors.push(`${where}: ${(outsideCircle * 100).toFixed(0)} % of the outline circle lies outside its stadsdel ${stadsdel.properties.name}`);
      continue;
    }
    const clipped = circleWithin(stadsdel.geometry, at, a.outline.radiusM);
    if (!clipped) {
      errors.push(`${where}: outline does not overlap its stadsdel ${stadsdel.properties.name}`);
      continue;
    }
    const geometry: AreaGeometry = quantize(clipped);
    const problems = geometryProblems(geometry);
    for (const p of problems) errors.push(`${where}: ${p}`);
    if (problems.length > 0) continue;
    const outside = shareOutside(geometry, stadsdel.geometry);
    if (outside > MAX_OUTSIDE_SHARE) {
      errors.push(`${where}: ${(outside * 100).toFixed(1)} % of the area lies outside its stadsdel ${stadsdel.properties.name}`);
      continue;
    }
    lov3.push({
      type: 'Feature',
      id: a.id,
      geometry,
      properties: {
        id: a.id, name: a.name, application: a.application, applicationYear: application.year,
        ...(a.placeId ? { placeId: a.placeId } : {}),
        stadsdel: stadsdel.properties.name, stadsdelId: stadsdel.properties.id, districtId: stadsdel.properties.districtId,
        center: at, radiusM: a.outline.radiusM, approximate: true, note: a.note,
        source: a.source, additionalSources: a.additionalSources ?? [],
        areaKm2: Math.round(areaKm2(geometry) * 1000) / 1000,
      },
    });
  }
  const count = (kind: Lov3Application) => file.lov3.areas.filter((a) => a.application === kind).length;
  if (count('extension') !== application.extensions) {
    errors.push(`${FILE}: lov3: ${count('extension')} area(s) with application "extension", but lov3.application.extensions says ${application.extensions}`);
  }
  if (count('new') !== application.new) {
    errors.push(`${FILE}: lov3: ${count('new')} area(s) with application "new", but lov3.application.new says ${application.new}`);
  }

  // Sites.
  const sites: SiteCollection['features'] = [];
  const siteIds = new Set<string>();
  for (const s of file.sites) {
    const where = `${FILE}: site "${s.id}"`;
    if (siteIds.has(s.id)) errors.push(`${where}: id occurs twice`);
    siteIds.add(s.id);
    if (checkQuote(where, s.source) && !mentions(s.source.quote, s.name)) {
      errors.push(`${where}: the quote does not mention "${s.name}"`);
    }
    (s.additionalSources ?? []).forEach((src, i) => checkQuote(`${where} additionalSources.${i}`, src));
    const partnersSource = s.partnersScope === 'site' ? s.partnersSource! : file.generalPartners.source;
    if (s.partnersScope === 'site') checkQuote(`${where} partnersSource`, partnersSource);
    for (const partner of [...s.partners, ...(s.partnersNote ? [s.partnersNote] : [])]) {
      if (!mentions(partnersSource.quote, partner)) {
        errors.push(`${where}: partner "${partner}" does not occur in the ${s.partnersScope === 'site' ? 'partnersSource' : 'generalPartners'} quote`);
      }
    }
    const located = locate(where, s.stadsdel, s.placeId, s.position);
    if (!located) continue;
    const { stadsdel, at, place } = located;
    const positionNote = s.positionNote ?? place?.positionNote ?? '';
    sites.push({
      type: 'Feature',
      id: s.id,
      geometry: { type: 'Point', coordinates: at },
      properties: {
        id: s.id, name: s.name, status: s.status,
        ...(s.statusNote ? { statusNote: s.statusNote } : {}),
        ...(s.since ? { since: s.since } : {}),
        ...(s.planned ? { planned: s.planned } : {}),
        partners: s.partners, partnersScope: s.partnersScope,
        ...(s.partnersNote ? { partnersNote: s.partnersNote } : {}),
        partnersSource,
        ...(s.placeId ? { placeId: s.placeId } : {}),
        positionNote,
        stadsdel: stadsdel.properties.name, stadsdelId: stadsdel.properties.id, districtId: stadsdel.properties.districtId,
        lov3Ids: lov3.filter((f) => turf.booleanPointInPolygon(at, f.geometry)).map((f) => f.properties.id),
        source: s.source, additionalSources: s.additionalSources ?? [],
      },
    });
  }

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    sites: turf.featureCollection(sites),
    lov3: turf.featureCollection(lov3),
    generalPartners: file.generalPartners,
    lov3Application: application,
  };
}
