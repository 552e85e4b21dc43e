import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { basemapFromEnv, basemapHeadTags } from '../../src/domain/basemap';
import type { AppEnv } from '../context';
import { serveApp } from '../static';

/** A built app in a temporary folder: a page with the strict policy, a street tile. */
function dist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'omr-dist-'));
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head>\n    ${basemapHeadTags(null)}\n<title>t</title></head><body></body></html>`);
  mkdirSync(join(dir, 'streets', '14'), { recursive: true });
  writeFileSync(join(dir, 'streets', '14', 'tile.pbf'), 'x');
  return dir;
}

function served(basemap?: Parameters<typeof serveApp>[2]): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  serveApp(app, dist(), basemap);
  return app;
}

describe('the page and its policy with a basemap from the environment', () => {
  it('as built when nothing is configured: no other origin', async () => {
    for (const path of ['/', '/index.html', '/some/app/path']) {
      const response = await served().request(path);
      const csp = response.headers.get('content-security-policy')!;
      expect(csp).toContain("connect-src 'self';");
      expect(csp).not.toMatch(/https?:/);
      expect(await response.text()).not.toContain('omr-basemap');
    }
  });

  it('a configured style: its origin in the header and the page, the basemap in the page', async () => {
    const app = served(basemapFromEnv({ OMR_BASEMAP_STYLE: 'https://tiles.example.test/styles/test.json' }));
    for (const path of ['/', '/index.html', '/x']) {
      const response = await app.request(path);
      const csp = response.headers.get('content-security-policy')!;
      expect(csp).toContain("connect-src 'self' https://tiles.example.test;");
      const page = await response.text();
      expect(page.match(/Content-Security-Policy/g)).toHaveLength(1);
      expect(page).toContain(`content="${csp}"`);
      expect(page).toContain('<meta name="omr-basemap" content="{&quot;kind&quot;:&quot;style&quot;,&quot;url&quot;:&quot;https://tiles.example.test/styles/test.json&quot;');
    }
  });

  it('a missing street tile is a 404, not the page', async () => {
    const app = served();
    expect((await app.request('/streets/14/tile.pbf')).status).toBe(200);
    expect((await app.request('/streets/14/9000/4000.pbf')).status).toBe(404);
    expect((await app.request('/streets/tiles.json')).status).toBe(404);
  });
});
