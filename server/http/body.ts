/** Reading a JSON body: size-limited, JSON only, unknown fields refused. */

import type { Context } from 'hono';
import type { z } from 'zod';
import { problemsFromZod } from '../../src/domain/walks/problems';
import { HttpProblem, invalid, type FieldError } from './problem';

/** Largest JSON body, in bytes, unless a route says otherwise. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/** Reads the body as text, refusing it when it is larger than `limit` bytes (413). */
export async function readBody(c: Context, limit: number): Promise<string> {
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (declared > limit) throw new HttpProblem('too-large', `at most ${limit} bytes`);
  const reader = c.req.raw.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new HttpProblem('too-large', `at most ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function readJson(c: Context, limit = DEFAULT_BODY_LIMIT): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new HttpProblem('unsupported-media-type', 'send application/json');
  const text = await readBody(c, limit);
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpProblem('invalid', 'the body is not valid JSON', { errors: [{ field: '(body)', message: 'not valid JSON' }] });
  }
}

/**
 * Fields present in `input` that the schema dropped from `output` (zod strips unknown keys): the
 * API refuses them instead of ignoring them, so that a typo never passes silently.
 */
export function unknownFields(input: unknown, output: unknown, path = ''): FieldError[] {
  if (Array.isArray(input) && Array.isArray(output)) {
    return input.flatMap((item, i) => unknownFields(item, output[i], path ? `${path}.${i}` : String(i)));
  }
  if (input && output && typeof input === 'object' && typeof output === 'object' && !Array.isArray(input)) {
    return Object.keys(input).flatMap((key) => {
      const at = path ? `${path}.${key}` : key;
      if (!(key in output)) return [{ field: at, message: 'unknown field' }];
      return unknownFields((input as Record<string, unknown>)[key], (output as Record<string, unknown>)[key], at);
    });
  }
  return [];
}

/** Validates with a domain schema and refuses unknown fields; throws a 400 naming every field. */
export function parseStrict<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw invalid(problemsFromZod(parsed.error, { prefix }));
  const extra = unknownFields(input, parsed.data, prefix);
  if (extra.length > 0) throw new HttpProblem('invalid', extra.map((e) => `${e.field}: ${e.message}`).join('; '), { errors: extra });
  return parsed.data;
}
