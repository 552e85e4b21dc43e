import type { Context } from 'hono';
import type { Account } from '../../src/domain/accounts';
import type { AppEnv } from '../context';
import { HttpProblem } from '../http/problem';

/** The logged-in viewer, or a 401. */
export function requireAccount(c: Context<AppEnv>): { kind: 'account'; account: Account } {
  const viewer = c.get('viewer');
  if (viewer.kind !== 'account') throw new HttpProblem('unauthenticated', 'log in first');
  return viewer;
}
