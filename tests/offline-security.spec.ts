import { readFile } from 'node:fs/promises';
import { expect, test, waitForMapIdle } from './fixtures';

test.describe('offline in the field', () => {
  test('after one visit: offline, reload, pin a finding, reload again — it is there', async ({ page, context }) => {
    await page.goto('/?flik=walks&map=16.00/59.36640/17.84370');
    await waitForMapIdle(page);
    // The service worker has cached the app and its data once it is active.
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 }).toBe(true);

    await context.setOffline(true);
    await page.reload();
    await waitForMapIdle(page);
    await expect(page.getByRole('heading', { name: 'Trygghetsvandringar' })).toBeVisible();

    await page.getByRole('button', { name: 'Ny trygghetsvandring' }).click();
    await page.getByLabel('Område', { exact: true }).selectOption('priorityArea:hasselby-gard');
    await page.getByLabel('Arrangör (organisation)').fill('SDF');
    await page.getByRole('button', { name: 'Spara vandringen' }).click();
    await page.getByRole('button', { name: 'Pinna ett fynd' }).click();
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.getByTestId('finding-form').getByLabel('Beskrivning').fill('Mörk passage, noterad utan täckning');
    await page.getByTestId('finding-form').getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('button', { name: 'Sluta pinna' }).first().click();
    await page.getByRole('tab', { name: 'Vandringar' }).click();
    await expect(page.getByTestId('not-exported')).toContainText('finns bara här');

    await page.reload();
    await waitForMapIdle(page);
    await page.getByRole('tab', { name: 'Uppföljning' }).click();
    await expect(page.getByTestId('followup-table')).toContainText('Mörk passage, noterad utan täckning');
    await page.getByRole('tab', { name: 'Vandringar' }).click();
    await expect(page.locator('.walk-item .pending-badge')).toHaveCount(1);
    await context.setOffline(false);
  });

  test('the app is installable: a manifest with icons', async ({ page }) => {
    await page.goto('/');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = await (await page.request.get(`/${href}`)).json();
    expect(manifest.display).toBe('standalone');
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons) expect((await page.request.get(`/${icon.src}`)).ok()).toBe(true);
  });
});

test.describe('content security policy', () => {
  test('allows only the app itself: no inline scripts, no remote origins, no violations in use', async ({ page }) => {
    const violations: string[] = [];
    await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { reportViolation(v: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto('/?flik=programme');
    await waitForMapIdle(page);
    const meta = (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'))!;
    expect(meta).toContain("script-src 'self'");
    expect(meta).not.toContain('unsafe-inline');
    expect(meta).not.toContain('unsafe-eval');
    expect(meta).not.toMatch(/https?:\/\//);
    const header = (await page.request.get('/')).headers()['content-security-policy'];
    expect(header).toBe(meta);

    // Use the app a little: tabs, a selection, the choropleth, the example walk.
    await page.getByRole('tab', { name: 'Statistik' }).click();
    await page.getByLabel('Visa som karta').check();
    await page.getByRole('tab', { name: 'Vandringar' }).click();
    await page.getByRole('button', { name: 'Läs in exempelvandring' }).click();
    await page.locator('[data-walk-id]').first().click();
    await waitForMapIdle(page);
    expect(violations).toEqual([]);

    // An injected inline script does not run.
    const ran = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.injected = true';
      document.body.append(s);
      await new Promise((r) => setTimeout(r, 100));
      return (window as unknown as { injected?: boolean }).injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => violations.some((v) => v.startsWith('script-src'))).toBe(true);
  });

  test('the built page has no inline script', async () => {
    const html = await readFile('dist/index.html', 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
