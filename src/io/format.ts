import type { AreaKind } from '../domain/types';
import type { Result } from '../domain/walks/problems';
import type { WalkData } from '../domain/walks/types';

/** Coded values a format may write as display labels. */
export type LabelKind = 'category' | 'status' | 'priority' | 'responsible' | 'boolean' | 'column';

/** What a format may need besides the data. Every member is optional. */
export interface FormatContext {
  /** Display name of an area; the id is written when absent or when it returns undefined. */
  areaName?(kind: AreaKind, id: string): string | undefined;
  /** Display label of a coded value (a category, a status, a CSV column …); the code when undefined. */
  label?(kind: LabelKind, value: string): string | undefined;
  /** Records already stored, which an imported finding's walkId may refer to. */
  existing?: WalkData;
}

/** Either the whole file's records, validated, or every problem found (with its feature index in `row`). */
export type ImportResult = Result<WalkData>;

/**
 * One import/export format of walks and findings (GeoJSON, CSV, Open311). Export writes what it is
 * given: callers choose the records (one walk, public findings only, no example data …).
 */
export interface WalkFormat {
  id: string;
  /** The format's own name (not translated), e.g. "GeoJSON". */
  label: string;
  /** File name extension without the dot. */
  extension: string;
  mime: string;
  export(data: WalkData, context?: FormatContext): string;
  /** Present for formats that can be read back; never throws. */
  import?(text: string, context?: FormatContext): ImportResult;
}
