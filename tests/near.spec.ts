import type { Page } from '@playwright/test';
import { expect, pixelOf, test, waitForMapIdle } from './fixtures';

const HASSELBY_GARD = { latitude: 59.3664, longitude: 17.8437 };

/**
 * The results of the chosen point come first: the first result starts on the screen (at least a
 * touch target's height above its bottom), and the results' heading is below the sticky tabs.
 */
async function expectResultsFirst(page: Page, screenHeight: number): Promise<void> {
  const results = page.getByTestId('near-results');
  const first = results.locator('.near-list li').first();
  await expect(first).toBeVisible();
  await expect.poll(async () => {
    const y = (await first.boundingBox())?.y ?? Infinity;
    return y >= 0 && y <= screenHeight - 44 ? 'on screen' : `first result at ${Math.round(y)} px`;
  }).toBe('on screen');
  const heading = (await results.getByRole('heading', { level: 3 }).boundingBox())!;
  const tabs = (await page.getByRole('tablist').boundingBox())!;
  expect(heading.y).toBeGreaterThanOrEqual(Math.max(0, tabs.y + tabs.height) - 1);
}

async function distancesOf(page: Page): Promise<number[]> {
  const texts = await page.locator('.near-list .distance').allTextContents();
  return texts.map((t) => (t.includes('km') ? Number(t.replace(/[^\d,.]/g, '').replace(',', '.')) * 1000 : Number(t.replace(/[^\d]/g, ''))));
}

