import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { parseCsv } from '../src/domain/csv';
import { expect, renderedIds, test, waitForMapIdle } from './fixtures';

/** Goal ids of the programme points the map currently draws (clusters expanded to their leaves). */
async function mapGoalIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const map = (window as unknown as { omradeskartan: { map: { getSource(id: string): { serialize(): { data: { features: { properties: { goalId: string } }[] } } } } } }).omradeskartan.map;
    const data = map.getSource('programme').serialize().data;
    return [...new Set(data.features.map((f) => f.properties.goalId))].sort();
  });
}

async function listGoalIds(page: Page): Promise<string[]> {
  const ids = await page.locator('.programme-tab > .goal-list details.goal').evaluateAll((els) => els.map((e) => e.getAttribute('data-goal-id')!));
  return [...new Set(ids)].sort();
}

test.describe('the programmes on the map', () => {
  test('filtering by theme and year changes both the map and the list, and they agree', async ({ page }) => {
    await page.goto('/?flik=programme');
    await waitForMapIdle(page);
    // The programme tab loads on demand: wait for its list before reading it.
    await expect(page.locator('.programme-tab > .goal-list details.goal').first()).toBeVisible();
    const allList = await listGoalIds(page);
    const allMap = await mapGoalIds(page);
    expect(allList.length).toBeGreaterThan(50);

    await page.getByRole('combobox', { name: 'Tema' }).selectOption({ label: 'Trygghet' });
    await page.getByRole('combobox', { name: 'År' }).selectOption('2019');
    await expect(page).toHaveURL(/tema=trygghet/);
    await expect(page).toHaveURL(/ar=2019/);
    await waitForMapIdle(page);
    const list = await listGoalIds(page);
    const onMap = await mapGoalIds(page);
    expect(list.length).toBeGreaterThan(0);
    expect(list.length).toBeLessThan(allList.length);
    expect(onMap.length).toBeLessThan(allMap.length);
    // Every goal in the list that has a place on the map is drawn, and nothing else is.
    expect(onMap.every((id) => list.includes(id))).toBe(true);
    await expect(page.getByTestId('result-count')).toContainText(`${list.length} mål`);
    const themes = await page.locator('.programme-tab .theme-heading').allTextContents();
    expect(themes.every((t) => /trygg|säker|ordning|brott|våld/i.test(t))).toBe(true);
  });

  test('free-text search ignores case and diacritics', async ({ page }) => {
    await page.goto('/?flik=programme');
    await waitForMapIdle(page);
    await page.getByLabel('Sök i mål och åtgärder').fill('HASSELBY TORG');
    await expect(page.locator('.programme-tab details.goal', { hasText: 'Hässelby torg är tryggt och attraktivt' })).toHaveCount(1);
    await expect(page).toHaveURL(/q=HASSELBY(\+|%20)TORG/);
  });

  test('a deep link with filters restores them', async ({ page }) => {
    await page.goto('/?flik=programme&d=hasselby-vallingby&pa=hasselby-gard&tema=trygghet');
    await waitForMapIdle(page);
    await expect(page.getByRole('combobox', { name: 'Stadsdelsområde' })).toHaveValue('hasselby-vallingby');
    await expect(page.getByRole('combobox', { name: 'Prioriterat område' })).toHaveValue('hasselby-gard');
    await expect(page.getByRole('combobox', { name: 'Tema' })).toHaveValue('trygghet');
    const goal = page.locator('.programme-tab details.goal', { hasText: 'Hässelby torg är tryggt och attraktivt' });
    await expect(goal).toHaveCount(1);
    await goal.locator('summary').click();
    await expect(goal.locator('.measures li')).toHaveCount(5);
    await expect(goal).toContainText('dokument 000');
    expect((await mapGoalIds(page)).length).toBeGreaterThan(0);
  });

  test('the CSV downloads and parses back to the same rows as the list', async ({ page }) => {
    await page.goto('/?flik=programme&d=spanga-tensta');
    await waitForMapIdle(page);
    const listed = await listGoalIds(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ladda ned som CSV' }).click()]);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(text);
    const [header, ...body] = rows;
    expect(header).toContain('mål');
    expect(header).toContain('åtgärd');
    const goalIds = [...new Set(body.map((r) => r[0]!))].sort();
    expect(goalIds).toEqual(listed);
    expect(body.every((r) => r[2] === 'Spånga-Tensta')).toBe(true);
    const measures = await page.locator('.programme-tab details.goal').evaluateAll((els) => els.length);
    expect(measures).toBe(listed.length);
    expect(text).toContain('Spånga-Tensta');
  });

  test('clicking a crowded spot zooms in, and where goals share one spot it lists them', async ({ page }) => {
    await page.goto('/?flik=areas');
    await waitForMapIdle(page);
    // Click the biggest cluster until it either splits or opens the list of goals at one spot.
    for (let i = 0; i < 8 && (await page.locator('.stack').count()) === 0; i++) {
      const target = await page.evaluate(() => {
        const map = (window as unknown as { omradeskartan: { map: { queryRenderedFeatures(o: object): { properties: { point_count: number }; geometry: { coordinates: [number, number] } }[]; project(c: [number, number]): { x: number; y: number } } } }).omradeskartan.map;
        const clusters = map.queryRenderedFeatures({ layers: ['programme-clusters'] });
        const biggest = clusters.sort((a, b) => b.properties.point_count - a.properties.point_count)[0];
        return biggest ? map.project(biggest.geometry.coordinates) : null;
      });
      expect(target).not.toBeNull();
      const box = (await page.getByTestId('map').boundingBox())!;
      await page.mouse.click(box.x + target!.x, box.y + target!.y);
      await page.waitForTimeout(800);
      await waitForMapIdle(page);
    }
    const stack = page.locator('.stack');
    await expect(stack).toBeVisible();
    await expect(stack.getByRole('heading', { level: 2 })).toContainText('mål på samma plats');
    expect(await stack.locator('details.goal').count()).toBeGreaterThan(1);
    await expect(page.getByRole('tab', { name: 'Program' })).toHaveAttribute('aria-selected', 'true');
  });

  test('selecting a goal opens it and rings its points on the map', async ({ page }) => {
    await page.goto('/?sel=goal:000-hasselby-torg-tryggt');
    await waitForMapIdle(page);
    const details = page.getByTestId('details');
    await expect(details.getByRole('heading', { level: 2 })).toHaveText('Hässelby torg är tryggt och attraktivt');
    await expect(details.locator('.measures li')).toHaveCount(5);
    expect(await renderedIds(page, ['programme-selected'], 'goalId')).toContain('000-hasselby-torg-tryggt');
  });

  test('the choropleth by stadsdel shows, with its legend, and the table sorts', async ({ page }) => {
    await page.goto('/?flik=summary');
    await waitForMapIdle(page);
    await page.getByRole('radio', { name: 'Stadsdelar' }).check();
    await page.getByLabel('Visa som karta').check();
    await expect(page).toHaveURL(/karta=stadsdel/);
    await waitForMapIdle(page);
    expect((await renderedIds(page, ['choropleth-stadsdel'])).length).toBe(117);
    await expect(page.getByTestId('legend')).toContainText('Antal mål per område');
    const first = async () => Number(await page.locator('.summary-table tbody tr').first().locator('td').first().textContent());
    const last = async () => Number(await page.locator('.summary-table tbody tr').last().locator('td').first().textContent());
    expect(await first()).toBeGreaterThanOrEqual(await last());
    await page.getByRole('button', { name: /^Mål/ }).click();
    expect(await first()).toBeLessThanOrEqual(await last());
    await expect(page.locator('.summary-table tbody tr')).toHaveCount(117);
  });
});

test('every panel tab fits a 360 px wide phone without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const query of ['?flik=programme', '?flik=summary&karta=district', '?sel=goal:000-hasselby-torg-tryggt', '?flik=summary&lang=en']) {
    await page.goto(`/${query}`);
    await waitForMapIdle(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, query).toBe(0);
  }
});
