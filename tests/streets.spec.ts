/**
 * Streets under the walks (issue 11): the project's own street layer (built from the OSM samples
 * by `npm run streets:samples` before the build), an online basemap configured on the server
 * (its origin faked here with the same tiles), the fallback when that basemap cannot be reached,
 * the policy that admits exactly its origin, and the printed protocol's map.
 *
 * STREETS_SHOTS=<folder> also writes screenshots and the protocol's PDF there to look at.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { basemapHeadTags } from '../src/domain/basemap';
import { expect, renderedIds, test, waitForMapIdle } from './fixtures';
import { clickMapAt } from './walk-steps';
import { TEST_BASEMAP_ORIGIN, TEST_BASEMAP_STYLE, basemapServerUrl, serverUrl } from './test-server';

const dist = process.env.OMR_DIST ?? 'dist';
const SHOTS = process.env.STREETS_SHOTS;
/** Östermalm, inside the sample extract (18.0602–18.0807 E, 59.3343–59.3422 N). */
const OSTERMALM = '/?flik=walks&map=16.00/59.33790/18.07050';
const ROUTE: [number, number][] = [[18.0680, 59.3390], [18.0695, 59.3384], [18.0712, 59.3378], [18.0728, 59.3372]];
const FINDINGS: [number, number][] = [[18.0688, 59.3388], [18.0705, 59.3380], [18.0722, 59.3375]];

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name) });
}

type MapHandle = { omradeskartan: { map: {
  queryRenderedFeatures(o: object): { properties: Record<string, unknown> }[];
  getStyle(): { layers: { id: string }[] };
  getPaintProperty(layer: string, name: string): unknown;
  getLayoutProperty(layer: string, name: string): unknown;
  getCanvas(): HTMLCanvasElement;
  once(event: string, f: () => void): void;
  triggerRepaint(): void;
} } };

/** How many features the map draws in these layers now. */
async function renderedCount(page: Page, layers: string[]): Promise<number> {
  return page.evaluate((ids) => (window as unknown as MapHandle).omradeskartan.map.queryRenderedFeatures({ layers: ids }).length, layers);
}

/**
 * The map's own pixels, read inside a frame: how many distinct colours (in steps of 16) a grid of
 * samples finds, and how many of them are near white (streets). A blank map has one or two.
 */
async function canvasColours(page: Page): Promise<{ distinct: number; light: number }> {
  return page.evaluate(() => new Promise((resolve) => {
    const map = (window as unknown as MapHandle).omradeskartan.map;
    map.once('render', () => {
      const source = map.getCanvas();
      const copy = document.createElement('canvas');
      copy.width = source.width;
      copy.height = source.height;
      const ctx = copy.getContext('2d')!;
      ctx.drawImage(source, 0, 0);
      const { data, width, height } = ctx.getImageData(0, 0, copy.width, copy.height);
      const colours = new Set<string>();
      let light = 0;
      for (let y = 5; y < height; y += 7) {
        for (let x = 5; x < width; x += 7) {
          const i = (y * width + x) * 4;
          const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
          colours.add(`${r >> 4},${g >> 4},${b >> 4}`);
          if (r > 245 && g > 245 && b > 235) light++;
        }
      }
      resolve({ distinct: colours.size, light });
    });
    map.triggerRepaint();
  }));
}

/** A walk in Östermalm with a route and three findings, drawn through the interface; it is then shown. */
async function walkInOstermalm(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Ny trygghetsvandring' }).click();
  await page.getByLabel('Område', { exact: true }).selectOption('stadsdel:ostermalm');
  await page.getByLabel('Arrangör (organisation)').fill('Östermalms stadsdelsförvaltning');
  await page.getByRole('button', { name: 'Spara vandringen' }).click();
  await expect(page.getByTestId('details')).toContainText('Östermalms stadsdelsförvaltning');
  await waitForMapIdle(page);
  await page.getByRole('button', { name: 'Rita rutt' }).click();
  for (const [i, p] of ROUTE.entries()) {
    await clickMapAt(page, p);
    await expect.poll(() => page.evaluate(() => (window as unknown as { omradeskartan: { store: { getState(): { routeDraft: { route: unknown[] } | null } } } }).omradeskartan.store.getState().routeDraft?.route.length)).toBe(i + 1);
  }
  await page.getByRole('button', { name: 'Spara rutten' }).click();
  const texts = ['Trasig gatlampa vid övergångsstället', 'Buskage skymmer gångvägen', 'Mörk trappa utan ledstång'];
  for (const [i, at] of FINDINGS.entries()) {
    await waitForMapIdle(page);
    await page.getByRole('button', { name: 'Pinna ett fynd' }).click();
    await clickMapAt(page, at);
    const form = page.getByTestId('finding-form');
    await form.getByLabel('Beskrivning').fill(texts[i]!);
    await form.getByRole('button', { name: 'Spara' }).click();
    await expect(page.getByTestId('details').getByRole('heading', { level: 2 })).toBeVisible();
    await page.getByRole('button', { name: 'Sluta pinna' }).first().click();
    await page.getByTestId('details').getByRole('button', { name: /^\d{4}-\d{2}-\d{2}/ }).click();
  }
  // Back to street level over the walk (selecting it zooms out to show it all).
  await page.evaluate(() => (window as unknown as { omradeskartan: { map: { jumpTo(o: object): void } } }).omradeskartan.map.jumpTo({ center: [18.0705, 59.3378], zoom: 16 }));
  await waitForMapIdle(page);
}

