/** The change feed: pull changes since a cursor, and a server-sent event stream that says when to pull. */

import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv, Deps } from '../context';
import { invalid } from '../http/problem';
import { latestSeq } from '../records/change-log';
import { changesSince } from '../records/reads';

/** A comment this often keeps proxies from closing an idle stream. */
const KEEPALIVE_MS = 15_000;

export function changeRoutes(deps: Deps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/changes', async (c) => {
    const since = Number(c.req.query('since') ?? 0);
    if (!Number.isInteger(since) || since < 0) throw invalid([{ field: 'since', message: 'must be a cursor from /api/records or /api/changes' }]);
    return c.json(await changesSince(deps.db.pool, c.get('viewer'), since));
  });

  routes.get('/changes/stream', (c) => streamSSE(c, async (stream) => {
    let last = await latestSeq(deps.db.pool);
    let wake: (() => void) | null = null;
    const unsubscribe = deps.notifier.subscribe((seq) => {
      if (seq > last) { last = seq; wake?.(); }
    });
    stream.onAbort(() => { unsubscribe(); wake?.(); });
    await stream.writeSSE({ event: 'change', data: JSON.stringify({ cursor: last }) });
    let sent = last;
    while (!stream.aborted && !stream.closed) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, KEEPALIVE_MS);
      });
      wake = null;
      if (stream.aborted) break;
      if (last > sent) {
        sent = last;
        await stream.writeSSE({ event: 'change', data: JSON.stringify({ cursor: last }), id: String(last) });
      } else {
        await stream.write(': keepalive\n\n');
      }
    }
    unsubscribe();
  }));

  return routes;
}