test.describe('Nära mig', () => {
  test('with geolocation granted in Hässelby gård: the area and the nearest initiatives in order', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, permissions: ['geolocation'], geolocation: HASSELBY_GARD });
    await context.route('**/*', (route) => (new URL(route.request().url()).hostname === 'localhost' ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.goto('/?flik=near');
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

  test('with geolocation denied: a plain fallback, and search still works', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, permissions: [] });
    await context.route('**/*', (route) => (new URL(route.request().url()).hostname === 'localhost' ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.goto('/?flik=near');
    await waitForMapIdle(page);
    await page.getByRole('button', { name: 'Använd min position' }).click();
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    const problem = page.getByTestId('position-problem');
    await expect(problem).toContainText('Sök efter en plats eller klicka i kartan i stället');
    // In Swedish throughout, with what to do to allow it, never the browser's English text ("User denied Geolocation").
    await expect(problem).toContainText('webbläsarens webbplatsinställningar');
    await expect(problem).not.toContainText(/User denied|Geolocation|permission/i);
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

  for (const [code, sv, en] of [
    [1, 'Du har inte gett sidan lov att använda din position', 'You have not allowed this page to use your position'],
    [2, 'Din position gick inte att ta fram', 'Your position could not be determined'],
    [3, 'Det tog för lång tid att få fram din position', 'Finding your position took too long'],
  ] as const) {
    test(`a position that fails with code ${code} is explained in the user's language, with what to do instead`, async ({ page }) => {
      // The browser's own message is English and technical: it must never reach the page.
      await page.addInitScript((errorCode) => {
        navigator.geolocation.getCurrentPosition = (_ok, fail) => {
          setTimeout(() => fail?.({ code: errorCode, message: 'BROWSER-TEXT Geolocation failed', PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3 } as GeolocationPositionError), 10);
        };
      }, code);
      for (const [lang, start, instead, use, go] of [
        ['sv', sv, 'Sök efter en plats eller klicka i kartan i stället', 'Använd min position', 'Fortsätt'],
        ['en', en, 'search for a place or click the map instead', 'Use my position', 'Continue'],
      ] as const) {
        await page.goto(`/?flik=near&lang=${lang}`);
        await page.getByRole('button', { name: use }).click();
        await page.getByRole('button', { name: go }).click();
        const problem = page.getByTestId('position-problem');
        await expect(problem).toContainText(start);
        await expect(problem).toContainText(new RegExp(instead, 'i'));
        await expect(problem).not.toContainText('BROWSER-TEXT');
      }
    });
  }

  test('search suggestions that share a name say which kind each is, in Swedish and English', async ({ page }) => {
    await page.goto('/?flik=near');
    const box = page.getByRole('combobox', { name: 'Sök plats eller område' });
    await box.fill('Tensta');
    const options = page.getByRole('listbox').getByRole('option');
    await expect(options.first()).toBeVisible();
    const texts = await options.allTextContents();
    expect(texts).toContain('Tensta · Prioriterat område · Spånga-Tensta');
    expect(texts).toContain('Tensta · Stadsdel · Spånga-Tensta');
    expect(texts).toContain('Spånga-Tensta · Stadsdelsområde');
    expect(new Set(texts).size).toBe(texts.length);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    const english = page.getByRole('combobox', { name: 'Search a place or area' });
    await english.fill('');
    await english.fill('Tensta');
    await expect(options.first()).toBeVisible();
    expect(await options.allTextContents()).toEqual(expect.arrayContaining(['Tensta · Priority area · Spånga-Tensta', 'Tensta · Stadsdel · Spånga-Tensta']));
  });

  test('each initiative once, and one thing counted as one: "1 sak", "1 thing"', async ({ page }) => {
    await page.goto('/?flik=near&nara=59.36640,17.84370&radie=500');
    const results = page.getByTestId('near-results');
    await expect(results.locator('.near-list li').first()).toBeVisible();
    // Document 003 names "Platssamverkan" as a goal under two of the council's goals: one row.
    const rows = await results.locator('.near-list li').allTextContents();
    expect(rows.filter((r) => /^Mål · .*Platssamverkan$/.test(r))).toHaveLength(1);
    expect(new Set(rows.map((r) => r.replace(/ · [\d,]+ k?m bort/, ''))).size).toBe(rows.length);
    await expect(results.getByRole('status')).toHaveText(/^\d+ saker inom 500 m, närmast först$/);
    // Bagisgården has one measure within 500 m and nothing else.
    const box = page.getByRole('combobox', { name: 'Sök plats eller område' });
    await box.fill('Bagisgården');
    await page.getByRole('option', { name: /^Bagisgården · Plats · / }).click();
    await expect(results.getByRole('status')).toHaveText('1 sak inom 500 m');
    await expect(results.locator('.near-list li')).toHaveCount(1);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(results.getByRole('status')).toHaveText('1 thing within 500 m');
    await page.getByRole('combobox', { name: 'Search a place or area' }).fill('Hässelby torg');
    await page.getByRole('option', { name: /^Hässelby torg · Place · / }).click();
    await expect(results.getByRole('status')).toHaveText(/^\d+ things within 500 m, nearest first$/);
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

  test('on a 360 × 740 phone: map and list reachable, touch targets at least 44 px', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, permissions: ['geolocation'], geolocation: HASSELBY_GARD });
    const page = await context.newPage();
    await page.goto('/?flik=near');
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

  test('on a 360 × 740 phone the results come first after choosing by search, position or map', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, permissions: ['geolocation'], geolocation: HASSELBY_GARD });
    await context.route('**/*', (route) => (new URL(route.request().url()).hostname === 'localhost' ? route.continue() : route.abort()));
    const page = await context.newPage();
    const heading = page.getByTestId('near-results').getByRole('heading', { level: 3 });

    // By search: choosing a place also shows its details, above the results in the panel.
    await page.goto('/?flik=near');
    await waitForMapIdle(page);
    await page.getByRole('combobox', { name: 'Sök plats eller område' }).fill('Hässelby torg');
    await page.getByRole('listbox').getByRole('option', { name: /^Hässelby torg · / }).first().click();
    await expect(page.getByTestId('details').getByRole('heading', { level: 2 })).toHaveText('Hässelby torg');
    await expectResultsFirst(page, 740);
    await expect(heading).toBeFocused();

    // By position, with an area's details open above.
    await page.goto('/?flik=near&sel=priority-area:hasselby-gard');
    await waitForMapIdle(page);
    await page.getByRole('button', { name: 'Använd min position' }).tap();
    await page.getByRole('button', { name: 'Fortsätt' }).tap();
    await expect(page.getByTestId('near-results')).toContainText('Stadsdel Hässelby gård');
    await expectResultsFirst(page, 740);
    await expect(heading).toBeFocused();

    // By a tap on the map, with an area's details open above.
    await page.goto('/?flik=near&sel=priority-area:hasselby-gard&map=15.00/59.36640/17.84370');
    await waitForMapIdle(page);
    await page.getByRole('button', { name: 'Välj punkt i kartan' }).tap();
    await page.evaluate(() => window.scrollTo(0, 0));
    const at = await pixelOf(page, [17.8437, 59.3664]);
    await page.touchscreen.tap(at.x, at.y);
    await expect(heading).toHaveText('Vald punkt');
    await expectResultsFirst(page, 740);
    await context.close();
  });

  test('on a desktop the results come first in the panel after choosing a place, its details a scroll above', async ({ page }) => {
    await page.goto('/?flik=near');
    await waitForMapIdle(page);
    await page.getByRole('combobox', { name: 'Sök plats eller område' }).fill('Hässelby torg');
    await page.getByRole('listbox').getByRole('option', { name: /^Hässelby torg · / }).first().click();
    await expectResultsFirst(page, 800);
    await expect(page.getByTestId('near-results').getByRole('heading', { level: 3 })).toBeFocused();
    const details = page.getByTestId('details');
    await expect(details.getByRole('heading', { level: 2 })).toHaveText('Hässelby torg');
    await details.getByRole('heading', { level: 2 }).scrollIntoViewIfNeeded();
    await expect(details.getByRole('heading', { level: 2 })).toBeInViewport();
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
