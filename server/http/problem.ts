/**
 * RFC 9457 problem details: every refused request answers with one of these, saying which field
 * and why, and nothing was changed.
 */

import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Problem as DomainProblem } from '../../src/domain/walks/problems';

export type ProblemCode =
  | 'invalid' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'too-large'
  | 'unsupported-media-type' | 'rate-limited' | 'csrf' | 'method-not-allowed' | 'internal'
  | 'idempotency-in-progress' | 'cursor-expired';

export interface FieldError {
  field: string;
  message: string;
  code?: string;
}

const TITLES: Record<ProblemCode, string> = {
  invalid: 'The request is not valid',
  unauthenticated: 'Log in first',
  forbidden: 'Not allowed',
  'not-found': 'Not found',
  conflict: 'Changed by someone else',
  'too-large': 'The request is too large',
  'unsupported-media-type': 'Unsupported content type',
  'rate-limited': 'Too many attempts',
  csrf: 'Cross-site request refused',
  'method-not-allowed': 'Method not allowed',
  internal: 'Something went wrong on the server',
  'idempotency-in-progress': 'A request with this Idempotency-Key is still being carried out',
  'cursor-expired': 'This change cursor is not known here: load everything again',
};

const STATUS: Record<ProblemCode, ContentfulStatusCode> = {
  invalid: 400, unauthenticated: 401, forbidden: 403, 'not-found': 404, conflict: 409, 'too-large': 413,
  'unsupported-media-type': 415, 'rate-limited': 429, csrf: 403, 'method-not-allowed': 405, internal: 500,
  'idempotency-in-progress': 409, 'cursor-expired': 410,
};

/** Thrown by handlers and turned into a problem response by the app's error handler. */
export class HttpProblem extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly extra: { errors?: FieldError[]; [key: string]: unknown } = {},
  ) {
    super(detail ?? TITLES[code]);
    this.name = 'HttpProblem';
  }

  get status(): ContentfulStatusCode {
    return STATUS[this.code];
  }
}

export function problemBody(problem: HttpProblem): Record<string, unknown> {
  return {
    type: `/problems/${problem.code}`,
    title: TITLES[problem.code],
    status: problem.status,
    ...(problem.detail ? { detail: problem.detail } : {}),
    ...problem.extra,
  };
}

export function problemResponse(c: Context, problem: HttpProblem): Response {
  return c.body(JSON.stringify(problemBody(problem)), problem.status, { 'Content-Type': 'application/problem+json' });
}

/** A 400 naming each field the domain's validators found wrong. */
export function invalid(problems: readonly (Pick<DomainProblem, 'field' | 'message'> & { code?: string })[], prefix = ''): HttpProblem {
  const errors = problems.map((p) => ({ field: [prefix, p.field ?? ''].filter(Boolean).join('.') || '(body)', message: p.message, ...(p.code ? { code: p.code } : {}) }));
  return new HttpProblem('invalid', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
}
