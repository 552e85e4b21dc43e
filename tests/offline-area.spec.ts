import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test, waitForMapIdle } from './fixtures';

/**
 * A walk's map saved for use with no connection (issue 11): the save says what it will download,
 * shows progress, can be cancelled; the saved area's streets are drawn offline after a reload,
 * from the app's own street tiles (built from the OSM samples by `npm run streets:samples`).
 * Screenshots go to $OFFLINE_SHOTS when it is set.
 */

// In the Östermalm sample (18.0602–18.0807 E, 59.3343–59.3422 N), stadsdel Östermalm.
const CENTRE: [number, number] = [18.07, 59.338];
const START = `/?flik=walks&map=14.00/${CENTRE[1]}/${CENTRE[0]}`;
const TILES = /\/streets\/\d+\/\d+\/\d+\.pbf$/;
// The z14 tile under CENTRE (inside the saved area) and one in the Fruängen sample (outside it).
const INSIDE_TILE = 'streets/14/9014/4817.pbf';
const OUTSIDE_TILE = 'streets/14/9009/4822.pbf';

const shots = process.env.OFFLINE_SHOTS;
async function shot(page: Page, name: string): Promise<void> {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: `${shots}/${name}.png` });
}

/** Opens the app once and waits until the service worker controls the page (the app is cached). */
async function openControlled(page: Page): Promise<void> {
  await page.goto(START);
  await waitForMapIdle(page);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 }).toBe(true);
}

/** Creates a walk in the stadsdel Östermalm (no route, no findings yet): it is then shown. */
async function createOstermalmWalk(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Ny trygghetsvandring' }).click();
  await page.getByLabel('Område', { exact: true }).selectOption('stadsdel:ostermalm');
  await page.getByLabel('Arrangör (organisation)').fill('Östermalms stadsdelsförvaltning');
  await page.getByRole('button', { name: 'Spara vandringen' }).click();
  await expect(page.getByTestId('details')).toContainText('Östermalms stadsdelsförvaltning');
}

/** The URLs in the saved-tile cache. */
async function savedTiles(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await (await caches.open('omradeskartan-tiles')).keys()).map((r) => r.url));
}

/** Whether the page can fetch a URL now (through the service worker). */
async function canFetch(page: Page, path: string): Promise<boolean> {
  return page.evaluate(async (p) => {
    try {
      return (await fetch(p)).ok;
    } catch {
      return false;
    }
  }, path);
}

/** Holds street tile requests after the first `free` until released. */
async function holdTiles(context: BrowserContext, free: number): Promise<() => void> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => { release = resolve; });
  let seen = 0;
  await context.route(TILES, async (route) => {
    seen += 1;
    if (seen > free) await gate;
    // A request the app cancelled meanwhile can no longer be continued.
    await route.continue().catch(() => undefined);
  });
  return release;
}

