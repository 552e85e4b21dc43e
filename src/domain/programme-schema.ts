import { z } from 'zod';
import { sourceRefSchema } from './schema';

/**
 * Schemas for the programme content in data/programme/<document>.json and the named places in
 * data/places/<document>.json. Texts are quoted as the document writes them (only line-break
 * hyphenation mended); nothing is paraphrased or invented.
 */

const slug = z.string().regex(/^[a-z0-9-]+$/, 'ids are lower-case ascii words joined by "-"');

/** An area a record concerns. 'district' is used when the document says nothing narrower. */
export const areaRefSchema = z.object({
  kind: z.enum(['district', 'stadsdel', 'priorityArea']),
  id: slug,
});

/** A date as precise as the document gives it. */
const partialDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'dates are YYYY, YYYY-MM or YYYY-MM-DD');

export const measureSchema = z.object({
  id: slug,
  /** The number the document gives the measure, if any ("1." … "7."). */
  number: z.number().int().positive().optional(),
  text: z.string().min(1),
  start: partialDate.optional(),
  end: partialDate.optional(),
  /** Who carries it out, where the document says. */
  responsible: z.string().min(1).optional(),
  /** Narrower than the goal's areas, where the measure itself names a place or area. */
  areas: z.array(areaRefSchema).optional(),
  places: z.array(slug).optional(),
  /** Only when the measure stands in another section than its goal. */
  source: sourceRefSchema.optional(),
});

export const indicatorSchema = z.object({
  id: slug,
  text: z.string().min(1),
  /** Årsmål / target as written, e.g. "79 %". */
  annualTarget: z.string().min(1).optional(),
  /** KF:s årsmål as written. */
  kfTarget: z.string().min(1).optional(),
  /** Periodicitet as written, e.g. "Tertial", "År". */
  periodicity: z.string().min(1).optional(),
});

export const goalSchema = z.object({
  id: slug,
  /** 'goal': a goal with its measures; 'activities': a list of planned activities under a heading. */
  kind: z.enum(['goal', 'activities']),
  districtId: slug,
  /** Tema as the document names it. */
  theme: z.string().min(1),
  /** What the document calls this level: "Mål", "Långsiktigt mål", "Kortsiktigt mål", "KF:s mål", "Nämndmål", "Prioriterat tema", "Planerade aktiviteter" … */
  level: z.string().min(1),
  text: z.string().min(1),
  period: z.object({ from: z.number().int().min(2000).max(2040), to: z.number().int().min(2000).max(2040) }).optional(),
  measures: z.array(measureSchema),
  indicators: z.array(indicatorSchema),
  partners: z.array(z.string().min(1)),
  /** Rådighet as written. */
  control: z.string().min(1).optional(),
  /** Dialog column (document 002). */
  dialogue: z.string().min(1).optional(),
  areas: z.array(areaRefSchema).min(1),
  places: z.array(slug),
  source: sourceRefSchema,
});

export const programmeFileSchema = z.object({
  document: z.string().regex(/^\d{3}$/),
  goals: z.array(goalSchema),
  /** District-level partner lists (document 001 §5). */
  partnersByDistrict: z.array(z.object({ districtId: slug, partners: z.array(z.string().min(1)).min(1), source: sourceRefSchema })).optional(),
});

export const placeSchema = z.object({
  id: slug,
  name: z.string().min(1),
  /** torg, centrum, idrottsplats, park, naturreservat, skola, fritidsgård, sjö, stråk, station, annat … */
  category: z.string().min(1),
  /** Display name of the stadsdel the place lies in, e.g. "Hässelby gård". */
  stadsdel: z.string().min(1),
  /** [lon, lat] WGS84. */
  position: z.tuple([z.number().min(17.7).max(18.25), z.number().min(59.2).max(59.45)]),
  /** How the position was set, e.g. "satt för hand efter allmän kartkännedom, ungefärligt". */
  positionNote: z.string().min(1),
  sources: z.array(sourceRefSchema).min(1),
});

export const placesFileSchema = z.object({
  document: z.string().regex(/^\d{3}$/),
  places: z.array(placeSchema),
});

export type AreaRef = z.infer<typeof areaRefSchema>;
export type Measure = z.infer<typeof measureSchema>;
export type Indicator = z.infer<typeof indicatorSchema>;
export type Goal = z.infer<typeof goalSchema>;
export type ProgrammeFile = z.infer<typeof programmeFileSchema>;
export type Place = z.infer<typeof placeSchema>;
export type PlacesFile = z.infer<typeof placesFileSchema>;
