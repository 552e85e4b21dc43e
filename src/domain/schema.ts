import { z } from 'zod';

/** Schemas for the hand-edited files in data/. The build rejects anything they do not accept. */

const lonLat = z.tuple([z.number().min(17.5).max(18.5), z.number().min(59.1).max(59.6)]);

export const sourceRefSchema = z.object({
  document: z.string().regex(/^\d{3}$/, 'document must be a three-digit id such as "001"'),
  section: z.string().min(1),
  quote: z.string().min(1).optional(),
});

export const sourcesFileSchema = z.object({
  documents: z.array(z.object({ id: z.string().regex(/^\d{3}$/), file: z.string().min(1), title: z.string().min(1) })).min(1),
});

const stadsdelEntry = z.union([
  z.string().min(1),
  z.object({ name: z.string().min(1), geodataName: z.string().min(1) }),
]);

const slug = z.string().regex(/^[a-z0-9-]+$/, 'ids are lower-case ascii words joined by "-"');

export const districtsFileSchema = z.object({
  division: z.string(),
  districts: z.array(
    z.object({
      id: slug,
      name: z.string().min(1),
      stadsdelar: z.array(stadsdelEntry).min(1),
      mergedInto: z.object({ id: slug, name: z.string(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).optional(),
    }),
  ),
});

const outlineSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('circle'), center: lonLat, radiusM: z.number().positive().max(3000) }),
  z.object({ type: z.literal('part'), side: z.enum(['north', 'south', 'east', 'west']) }),
]);

export const priorityAreasFileSchema = z.object({
  noPriorityArea: z.array(z.object({ districtId: slug, source: sourceRefSchema })),
  priorityAreas: z.array(
    z.discriminatedUnion('kind', [
      z.object({
        id: slug, name: z.string().min(1), districtId: slug, kind: z.literal('stadsdel'), stadsdel: z.string().min(1),
        note: z.string().optional(), source: sourceRefSchema,
      }),
      z.object({
        id: slug, name: z.string().min(1), districtId: slug, kind: z.literal('approximate'), stadsdel: z.string().min(1),
        outline: outlineSchema, note: z.string().min(1), source: sourceRefSchema,
      }),
    ]),
  ),
});

export type SourcesFile = z.infer<typeof sourcesFileSchema>;
export type DistrictsFile = z.infer<typeof districtsFileSchema>;
export type PriorityAreasFile = z.infer<typeof priorityAreasFileSchema>;
export type PriorityAreaInput = PriorityAreasFile['priorityAreas'][number];

/** Turns zod issues into one line each that names the file and the record path. */
export function describeIssues(file: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => `${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
}