test.describe('a walk’s map for use with no connection', () => {
  test('save with an estimate and progress, cancel, save; offline after a reload the area’s streets are drawn', async ({ page, context }) => {
    // Two full loads of the app and a street-level map drawn in software: more than the default minute on a busy machine.
    test.setTimeout(120_000);
    await openControlled(page);
    // The street tiles the map showed are not kept by themselves: offline, none is there.
    await context.setOffline(true);
    expect(await canFetch(page, INSIDE_TILE)).toBe(false);
    await context.setOffline(false);

    await createOstermalmWalk(page);
    const section = page.getByTestId('offline-area');
    await expect(section.getByRole('heading', { name: 'Karta utan uppkoppling' })).toBeVisible();

    // What it will download, before anything is downloaded.
    await section.getByRole('button', { name: 'Spara kartan för området' }).click();
    const plan = section.getByTestId('offline-plan');
    await expect(plan).toContainText('Hela Östermalm');
    await expect(plan).toContainText('zoom 13–17');
    await expect(plan.getByTestId('offline-estimate')).toHaveText(/^\d+ kartrutor, omkring [\d,]+ (kB|MB)\.$/);
    const tileCount = Number(/^(\d+)/.exec((await plan.getByTestId('offline-estimate').textContent())!)![1]);
    expect(tileCount).toBeGreaterThan(2);
    expect(await savedTiles(page)).toEqual([]);
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'plan-1280');

    // Progress while the tiles come (held after two), then cancel: nothing is kept.
    const release = await holdTiles(context, 2);
    await plan.getByRole('button', { name: 'Ladda ned och spara' }).click();
    const progress = section.getByTestId('offline-progress');
    await expect(progress).toContainText(`Sparar: 2 av ${tileCount} kartrutor`);
    await expect(progress.locator('progress')).toHaveAttribute('value', '2');
    await shot(page, 'progress-1280');
    await progress.getByRole('button', { name: 'Avbryt sparandet' }).click();
    await expect(section.getByTestId('offline-message')).toHaveText('Sparandet avbröts. Det som hann hämtas är borttaget igen.');
    release();
    await context.unroute(TILES);
    expect(await savedTiles(page)).toEqual([]);
    await expect(section.getByTestId('offline-list')).toContainText('Alla sparade kartor (0)');

    // Save for real.
    await section.getByRole('button', { name: 'Spara kartan för området' }).click();
    await section.getByRole('button', { name: 'Ladda ned och spara' }).click();
    await expect(section.getByTestId('offline-message')).toContainText(`Kartan är sparad: ${tileCount} kartrutor`);
    await expect(section.getByTestId('offline-saved')).toHaveText(new RegExp(`^Sparad \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d: ${tileCount} kartrutor, [\\d,]+ (kB|MB)\\.`));
    expect(await savedTiles(page)).toHaveLength(tileCount);
    const list = section.getByTestId('offline-list');
    await list.locator('summary').click();
    await expect(list.locator('.offline-item')).toHaveCount(1);
    await expect(list.locator('.offline-item')).toContainText(/Östermalm · \d{4}-\d\d-\d\d/);
    await expect(list).toContainText(/[\d,]+ (kB|MB) av högst 50 MB används\./);
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'saved-1280');

    // Offline, reload the app zoomed into the area (the walk still open): the streets come from the saved tiles.
    await context.setOffline(true);
    const here = new URL(page.url());
    here.searchParams.set('map', `16.00/${CENTRE[1]}/${CENTRE[0]}`);
    await page.goto(here.href);
    await waitForMapIdle(page);
    await expect(page.getByTestId('offline-saved')).toBeVisible();
    expect(await canFetch(page, INSIDE_TILE)).toBe(true);
    expect(await canFetch(page, OUTSIDE_TILE)).toBe(false);
    // The street layers: those drawn from the app's street source.
    const layers = await page.evaluate(() => {
      const map = (window as unknown as { omradeskartan: { map: { getStyle(): { layers: { id: string; source?: string }[] } } } }).omradeskartan.map;
      return map.getStyle().layers.filter((l) => l.source === 'streets').map((l) => l.id);
    });
    expect(layers.length, 'the map has its street layers').toBeGreaterThan(0);
    await expect.poll(() => page.evaluate((ids) => {
      const map = (window as unknown as { omradeskartan: { map: { queryRenderedFeatures(o: object): unknown[] } } }).omradeskartan.map;
      return map.queryRenderedFeatures({ layers: ids }).length;
    }, layers)).toBeGreaterThan(20);
    await shot(page, 'offline-map-1280');
    await page.setViewportSize({ width: 360, height: 740 });
    await waitForMapIdle(page);
    await shot(page, 'offline-map-360');
    await context.setOffline(false);
  });

  test('on a phone: the estimate, progress and the saved list, controls at least 44 px', async ({ page, context }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await openControlled(page);
    await createOstermalmWalk(page);
    const section = page.getByTestId('offline-area');
    await section.getByRole('button', { name: 'Spara kartan för området' }).click();
    await expect(section.getByTestId('offline-estimate')).toBeVisible();
    const tall = async () => {
      for (const control of await section.locator('button, summary').all()) expect((await control.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    };
    await tall();
    await section.getByTestId('offline-plan').scrollIntoViewIfNeeded();
    await shot(page, 'plan-360');
    const release = await holdTiles(context, 1);
    await section.getByRole('button', { name: 'Ladda ned och spara' }).click();
    await expect(section.getByTestId('offline-progress')).toContainText('Sparar: 1 av');
    await tall();
    await section.getByTestId('offline-progress').scrollIntoViewIfNeeded();
    await shot(page, 'progress-360');
    release();
    await expect(section.getByTestId('offline-message')).toContainText('Kartan är sparad');
    await context.unroute(TILES);
    await section.getByTestId('offline-list').locator('summary').click();
    await tall();
    await section.getByTestId('offline-list').scrollIntoViewIfNeeded();
    await shot(page, 'saved-360');
  });

  test('a saved area is removed with its tiles', async ({ page }) => {
    await openControlled(page);
    await createOstermalmWalk(page);
    const section = page.getByTestId('offline-area');
    await section.getByRole('button', { name: 'Spara kartan för området' }).click();
    await section.getByRole('button', { name: 'Ladda ned och spara' }).click();
    await expect(section.getByTestId('offline-saved')).toBeVisible();
    expect((await savedTiles(page)).length).toBeGreaterThan(0);
    await section.getByRole('button', { name: /^Ta bort kartan Östermalm/ }).click();
    await expect(section.getByTestId('offline-message')).toContainText('är borttagen');
    await expect(section.getByTestId('offline-list')).toContainText('Alla sparade kartor (0)');
    expect(await savedTiles(page)).toEqual([]);
    await expect(section.getByRole('button', { name: 'Spara kartan för området' })).toBeVisible();
  });

  test('the ceiling: a save that does not fit is refused with a message; offline, a save does not start', async ({ page, context }) => {
    await openControlled(page);
    await createOstermalmWalk(page);
    await page.evaluate(() => (window as unknown as { omradeskartan: { offlineAreas: { setCeiling(b: number): void } } }).omradeskartan.offlineAreas.setCeiling(2000));
    const section = page.getByTestId('offline-area');
    await section.getByRole('button', { name: 'Spara kartan för området' }).click();
    await expect(section.getByTestId('offline-refusal')).toContainText('Får inte plats: sparade kartor får ta högst 2 kB');
    await expect(section.getByRole('button', { name: 'Ladda ned och spara' })).toHaveCount(0);
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'ceiling-1280');
    await section.getByRole('button', { name: 'Stäng' }).click();
    expect(await savedTiles(page)).toEqual([]);

    // With room again but no connection: it says so instead of starting.
    await page.evaluate(() => (window as unknown as { omradeskartan: { offlineAreas: { setCeiling(b: number): void } } }).omradeskartan.offlineAreas.setCeiling(50 * 1024 * 1024));
    await context.setOffline(true);
    await section.getByRole('button', { name: 'Spara kartan för området' }).click();
    await section.getByRole('button', { name: 'Ladda ned och spara' }).click();
    await expect(section.getByTestId('offline-message')).toHaveText('Du är inte uppkopplad. Anslut till internet för att spara kartan.');
    await context.setOffline(false);
    expect(await savedTiles(page)).toEqual([]);
  });
});
