import type { Page } from '@playwright/test';
import { expect, pixelOf, test, waitForMapIdle } from './fixtures';

const HASSELBY_GARD = { latitude: 59.3664, longitude: 17.8437 };

async function distancesOf(page: Page): Promise<number[]> {
  const texts = await page.locator('.near-list .distance').allTextContents();
  return texts.map((t) => (t.includes('km') ? Number(t.replace(/[^\d,.]/g, '').replace(',', '.')) * 1000 : Number(t.replace(/[^\d]/g, ''))));
}

test.describe('Nära mig', () => {
  test('with geolocation granted in Hässelby gård: the area and the nearest initiatives in order', async ({ browser }) => {
    const context = await browser.newContext({ permissions: ['geolocation'], geolocation: HASSELBY_GARD });
    await context.route('**/*', (route) => (new URL(route.request().url()).hostname === 'localhost' ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.goto('http://localhost:4173/?flik=near');
    await waitForMapIdle(page);
    await page.getByRole('button', { name: 'Använd min position' }).click();
    await expect(page.getByText('skickas inte någonstans')).toBeVisible();
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    const results = page.getByTestId('near-results');
    await expect(results).toContainText('Stadsdel Hässelby gård');
    await expect(results).toContainText('prioriterat område Hässelby gård');
    await page.getByLabel('Avstånd').selectOption('2000');
    await expect(page).toHaveURL(/nara=59\.36640,17\.84370&radie=2000/);
    const distances = await distancesOf(page);
    expect(distances.length).toBeGreaterThan(3);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    expect(distances.every((d) => d <= 2000)).toBe(true);
    // The collaboration sites nearby, nearest first: Hässelby torg (here) before Hässelby strand.
    const siteItems = results.locator('li').filter({ has: page.locator('.kindlabel', { hasText: /^Platssamverkan$/ }) });
    const sites = await siteItems.locator('.near-title').allTextContents();
    expect(sites[0]).toBe('Hässelby torg');
    expect(sites).toContain('Hässelby strand');
    await siteItems.first().getByRole('button').click();
    await expect(page.getByTestId('details').getByRole('heading', { level: 2 })).toHaveText('Hässelby torg');
    await expect(page.getByTestId('site-status')).toHaveText('Etablerad');
    await context.close();
  });

  test('with geolocation denied: a plain fallback, and search still works', async ({ browser }) => {
    const context = await browser.newContext({ permissions: [] });
    await context.route('**/*', (route) => (new URL(route.request().url()).hostname === 'localhost' ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.goto('http://localhost:4173/?flik=near');
    await waitForMapIdle(page);
    await page.getByRole('button', { name: 'Använd min position' }).click();
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await expect(page.getByTestId('position-problem')).toContainText('Sök efter en plats eller klicka i kartan i stället');
    const box = page.getByRole('combobox', { name: 'Sök plats eller område' });
    await box.fill('vallinby centrm');
    await expect(page.getByRole('option').first()).toContainText('Vällingby centrum');
    await box.press('ArrowDown');
    await box.press('ArrowUp');
    await box.press('Enter');
    await expect(page.getByTestId('near-results')).toContainText('Vällingby centrum');
    await expect(page.getByTestId('near-results')).toContainText('Stadsdel Vällingby');
    await context.close();
  });

  test('a point chosen on the map', async ({ page }) => {
    await page.goto('/?flik=near&map=14.00/59.39450/17.90130');
    await waitForMapIdle(page);
    await page.getByRole('button', { name: 'Välj punkt i kartan' }).click();
    const at = await pixelOf(page, [17.9013, 59.3945]);
    await page.mouse.click(at.x, at.y);
    await expect(page.getByTestId('near-results')).toContainText('Stadsdel Tensta');
    await expect(page.getByTestId('near-results')).toContainText('stadsdelsområde Spånga-Tensta');
  });

  test('on a 360 × 740 phone: map and list reachable, touch targets at least 44 px', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, permissions: ['geolocation'], geolocation: HASSELBY_GARD });
    const page = await context.newPage();
    await page.goto('http://localhost:4173/?flik=near');
    await waitForMapIdle(page);
    const map = (await page.getByTestId('map').boundingBox())!;
    expect(map.width).toBeGreaterThanOrEqual(350);
    expect(map.height).toBeGreaterThan(250);
    await page.getByRole('button', { name: 'Använd min position' }).tap();
    await page.getByRole('button', { name: 'Fortsätt' }).tap();
    await expect(page.getByTestId('near-results')).toContainText('Hässelby gård');
    const small: string[] = [];
    for (const button of await page.locator('.near-tab button, .near-tab select, .near-tab input, [role="tab"]').all()) {
      const b = await button.boundingBox();
      if (b && b.height < 44) small.push(`${(await button.textContent())?.slice(0, 30)} ${Math.round(b.height)}px`);
    }
    expect(small).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await context.close();
  });

  test('in English, and the language is remembered', async ({ page }) => {
    await page.goto('/?flik=near');
    await waitForMapIdle(page);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(page.getByRole('heading', { name: 'What is being done near me?' })).toBeVisible();
    await page.goto('/?flik=near');
    await waitForMapIdle(page);
    await expect(page.getByRole('heading', { name: 'What is being done near me?' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.goto('/?flik=near&lang=sv');
    await expect(page.getByRole('heading', { name: 'Vad görs nära mig?' })).toBeVisible();
  });
});

test('keyboard only: pan the map with arrow keys and choose its centre as the point', async ({ page }) => {
  await page.goto('/?flik=near&map=15.00/59.39450/17.90130');
  await waitForMapIdle(page);
  await page.getByRole('button', { name: 'Välj punkt i kartan' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('.maplibregl-canvas').focus();
  await page.keyboard.press('ArrowRight');
  await waitForMapIdle(page);
  await page.getByRole('button', { name: 'Använd kartans mitt' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('near-results')).toContainText('Stadsdel Tensta');
});