test.describe("the project's own street layer", () => {
  test.beforeAll(() => {
    expect(existsSync(join(dist, 'streets', 'tiles.json')), `${dist}/streets/tiles.json: run "npm run streets:samples" before the build`).toBe(true);
  });

  test('at zoom 16 over Östermalm: buildings, streets, paths and street names under a walk, credited to OSM', async ({ page, outsideRequests }) => {
    test.setTimeout(180_000);
    await page.goto(OSTERMALM);
    await expect(page.getByTestId('map')).toHaveAttribute('data-streets', 'own');
    await waitForMapIdle(page);
    const names = await renderedIds(page, ['streets-name'], 'name');
    expect(names.length, names.join(', ')).toBeGreaterThanOrEqual(3);
    expect(await renderedCount(page, ['streets-road'])).toBeGreaterThan(10);
    expect(await renderedCount(page, ['streets-building'])).toBeGreaterThan(10);
    expect(await renderedCount(page, ['streets-footway', 'streets-steps', 'streets-cycleway'])).toBeGreaterThan(0);
    await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('© OpenStreetMap contributors');
    await expect(page.getByTestId('legend-streets')).toContainText('Gångväg');

    // The app's layers stay on top: the streets lie over the area fills and under the outlines.
    const order = await page.evaluate(() => (window as unknown as MapHandle).omradeskartan.map.getStyle().layers.map((l) => l.id));
    expect(order.indexOf('streets-building')).toBeGreaterThan(order.indexOf('priority-fill'));
    expect(order.indexOf('streets-name')).toBeLessThan(order.indexOf('stadsdel-line'));
    expect(order.indexOf('streets-name')).toBeLessThan(order.indexOf('findings-points'));

    await walkInOstermalm(page);
    expect(await renderedIds(page, ['findings-points'])).toHaveLength(3);
    const colours = await canvasColours(page);
    expect(colours.distinct).toBeGreaterThan(12);
    expect(colours.light).toBeGreaterThan(20);
    await shot(page, 'walk-z16-1280.png');

    await page.setViewportSize({ width: 360, height: 740 });
    await waitForMapIdle(page);
    await page.getByTestId('map').scrollIntoViewIfNeeded();
    await shot(page, 'walk-z16-360.png');
    expect(outsideRequests).toEqual([]);
  });

  test('the printed protocol: streets under the map, findings numbered as the rows, short places, the print date', async ({ page }) => {
    test.setTimeout(180_000);
    await page.addInitScript(() => { window.print = () => {}; });
    await page.goto(OSTERMALM);
    await expect(page.getByTestId('map')).toHaveAttribute('data-streets', 'own');
    await waitForMapIdle(page);
    await walkInOstermalm(page);
    await page.getByRole('button', { name: 'Skriv ut protokoll' }).click();
    const protocol = page.getByTestId('protocol');
    await expect(protocol.locator('img')).toHaveAttribute('src', /^data:image\/png;base64,.{1000}/);
    await expect(protocol.locator('figcaption')).toContainText('© OpenStreetMap contributors');
    await expect(protocol.locator('figcaption')).toContainText('raderna i tabellen');
    await expect(protocol.locator('tbody tr')).toHaveCount(3);
    await expect(protocol.locator('tbody tr').nth(2).locator('td').first()).toHaveText('3');
    // "Ligger i": the stadsdel, as the walk lies in no priority area.
    await expect(protocol.locator('tbody tr').first().locator('td').nth(3)).toHaveText('Östermalm');
    await expect(page.getByTestId('protocol-printed')).toContainText(/Utskrivet \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    // The map image is the protocol's own, larger than the screen's map would be on a phone.
    const size = await protocol.locator('img').evaluate((img: HTMLImageElement) => new Promise<[number, number]>((resolve) => {
      if (img.complete) resolve([img.naturalWidth, img.naturalHeight]);
      else img.onload = () => resolve([img.naturalWidth, img.naturalHeight]);
    }));
    expect(size).toEqual([1800, 1200]);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (SHOTS) {
      await mkdir(SHOTS, { recursive: true });
      await writeFile(join(SHOTS, 'protocol-ostermalm.pdf'), pdf);
    }
  });

  test('the example walk (no streets there): its protocol still prints, numbered', async ({ page }) => {
    test.setTimeout(180_000);
    await page.addInitScript(() => { window.print = () => {}; });
    await page.goto('/?flik=walks');
    await waitForMapIdle(page);
    await page.getByRole('button', { name: 'Läs in exempelvandring' }).click();
    await page.locator('[data-walk-id]').first().click();
    await page.getByRole('button', { name: 'Skriv ut protokoll' }).click();
    const protocol = page.getByTestId('protocol');
    await expect(protocol.locator('img')).toHaveAttribute('src', /^data:image\/png;base64,.{1000}/);
    await expect(protocol.locator('figcaption')).toContainText('öppna data (CC0)');
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    if (SHOTS) {
      await mkdir(SHOTS, { recursive: true });
      await writeFile(join(SHOTS, 'protocol-example.pdf'), pdf);
    }
  });
});

/** A style of the fake online basemap: the sample street tiles under another origin. */
function fakeStyle() {
  return {
    version: 8,
    // Never asked: the app draws every label with local fonts.
    glyphs: `${TEST_BASEMAP_ORIGIN}/fonts/{fontstack}/{range}.pbf`,
    sources: {
      osm: { type: 'vector', tiles: [`${TEST_BASEMAP_ORIGIN}/tiles/{z}/{x}/{y}.pbf`], minzoom: 12, maxzoom: 14, attribution: 'Testkarta © OpenStreetMap contributors' },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#ece6da' } },
      { id: 'building', type: 'fill', source: 'osm', 'source-layer': 'building', paint: { 'fill-color': '#d3cabb' } },
      { id: 'road-casing', type: 'line', source: 'osm', 'source-layer': 'transportation', paint: { 'line-color': '#a8a29a', 'line-width': 8 } },
      { id: 'road', type: 'line', source: 'osm', 'source-layer': 'transportation', paint: { 'line-color': '#ffffff', 'line-width': 6 } },
      { id: 'road-name', type: 'symbol', source: 'osm', 'source-layer': 'transportation', layout: { 'symbol-placement': 'line', 'text-field': ['get', 'name'], 'text-font': ['Noto Sans Regular'], 'text-size': 12 } },
    ],
  };
}

type Outage = 'none' | 'down' | 'tiles-fail' | 'slow';

/** Answers the fake basemap's origin: its style and the sample tiles, or an outage. Returns the paths asked for, with when. */
async function fakeBasemap(page: Page, outage: Outage = 'none'): Promise<{ path: string; at: number }[]> {
  const asked: { path: string; at: number }[] = [];
  const cors = { 'access-control-allow-origin': '*' };
  await page.route(`${TEST_BASEMAP_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    asked.push({ path: url.pathname, at: Date.now() });
    if (outage === 'down') return route.abort('internetdisconnected');
    if (outage === 'slow') return; // never answered
    if (url.pathname === '/styles/streets.json') return route.fulfill({ json: fakeStyle(), headers: cors });
    const tile = /^\/tiles\/(\d+)\/(\d+)\/(\d+)\.pbf$/.exec(url.pathname);
    if (tile && outage === 'tiles-fail') return route.fulfill({ status: 503, body: 'unavailable', headers: cors });
    if (tile) {
      const file = join(dist, 'streets', tile[1]!, tile[2]!, `${tile[3]}.pbf`);
      if (!existsSync(file)) return route.fulfill({ status: 404, body: '', headers: cors });
      return route.fulfill({ body: await readFile(file), headers: { ...cors, 'content-type': 'application/x-protobuf' } });
    }
    return route.fulfill({ status: 404, body: '', headers: cors });
  });
  return asked;
}

test.describe('an online basemap configured on the server', () => {
  // The service worker would fetch the basemap itself, past the page's fake origin.
  test.use({ baseURL: basemapServerUrl(), serviceWorkers: 'block' });

  test('streets from it under the app, its attribution shown, no glyph server asked', async ({ page }) => {
    const asked = await fakeBasemap(page);
    await page.goto(OSTERMALM);
    await expect(page.getByTestId('map')).toHaveAttribute('data-basemap', 'online');
    await waitForMapIdle(page);
    expect(await renderedCount(page, ['basemap:road'])).toBeGreaterThan(10);
    expect(await renderedCount(page, ['basemap:road-name'])).toBeGreaterThan(0);
    await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('Testkarta © OpenStreetMap contributors');
    expect(asked.some((a) => a.path.startsWith('/fonts/'))).toBe(false);
    // Under the app's layers; the embedded land lets it through, the embedded water steps aside.
    const order = await page.evaluate(() => (window as unknown as MapHandle).omradeskartan.map.getStyle().layers.map((l) => l.id));
    expect(order.indexOf('basemap:road-name')).toBeLessThan(order.indexOf('land'));
    expect(order.indexOf('basemap:background')).toBeGreaterThan(order.indexOf('outside'));
    const land = await page.evaluate(() => (window as unknown as MapHandle).omradeskartan.map.getPaintProperty('land', 'fill-opacity'));
    expect(land).toBe(0);
    await expect(page.getByTestId('basemap-fallback')).toHaveCount(0);
    const colours = await canvasColours(page);
    expect(colours.distinct).toBeGreaterThan(8);
    expect(colours.light).toBeGreaterThan(20);
    await shot(page, 'online-basemap-1280.png');
  });

  for (const [outage, what] of [['down', 'unreachable'], ['tiles-fail', 'answering tiles with errors'], ['slow', 'too slow']] as const) {
    test(`${what}: the embedded map at once, and a short notice (sv and en)`, async ({ page }) => {
      const asked = await fakeBasemap(page, outage);
      await page.goto(OSTERMALM);
      const notice = page.getByTestId('basemap-fallback');
      await expect(notice).toContainText('Gatukartan på nätet gick inte att nå');
      // Down or failing: at once after the first answer; too slow: once the style's few seconds are over.
      const since = Date.now() - asked[outage === 'tiles-fail' ? asked.findIndex((a) => a.path.startsWith('/tiles/')) : 0]!.at;
      expect(since).toBeLessThan(outage === 'slow' ? 4000 + 3000 : 3000);
      await expect(page.getByTestId('map')).toHaveAttribute('data-basemap', 'fallback');
      await waitForMapIdle(page);
      // Never blank: the embedded land is drawn, opaque, and the basemap's layers are gone.
      expect(await renderedIds(page, ['land'])).toContain('ostermalm');
      expect(await page.evaluate(() => (window as unknown as MapHandle).omradeskartan.map.getPaintProperty('land', 'fill-opacity'))).toBe(1);
      const order = await page.evaluate(() => (window as unknown as MapHandle).omradeskartan.map.getStyle().layers.map((l) => l.id));
      expect(order.filter((id) => id.startsWith('basemap:'))).toEqual([]);
      // The project's own streets take over where they exist.
      await expect(page.getByTestId('map')).toHaveAttribute('data-streets', 'own');
      await waitForMapIdle(page);
      expect(await renderedCount(page, ['streets-road'])).toBeGreaterThan(0);
      if (outage === 'down') await shot(page, 'fallback-notice-1280.png');
      await page.getByRole('button', { name: 'English' }).click();
      await expect(notice).toContainText('The online street map could not be reached');
      await notice.getByRole('button').click();
      await expect(notice).toHaveCount(0);
    });
  }

  test('the policy admits the configured origin and blocks another', async ({ page }) => {
    await fakeBasemap(page);
    await page.route('https://other.example.test/**', (route) => route.fulfill({ body: 'x', headers: { 'access-control-allow-origin': '*' } }));
    const violations: string[] = [];
    await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { reportViolation(v: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(OSTERMALM);
    await expect(page.getByTestId('map')).toHaveAttribute('data-basemap', 'online');
    const header = (await page.request.get('/')).headers()['content-security-policy']!;
    expect(header).toContain(`connect-src 'self' ${TEST_BASEMAP_ORIGIN};`);
    expect(header).toContain(`img-src 'self' data: blob: ${TEST_BASEMAP_ORIGIN};`);
    expect(header.match(/https?:\/\/[^\s;]+/g)).toEqual([TEST_BASEMAP_ORIGIN, TEST_BASEMAP_ORIGIN]);
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toBe(header);
    expect(await page.locator('meta[name="omr-basemap"]').getAttribute('content')).toContain(TEST_BASEMAP_STYLE);

    const fetched = await page.evaluate(async ([allowed, other]) => {
      const tryFetch = (url: string) => fetch(url).then((r) => r.ok, () => false);
      return [await tryFetch(allowed!), await tryFetch(other!)];
    }, [TEST_BASEMAP_STYLE, 'https://other.example.test/styles/other.json']);
    expect(fetched).toEqual([true, false]);
    await expect.poll(() => violations).toContainEqual(expect.stringMatching(/^connect-src https:\/\/other\.example\.test/));
    expect(violations.filter((v) => v.includes('tiles.example.test'))).toEqual([]);
  });

  test('without a basemap configured the policy is as strict as ever', async ({ page }) => {
    const header = (await page.request.get(`${serverUrl()}/`)).headers()['content-security-policy'];
    expect(header).toBe(/content="([^"]+)"/.exec(basemapHeadTags(null))![1]);
    expect(header).not.toMatch(/https?:/);
    const html = await (await page.request.get(`${serverUrl()}/`)).text();
    expect(html).not.toContain('omr-basemap');
  });
});
