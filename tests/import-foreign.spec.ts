import { writeFile } from 'node:fs/promises';
import { expect, pixelOf, test, waitForMapIdle } from './fixtures';
import { AT_HASSELBY_TORG, createWalk, findingCount } from './walk-steps';

/** A FeatureCollection as geojson.io writes it: Points with whatever properties the user typed. */
const geojsonIo = (points: { at: [number, number]; properties: Record<string, unknown> }[]) => JSON.stringify({
  type: 'FeatureCollection',
  features: points.map((p) => ({ type: 'Feature', properties: p.properties, geometry: { type: 'Point', coordinates: p.at } })),
});

const THREE_POINTS = geojsonIo([
  { at: [17.8430, 59.3667], properties: { name: 'Trasig lampa', typ: 'belysning' } },
  { at: [17.8445, 59.3661], properties: { name: 'Klotter på tunneln', typ: 'graffiti' } },
  { at: [17.8455, 59.3656], properties: { name: 'Sopor vid busshållplatsen', typ: 'annat' } },
]);

test.describe('import of GeoJSON from another tool', () => {
  test('three points from geojson.io: preview, map the fields, pick a walk, import', async ({ page }, testInfo) => {
    await page.goto(AT_HASSELBY_TORG);
    await waitForMapIdle(page);
    await createWalk(page);
    await page.getByRole('tab', { name: 'Vandringar' }).click();
    const file = testInfo.outputPath('geojson-io.geojson');
    await writeFile(file, THREE_POINTS);
    await page.getByLabel('Importera GeoJSON').setInputFiles(file);

    const preview = page.getByTestId('foreign-import');
    await expect(preview).toContainText('3 av 3 objekt är punkter');
    await expect(preview.getByTestId('foreign-sample').locator('tbody tr')).toHaveCount(3);
    await expect(preview.getByTestId('foreign-sample')).toContainText('Klotter på tunneln');
    await expect(page.getByTestId('import-result')).toHaveCount(0);

    await preview.getByLabel('Kategori från egenskapen').selectOption('typ');
    // Obvious values are matched; the user maps the rest.
    await expect(preview.getByLabel('belysning (1 st)')).toHaveValue('belysning');
    await expect(preview.getByLabel('graffiti (1 st)')).toHaveValue('klotter');
    await expect(preview.getByLabel('annat (1 st)')).toHaveValue('ovrigt');
    await preview.getByLabel('annat (1 st)').selectOption('nedskrapning');
    await preview.getByLabel('Beskrivning från').selectOption('name');
    await preview.getByLabel('Koppla fynden till vandringen').selectOption({ index: 1 });
    await preview.getByRole('button', { name: 'Importera 3 fynd' }).click();

    await expect(page.getByTestId('import-result')).toContainText('3 fynd importerades');
    await expect(preview).toHaveCount(0);
    await expect.poll(() => findingCount(page)).toBe(3);
    await expect(page.locator('.walk-item')).toContainText('Fynd (3)');

    await page.getByRole('tab', { name: 'Uppföljning' }).click();
    const rows = page.getByTestId('followup-table').locator('tbody tr');
    await expect(rows).toHaveCount(3);
    const seen = (await rows.locator('td:first-child').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim()).sort();
    expect(seen).toEqual(['Belysning Trasig lampa', 'Klotter/skadegörelse Klotter på tunneln', 'Nedskräpning Sopor vid busshållplatsen']);
    await expect(page.getByTestId('followup-table')).toContainText('Annan');

    // Each finding is placed by the area lookup, and is new.
    await rows.getByRole('button', { name: 'Belysning' }).click();
    const details = page.getByTestId('details');
    await expect(details).toContainText('Hässelby gård');
    await expect(details.locator('.kind')).toContainText('Ny');
    await expect(details).toContainText('Medel');
  });

  test('a point with swapped coordinates is named as the user counts: "Objekt 2", in Swedish, and nothing is imported', async ({ page }, testInfo) => {
    await page.goto(AT_HASSELBY_TORG);
    await waitForMapIdle(page);
    await page.getByRole('tab', { name: 'Vandringar' }).click();
    const file = testInfo.outputPath('swapped.geojson');
    await writeFile(file, geojsonIo([
      { at: [17.8430, 59.3667], properties: { name: 'Trasig lampa', typ: 'belysning' } },
      { at: [59.3661, 17.8445], properties: { name: 'Omkastad', typ: 'belysning' } },
      { at: [17.8455, 59.3656], properties: { name: 'Tredje', typ: 'belysning' } },
    ]));
    await page.getByLabel('Importera GeoJSON').setInputFiles(file);
    const problems = page.getByTestId('foreign-problems');
    await expect(problems.locator('li')).toHaveCount(1);
    await expect(problems).toContainText('Objekt 2: koordinaterna är omkastade');
    await expect(problems).toContainText('Menade du [17.8445, 59.3661]?');
    await expect(page.getByTestId('foreign-import').getByRole('button', { name: /^Importera/ })).toBeDisabled();
    expect(await findingCount(page)).toBe(0);

    // A file of our own format says the same, once, with the feature counted from 1.
    const own = testInfo.outputPath('own-swapped.geojson');
    await writeFile(own, JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', geometry: { type: 'Point', coordinates: [17.8430, 59.3667] }, properties: { type: 'walk' } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [59.3661, 17.8445] }, properties: { type: 'finding', id: 'x' } },
    ] }));
    await page.getByLabel('Importera GeoJSON').setInputFiles(own);
    const result = page.getByTestId('import-result');
    await expect(result).toContainText('importerades inte');
    await expect(result).toContainText('Objekt 2: koordinaterna är omkastade');
    await expect(page.getByTestId('foreign-import')).toHaveCount(0);
    const lines = await result.locator('li').allInnerTexts();
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines.join('\n')).not.toMatch(/feature \d|Rad \d|is required/);
  });

  test('a closed finding is reopened with a note: status Ny, the note in the history', async ({ page }) => {
    await page.goto(AT_HASSELBY_TORG);
    await waitForMapIdle(page);
    await createWalk(page);
    await page.getByRole('button', { name: 'Pinna ett fynd' }).click();
    const { x, y } = await pixelOf(page, [17.8430, 59.3667]);
    await page.mouse.click(x, y);
    const form = page.getByTestId('finding-form');
    await form.getByLabel('Beskrivning').fill('Lampa vid trappan');
    await form.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('button', { name: 'Sluta pinna' }).first().click();

    const details = page.getByTestId('details');
    await details.getByRole('button', { name: 'Beslutad åtgärd' }).click();
    await details.getByRole('button', { name: 'Åtgärdad' }).click();
    await expect(details.locator('.kind')).toContainText('Åtgärdad');
    // Closed: one way back, no status buttons.
    await expect(details.getByRole('button', { name: 'Ny', exact: true })).toHaveCount(0);
    await expect(details.getByRole('button', { name: 'Beslutad åtgärd' })).toHaveCount(0);

    await details.getByRole('button', { name: 'Öppna igen' }).click();
    await details.getByLabel('Varför öppnas fyndet igen? (valfritt)').fill('Lampan slocknade igen');
    await details.getByRole('button', { name: 'Öppna igen' }).click();
    await expect(details.locator('.kind')).toContainText('Ny');
    await expect(details.locator('.history li')).toHaveCount(4);
    await expect(details.locator('.history li').last()).toContainText('Ny');
    await expect(details.locator('.history li').last()).toContainText('Lampan slocknade igen');
    await expect(details.getByRole('button', { name: 'Beslutad åtgärd' })).toBeVisible();

    // Kept across a reload.
    await page.reload();
    await waitForMapIdle(page);
    await page.getByRole('tab', { name: 'Uppföljning' }).click();
    await page.getByTestId('followup-table').getByRole('button').first().click();
    await expect(page.getByTestId('details').locator('.history li').last()).toContainText('Lampan slocknade igen');
  });
});
