import type { z } from 'zod';
import type { LonLat } from './types';

/**
 * Stable, language-neutral codes for what can be wrong with a record or a file. The UI translates
 * them (with `field` for context); `Problem.message` is an English sentence for logs and tests.
 */
export const PROBLEM_CODES = [
  'required', 'invalid_type', 'too_long', 'too_many', 'too_few', 'unknown_value', 'invalid_format',
  'invalid_date', 'invalid_time', 'invalid_datetime', 'invalid_photo',
  'position_invalid', 'position_swapped', 'position_outside', 'position_projected',
  'history_mismatch', 'transition_not_allowed', 'change_before_previous',
  'file_too_large', 'malformed_json', 'not_feature_collection', 'unsupported_format', 'too_many_features',
  'not_a_feature', 'unknown_record_type', 'wrong_geometry', 'duplicate_id', 'unknown_walk', 'invalid',
  'foreign_geojson',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** One thing wrong, located as precisely as the validator can. */
export interface Problem {
  /** Index of the feature in an imported file's `features` array (0-based); absent for a single record. */
  row?: number;
  /** Dotted path of the offending value, e.g. "description", "properties.history.2.at", "geometry.coordinates.4". */
  field?: string;
  code: ProblemCode;
  /** English, for logs and tests; the UI shows its own translation of `code`. */
  message: string;
  /** A corrected position the user may accept (for `position_swapped`), WGS84 [lon, lat]. */
  suggestion?: LonLat;
  /** Values the translated message needs besides `field` (a limit, the allowed values, a count …). */
  params?: Record<string, string | number>;
}

/** What validators and pure edits return instead of throwing. */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: Problem[] };

/** Shorthand for a failed result with one problem. */
export function fail<T>(problem: Problem): Result<T> {
  return { ok: false, errors: [problem] };
}

/** Extra data a custom zod issue carries (`ctx.addIssue({ code: 'custom', params })`). */
export interface IssueParams {
  code: ProblemCode;
  suggestion?: LonLat;
}

function fieldOf(path: readonly PropertyKey[], prefix: string): string | undefined {
  const parts = [prefix, ...path.map(String)].filter((p) => p !== '');
  return parts.length > 0 ? parts.join('.') : undefined;
}

/**
 * Turns zod issues into problems with codes. Parse with `{ reportInput: true }` so that a missing
 * value (`undefined`) is told apart from a wrong one. `prefix` is put before every field path.
 */
export function problemsFromZod(error: z.ZodError, options: { prefix?: string; row?: number } = {}): Problem[] {
  return error.issues.map((issue) => {
    const field = fieldOf(issue.path, options.prefix ?? '');
    const where = field ?? 'value';
    const missing = 'input' in issue && issue.input === undefined;
    const base = { ...(options.row !== undefined ? { row: options.row } : {}), ...(field ? { field } : {}) };
    const make = (code: ProblemCode, message: string, suggestion?: LonLat, params?: Problem['params']): Problem =>
      ({ ...base, code, message, ...(suggestion ? { suggestion } : {}), ...(params ? { params } : {}) });
    switch (issue.code) {
      case 'custom': {
        const params = issue.params as IssueParams | undefined;
        return make(params?.code ?? 'invalid', `${where}: ${issue.message}`, params?.suggestion);
      }
      case 'invalid_type':
        return missing
          ? make('required', `${where} is required`)
          : make('invalid_type', `${where} must be ${issue.expected === 'int' ? 'a whole number' : `of type ${issue.expected}`}`);
      case 'too_big':
        return issue.origin === 'array'
          ? make('too_many', `${where} may have at most ${String(issue.maximum)} items`, undefined, { max: Number(issue.maximum) })
          : issue.origin === 'string'
            ? make('too_long', `${where} may be at most ${String(issue.maximum)} characters long`, undefined, { max: Number(issue.maximum) })
            : make('invalid', `${where} must be at most ${String(issue.maximum)}`);
      case 'too_small':
        return issue.origin === 'string' && issue.minimum === 1
          ? make('required', `${where} must not be empty`)
          : issue.origin === 'array'
            ? make('too_few', `${where} must have at least ${String(issue.minimum)} items`, undefined, { min: Number(issue.minimum) })
            : make('invalid', `${where} must be at least ${String(issue.minimum)}`);
      case 'invalid_value':
        return missing
          ? make('required', `${where} is required`)
          : make('unknown_value', `${where} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`, undefined, { values: issue.values.map(String).join(', ') });
      case 'invalid_format':
        return issue.format === 'datetime'
          ? make('invalid_datetime', `${where} must be an ISO 8601 date-time with time zone, e.g. 2021-03-04T19:30:00.000Z`)
          : issue.format === 'date'
            ? make('invalid_date', `${where} must be a date written YYYY-MM-DD`)
            : make('invalid_format', `${where}: ${issue.message}`);
      case 'invalid_union':
        return missing ? make('required', `${where} is required`) : make('invalid', `${where} has an invalid value`);
      default:
        return make('invalid', `${where}: ${issue.message}`);
    }
  });
}
