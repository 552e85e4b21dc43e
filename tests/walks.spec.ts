import { readFile, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, pixelOf, test, waitForMapIdle } from './fixtures';
import { AT_HASSELBY_TORG, clickMapAt, createWalk, findingCount } from './walk-steps';

async function pinFinding(page: Page, at: [number, number], category: string, description: string) {
  await page.getByRole('button', { name: 'Pinna ett fynd' }).click();
  await clickMapAt(page, at);
  const form = page.getByTestId('finding-form');
  await form.getByLabel('Kategori').selectOption(category);
  await form.getByLabel('Beskrivning').fill(description);
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByTestId('details').getByRole('heading', { level: 2 })).toBeVisible();
  // Pinning goes on after a save (the next finding of the walk); stop it.
  await page.getByRole('button', { name: 'Sluta pinna' }).first().click();
  await expect(page.locator('.mode-bar')).toHaveCount(0);
}

test.describe('safety walks', () => {
  test('create a walk, draw a route, pin three findings, reload: all there', async ({ page }) => {
    await page.goto(AT_HASSELBY_TORG);
    await waitForMapIdle(page);
    await createWalk(page, 'Polisen\nTrafikkontoret');

    await page.getByRole('button', { name: 'Rita rutt' }).click();
    for (const p of [[17.8425, 59.3670], [17.8437, 59.3664], [17.8450, 59.3658]] as [number, number][]) await clickMapAt(page, p);
    await page.getByRole('button', { name: 'Spara rutten' }).click();
    await expect(page.getByTestId('details')).toContainText('Ruttens längd: 0,');

    await pinFinding(page, [17.8430, 59.3667], 'belysning', 'Trasig lampa vid gångvägen');
    await expect(page.getByTestId('details')).toContainText('Hässelby gård');
    const walkLink = page.getByTestId('details').getByRole('button', { name: /^\d{4}-\d{2}-\d{2}/ });
    await walkLink.click();
    await pinFinding(page, [17.8445, 59.3661], 'vegetation', 'Buskar skymmer sikten');
    await page.getByTestId('details').getByRole('button', { name: /^\d{4}-\d{2}-\d{2}/ }).click();
    await pinFinding(page, [17.8455, 59.3656], 'klotter', 'Klotter på tunneln');
    expect(await findingCount(page)).toBe(3);

    await page.reload();
    await waitForMapIdle(page);
    expect(await findingCount(page)).toBe(3);
    await page.locator('[data-walk-id]').first().click();
    const details = page.getByTestId('details');
    await expect(details).toContainText('Fynd (3)');
    await expect(details).toContainText('Ruttens längd');
    await expect(details).toContainText('Polisen, Trafikkontoret');
  });

  test('export, import into a fresh browser profile: identical', async ({ page, browser }, testInfo) => {
    await page.goto(AT_HASSELBY_TORG);
    await waitForMapIdle(page);
    await createWalk(page, 'Polisen\nTrafikkontoret');
    await pinFinding(page, [17.8430, 59.3667], 'belysning', 'Lampa ur funktion');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('tab', { name: 'Vandringar' }).click().then(() => page.getByRole('button', { name: 'Exportera allt (GeoJSON)' }).click())]);
    const file = testInfo.outputPath('export.geojson');
    await download.saveAs(file);
    const exported = JSON.parse(await readFile(file, 'utf8'));

    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(AT_HASSELBY_TORG);
    await waitForMapIdle(other);
    await other.getByLabel('Importera GeoJSON').setInputFiles(file);
    await expect(other.getByTestId('import-result')).toContainText('Importerat: 2 nya');
    const [again] = await Promise.all([other.waitForEvent('download'), other.getByRole('button', { name: 'Exportera allt (GeoJSON)' }).click()]);
    const reexported = JSON.parse(await readFile((await again.path())!, 'utf8'));
    expect(reexported).toEqual(exported);

    // The same file again adds nothing.
    await other.getByLabel('Importera GeoJSON').setInputFiles(file);
    await expect(other.getByTestId('import-result')).toContainText('Importerat: 0 nya, 0 uppdaterade, 2 oförändrade');
    await fresh.close();
  });

  test('a broken file shows the error and leaves existing data untouched', async ({ page }, testInfo) => {
    await page.goto(AT_HASSELBY_TORG);
    await waitForMapIdle(page);
    await createWalk(page, 'Polisen\nTrafikkontoret');
    await pinFinding(page, [17.8430, 59.3667], 'belysning', 'Lampa');
    await page.getByRole('tab', { name: 'Vandringar' }).click();
    const broken = testInfo.outputPath('broken.geojson');
    await writeFile(broken, '{"type": "FeatureCollection", "features": [ {"type": "Feature", "geometry": {"type": "Point", "coordinates": [59.36, 17.84]}, "properties": {"type": "finding"}}');
    await page.getByLabel('Importera GeoJSON').setInputFiles(broken);
    await expect(page.getByTestId('import-result')).toContainText('importerades inte');
    const swapped = testInfo.outputPath('swapped.geojson');
    await writeFile(swapped, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [59.36, 17.84] }, properties: { type: 'finding', id: 'x' } }] }));
    await page.getByLabel('Importera GeoJSON').setInputFiles(swapped);
    await expect(page.getByTestId('import-result')).toContainText('Objekt 1');
    await expect(page.getByTestId('import-result')).toContainText(/swap|omkastad|latitude/i);
    expect(await findingCount(page)).toBe(1);
    await page.reload();
    await waitForMapIdle(page);
    expect(await findingCount(page)).toBe(1);
  });

  test('user text is shown literally, never as HTML', async ({ page }) => {
    let dialogs = 0;
    page.on('dialog', (d) => { dialogs++; void d.dismiss(); });
    await page.goto(AT_HASSELBY_TORG);
    await waitForMapIdle(page);
    await createWalk(page, 'Polisen\nTrafikkontoret');
    const evil = '<img src=x onerror=alert(1)>';
    await pinFinding(page, [17.8430, 59.3667], 'ovrigt', evil);
    const details = page.getByTestId('details');
    await expect(details.locator('.description')).toHaveText(evil);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await page.getByRole('tab', { name: 'Uppföljning' }).click();
    await expect(page.getByTestId('followup-table')).toContainText(evil);
    expect(dialogs).toBe(0);
  });

  test('pinning near an open finding of the same category suggests it; delete can be undone; status moves on', async ({ page }) => {
    await page.goto(AT_HASSELBY_TORG);
    await waitForMapIdle(page);
    await createWalk(page, 'Polisen\nTrafikkontoret');
    await pinFinding(page, [17.8430, 59.3667], 'belysning', 'Lampa trasig');
    await page.getByTestId('details').getByRole('button', { name: /^\d{4}-\d{2}-\d{2}/ }).click();
    await page.getByRole('button', { name: 'Pinna ett fynd' }).click();
    await clickMapAt(page, [17.84305, 59.36672]);
    await expect(page.getByTestId('duplicate-warning')).toBeVisible();
    await page.getByRole('button', { name: /Öppna befintligt fynd/ }).click();
    const details = page.getByTestId('details');
    await expect(details.locator('.description')).toHaveText('Lampa trasig');

    await details.getByRole('button', { name: 'Beslutad åtgärd' }).click();
    await expect(details.locator('.kind')).toContainText('Beslutad åtgärd');
    await details.getByRole('button', { name: 'Åtgärdad' }).click();
    await expect(details.locator('.history li')).toHaveCount(3);

    await details.getByRole('button', { name: 'Ta bort' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Fyndet togs bort' })).toBeVisible();
    expect(await findingCount(page)).toBe(0);
    await page.getByRole('button', { name: 'Ångra' }).click();
    await expect.poll(() => findingCount(page)).toBe(1);
  });

  test('two tabs see each other’s changes', async ({ page, context }) => {
    await page.goto(AT_HASSELBY_TORG);
    await waitForMapIdle(page);
    const other = await context.newPage();
    await other.goto(AT_HASSELBY_TORG);
    await waitForMapIdle(other);
    await createWalk(page, 'Polisen\nTrafikkontoret');
    await pinFinding(page, [17.8430, 59.3667], 'trafik', 'Bilar kör fort');
    await expect.poll(() => findingCount(other)).toBe(1);
    await expect(other.locator('[data-walk-id]')).toHaveCount(1);
  });

  test('the example walk is labelled, kept apart, and can be removed', async ({ page }) => {
    await page.goto(AT_HASSELBY_TORG);
    await waitForMapIdle(page);
    await page.getByRole('button', { name: 'Läs in exempelvandring' }).click();
    await expect(page.locator('[data-walk-id]')).toHaveCount(1);
    await expect(page.locator('.walk-item')).toContainText('EXEMPEL');
    expect(await findingCount(page)).toBe(3);
    await page.getByRole('button', { name: 'Ta bort exempeldata' }).click();
    await expect(page.locator('[data-walk-id]')).toHaveCount(0);
    expect(await findingCount(page)).toBe(0);
  });
});

