/**
 * Open311 GeoReport v2 under /open311/v2 (server/API.md, "Open311"): discovery, the finding
 * categories as services, resident reports posted by Open311 clients, and public findings and
 * accepted reports as service requests. Outside /api: no cookies, no CSRF token, every answer the
 * same for everyone. Errors in the spec's format, in the format the path asks for.
 */

import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context';
import { clientAddress, isHttps } from '../http/client';
import { takeRate } from '../http/rate-limit';
import { createReport } from '../reports/store';
import { errorResponse, formatOfPath, Open311Error, respond, splitFormat, type Format, type Value } from './format';
import { findRequest, findRequests, parseRequestQuery } from './requests';
import { discovery, isServiceCode, serviceDefinition, serviceList } from './services';
import { ADDRESS_RATE, clientOfKey, KEY_RATE, parseSubmission, readFields, single } from './submit';

/** Discovery and services change with the code only; requests as councils decide. */
const CACHE_STATIC = 'public, max-age=3600';
const CACHE_REQUESTS = 'public, max-age=60';

function origin(c: Context, deps: Deps): string {
  return `${isHttps(c, deps.config.trustProxy) ? 'https' : 'http'}://${new URL(c.req.url).host}`;
}

/** "services.json" → json when the name is `base` with a known format; 404 otherwise. */
function formatOf(file: string, base: string): Format {
  const split = splitFormat(file);
  if (!split || split.base !== base) throw new Open311Error(404, `no such resource: ${file} (formats: json, xml)`);
  return split.format;
}

export const SERVICE_NOTICE = 'Tack! Rapporten granskas av trygghetsrådet i stadsdelsområdet. Den visas i requests först när rådet har godkänt den.';
const MEDIA_NOTICE = ' Bildlänken (media_url) sparades inte: bilder tas inte emot härifrån.';

export function open311Routes(deps: Deps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const db = deps.db.pool;

  routes.onError((error, c) => {
    const format = formatOfPath(c.req.path);
    if (error instanceof Open311Error) return errorResponse(c, format, error);
    console.error('Open311 request failed', c.req.method, c.req.path, error);
    return errorResponse(c, format, new Open311Error(500, 'something went wrong on the server'));
  });

  routes.use('*', async (c, next) => {
    await next();
    // Anyone's pages may read what anyone may read.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') c.header('Access-Control-Allow-Origin', '*');
  });

  const answer = (c: Context, format: Format, root: string, value: Value, cache: string) => {
    c.header('Cache-Control', cache);
    return respond(c, format, root, value);
  };

  routes.get('/:file', async (c) => {
    const file = c.req.param('file');
    const split = splitFormat(file);
    switch (split?.base) {
      case 'discovery':
        return answer(c, split.format, 'discovery', discovery(`${origin(c, deps)}/open311/v2`, deps.config.open311RequireApiKey), CACHE_STATIC);
      case 'services':
        return answer(c, split.format, 'services', serviceList(), CACHE_STATIC);
      case 'requests': {
        const query = parseRequestQuery(c.req.queries());
        const found = await findRequests(db, query, origin(c, deps));
        return answer(c, split.format, 'service_requests', found as unknown as Value, CACHE_REQUESTS);
      }
      default:
        throw new Open311Error(404, `no such resource: ${file} (formats: json, xml)`);
    }
  });

  routes.get('/services/:file', (c) => {
    const split = splitFormat(c.req.param('file'));
    if (!split) throw new Open311Error(404, `no such resource: ${c.req.param('file')} (formats: json, xml)`);
    if (!isServiceCode(split.base)) throw new Open311Error(404, `service_code "${split.base}" was not found (see services.json)`);
    return answer(c, split.format, 'service_definition', serviceDefinition(split.base), CACHE_STATIC);
  });

  routes.get('/requests/:file', async (c) => {
    const split = splitFormat(c.req.param('file'));
    if (!split) throw new Open311Error(404, `no such resource: ${c.req.param('file')} (formats: json, xml)`);
    const found = await findRequest(db, split.base, origin(c, deps));
    if (!found) throw new Open311Error(404, `service_request_id "${split.base}" was not found`);
    return answer(c, split.format, 'service_requests', [found] as unknown as Value, CACHE_REQUESTS);
  });

  routes.post('/:file', async (c) => {
    const format = formatOf(c.req.param('file'), 'requests');
    c.header('Cache-Control', 'no-store');
    const fields = await readFields(c);
    // The spec sends api_key with the fields; some clients put it in the query string.
    const key = single(fields, 'api_key') || (c.req.query('api_key') ?? '').trim();
    const clientId = key ? await clientOfKey(db, key) : null;
    if (key && !clientId) throw new Open311Error(403, 'invalid api_key: unknown or disabled');
    if (!key && deps.config.open311RequireApiKey) throw new Open311Error(403, 'api_key is required to post requests here (see key_service in discovery.json)');

    const wait = clientId
      ? await takeRate(db, `open311:key:${clientId}`, KEY_RATE)
      : await takeRate(db, `open311:address:${clientAddress(c, deps.config.trustProxy)}`, ADDRESS_RATE);
    if (wait > 0) throw new Open311Error(429, `too many requests: try again in ${wait} s`, wait);

    const { input, mediaIgnored } = parseSubmission(fields);
    const receipt = await createReport(db, deps.areas, input, { source: 'open311', open311ClientId: clientId });
    // The follow token is the resident's private link in the app; an Open311 client follows requests/{id}.
    return respond(c, format, 'service_requests', [{
      service_request_id: receipt.id,
      service_notice: SERVICE_NOTICE + (mediaIgnored ? MEDIA_NOTICE : ''),
      account_id: null,
    }]);
  });

  routes.all('*', (c) => {
    throw new Open311Error(404, `no such Open311 resource: ${c.req.method} ${c.req.path}`);
  });

  return routes;
}
