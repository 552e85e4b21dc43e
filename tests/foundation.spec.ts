import { camera, expect, pixelOf, renderedIds, test, waitForMapIdle } from './fixtures';

test.describe('the offline map of districts and priority areas', () => {
  test('draws land, water, all 14 districts and all priority areas with no network', async ({ page, outsideRequests }, testInfo) => {
    await page.goto('/');
    await waitForMapIdle(page);

    const districts = await renderedIds(page, ['district-line']);
    expect(districts).toHaveLength(14);
    const priorityAreas = await renderedIds(page, ['priority-fill']);
    expect(priorityAreas).toHaveLength(28);
    expect(priorityAreas).toEqual(expect.arrayContaining(['tensta', 'hjulsta-torg', 'ostra-varberg', 'solberga']));
    expect((await renderedIds(page, ['land'])).length).toBe(117);
    expect((await renderedIds(page, ['water'], 'FID')).length).toBeGreaterThan(0);
    expect(await renderedIds(page, ['label-district'], 'name')).toEqual(expect.arrayContaining(['Bromma', 'Skärholmen']));

    await expect(page.locator('.maplibregl-ctrl-attrib')).toContainText('Stockholms stad, öppna data (CC0)');
    await expect(page.getByText('Teckenförklaring')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('start-desktop.png') });
    expect(outsideRequests).toEqual([]);
  });

  test('choosing an area from the list by keyboard opens its panel and zooms to it', async ({ page }) => {
    await page.goto('/');
    await waitForMapIdle(page);
    const before = await camera(page);

    // Tab through the page until the list button for Tensta has the focus, then press Enter.
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.getAttribute('data-area-id') === 'tensta');
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');

    const details = page.getByTestId('details');
    await expect(details.getByRole('heading', { level: 2 })).toHaveText('Tensta');
    await expect(details.getByRole('heading', { level: 2 })).toBeFocused();
    await expect(details).toContainText('Spånga-Tensta');
    await expect(details).toContainText('hela stadsdelen Tensta');
    await expect(details).toContainText('2,15 km²');
    await expect(details).toContainText('avsnitt 3.2 Spånga-Tensta');
    await expect(page).toHaveURL(/sel=priority-area:tensta/);
    await waitForMapIdle(page);
    const after = await camera(page);
    expect(after.zoom).toBeGreaterThan(before.zoom + 1.5);
    expect(after.lng).toBeCloseTo(17.896, 1);
    expect(after.lat).toBeCloseTo(59.395, 1);
  });

  test('clicking the map selects the priority area under the pointer', async ({ page }) => {
    await page.goto('/?map=13.00/59.39630/17.89000');
    await waitForMapIdle(page);
    const { x, y } = await pixelOf(page, [17.905, 59.392]);
    await page.mouse.click(x, y);
    await expect(page.getByTestId('details').getByRole('heading', { level: 2 })).toHaveText('Tensta');
    const hjulsta = await pixelOf(page, [17.8875, 59.3963]);
    await page.mouse.click(hjulsta.x, hjulsta.y);
    await expect(page.getByTestId('details').getByRole('heading', { level: 2 })).toHaveText('Hjulsta torg');
    await expect(page.getByTestId('details')).toContainText('Ungefärlig avgränsning');
  });

  test('a copied link restores the map position and the selection', async ({ page, context }) => {
    await page.goto('/');
    await waitForMapIdle(page);
    await page.getByRole('button', { name: /^Östra Vårberg/ }).click();
    await waitForMapIdle(page);
    await expect(page).toHaveURL(/sel=priority-area:ostra-varberg&map=/);
    const link = page.url();
    const original = await camera(page);

    const other = await context.newPage();
    await other.goto(link);
    await waitForMapIdle(other);
    await expect(other.getByTestId('details').getByRole('heading', { level: 2 })).toHaveText('Östra Vårberg');
    const restored = await camera(other);
    expect(restored.zoom).toBeCloseTo(original.zoom, 1);
    expect(restored.lng).toBeCloseTo(original.lng, 4);
    expect(restored.lat).toBeCloseTo(original.lat, 4);
    expect(await other.evaluate(() => {
      const map = (window as unknown as { omradeskartan: { map: { getFeatureState(f: object): { selected?: boolean } } } }).omradeskartan.map;
      return map.getFeatureState({ source: 'priority-areas', id: 'ostra-varberg' }).selected;
    })).toBe(true);
  });

  test('a hand-written deep link with a position opens exactly there', async ({ page }) => {
    await page.goto('/?sel=district:norrmalm&map=12.50/59.34000/18.05000');
    await waitForMapIdle(page);
    const c = await camera(page);
    expect(c.zoom).toBeCloseTo(12.5, 2);
    expect(c.lat).toBeCloseTo(59.34, 3);
    expect(c.lng).toBeCloseTo(18.05, 3);
    const details = page.getByTestId('details');
    await expect(details.getByRole('heading', { level: 2 })).toHaveText('Norrmalm');
    await expect(details).toContainText('pekar inte ut något geografiskt område som prioriterat');
  });

  test('an unknown id in the link shows a clear message and the default view', async ({ page }) => {
    await page.goto('/?sel=priority-area:atlantis');
    await waitForMapIdle(page);
    await expect(page.getByRole('status')).toContainText('Det finns inget område med id ”atlantis”');
    await expect(page.getByTestId('details')).toHaveCount(0);
    expect((await renderedIds(page, ['district-line'])).length).toBe(14);
    const c = await camera(page);
    expect(c.zoom).toBeLessThan(11);
  });

  test('a damaged link part is reported and skipped', async ({ page }) => {
    await page.goto('/?map=banana&sel=priority-area:grimsta');
    await waitForMapIdle(page);
    await expect(page.getByRole('status')).toContainText('map=banana');
    await expect(page.getByTestId('details').getByRole('heading', { level: 2 })).toHaveText('Grimsta');
  });

  test('works in English and at 360 px wide', async ({ page }, testInfo) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/?lang=en&sel=priority-area:hornsberg');
    await waitForMapIdle(page);
    await expect(page.getByRole('heading', { name: 'Districts (stadsdelsområden)' })).toBeVisible();
    await expect(page.getByTestId('details')).toContainText('Approximate outline');
    const map = await page.getByTestId('map').boundingBox();
    expect(map!.width).toBeGreaterThanOrEqual(350);
    expect(map!.height).toBeGreaterThan(250);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await page.screenshot({ path: testInfo.outputPath('hornsberg-phone-en.png'), fullPage: true });
    await page.getByRole('button', { name: 'Byt till svenska' }).click();
    await expect(page.getByRole('heading', { name: 'Stadsdelsområden' })).toBeVisible();
    await expect(page).not.toHaveURL(/lang=/);
  });
});