test.describe('safety walks: follow-up, figures, protocol, storage', () => {
  test('the programme indicator "Antal trygghetsvandringar" shows the figure computed from walks', async ({ page }) => {
    await page.goto(AT_HASSELBY_TORG);
    await waitForMapIdle(page);
    await createWalk(page, 'Polisen\nTrafikkontoret');
    await pinFinding(page, [17.8430, 59.3667], 'belysning', 'Lampa');
    const details = page.getByTestId('details');
    await details.getByRole('button', { name: 'Beslutad åtgärd' }).click();
    await details.getByRole('button', { name: 'Åtgärdad' }).click();
    await page.goto('/?sel=goal:000-trygga-allmanna-platser');
    await waitForMapIdle(page);
    const year = new Date().getFullYear();
    const figures = page.getByTestId('details').getByTestId('computed-indicator');
    await expect(figures).toHaveCount(2);
    await expect(figures.first()).toContainText(`${year}: 1`);
    await expect(figures.nth(1)).toContainText('1 av 1 (100 %)');
    await page.goto('/?sel=priority-area:hasselby-gard');
    await waitForMapIdle(page);
    await expect(page.getByTestId(`walks-${year}`)).toHaveText('1');
  });

  test('a finding can be moved by dragging, and is placed anew', async ({ page }) => {
    await page.goto(AT_HASSELBY_TORG);
    await waitForMapIdle(page);
    await createWalk(page, 'Polisen\nTrafikkontoret');
    await pinFinding(page, [17.8430, 59.3667], 'belysning', 'Lampa');
    await waitForMapIdle(page);
    const from = await pixelOf(page, [17.8430, 59.3667]);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 40, from.y + 10, { steps: 8 });
    await page.mouse.up();
    // The details show the stored position: it changes once the move is saved.
    await expect.poll(async () => Number((await page.getByTestId('finding-position').textContent())!.split(', ')[1])).toBeGreaterThan(17.8432);
    await page.reload();
    await waitForMapIdle(page);
    const moved = await page.evaluate(() => {
      const map = (window as unknown as { omradeskartan: { map: { getSource(id: string): { serialize(): { data: { features: { geometry: { coordinates: number[] } }[] } } } } } }).omradeskartan.map;
      return map.getSource('findings').serialize().data.features[0]!.geometry.coordinates[0]!;
    });
    expect(moved).toBeGreaterThan(17.8432);
  });

  test('the printable protocol has the walk, a map image and the findings table', async ({ page }) => {
    await page.addInitScript(() => { (window as unknown as { printed: number }).printed = 0; window.print = () => { (window as unknown as { printed: number }).printed++; }; });
    await page.goto(AT_HASSELBY_TORG);
    await waitForMapIdle(page);
    await createWalk(page, 'Polisen\nTrafikkontoret');
    await pinFinding(page, [17.8430, 59.3667], 'belysning', 'Lampa vid trappan');
    await page.getByTestId('details').getByRole('button', { name: /^\d{4}-\d{2}-\d{2}/ }).click();
    await page.getByRole('button', { name: 'Skriv ut protokoll' }).click();
    const protocol = page.getByTestId('protocol');
    await expect(protocol.locator('img')).toHaveAttribute('src', /^data:image\/png;base64,.{1000}/);
    await expect(protocol.locator('tbody tr')).toHaveCount(1);
    await expect(protocol).toContainText('Lampa vid trappan');
    await expect(protocol).toContainText('Trafikkontoret');
    await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    await expect(protocol).toBeVisible();
    await expect(page.getByRole('tablist')).toBeHidden();
  });

  test('without IndexedDB the user is told plainly that nothing is kept, and the app still works', async ({ page }) => {
    await page.addInitScript(() => { Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true }); });
    await page.goto(AT_HASSELBY_TORG);
    await waitForMapIdle(page);
    await expect(page.getByTestId('storage-problem')).toContainText('kan inte spara');
    await createWalk(page, 'Polisen\nTrafikkontoret');
    await expect(page.locator('[data-walk-id]')).toHaveCount(1);
  });
});

test('a finding keeps its photo (re-encoded as JPEG) across a reload', async ({ page }) => {
  await page.goto(AT_HASSELBY_TORG);
  await waitForMapIdle(page);
  await createWalk(page, 'Polisen\nTrafikkontoret');
  await page.getByRole('button', { name: 'Pinna ett fynd' }).click();
  await clickMapAt(page, [17.8430, 59.3667]);
  const form = page.getByTestId('finding-form');
  await form.getByLabel('Beskrivning').fill('Trasigt räcke, se foto');
  await form.getByLabel('Foto (valfritt)').setInputFiles('public/icons/icon-512.png');
  await expect(form.locator('.photo-preview img')).toHaveAttribute('src', /^data:image\/jpeg;base64,/);
  await form.getByRole('button', { name: 'Spara' }).click();
  await page.getByRole('button', { name: 'Sluta pinna' }).first().click();
  await page.reload();
  await waitForMapIdle(page);
  await page.getByRole('tab', { name: 'Uppföljning' }).click();
  await page.getByTestId('followup-table').getByRole('button').first().click();
  const photo = page.getByTestId('details').locator('img.finding-photo');
  await expect(photo).toHaveAttribute('src', /^data:image\/jpeg;base64,/);
  expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(512);
});
