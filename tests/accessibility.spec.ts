import AxeBuilder from '@axe-core/playwright';
import { expect, test, waitForMapIdle } from './fixtures';

/** axe-core finds no serious or critical violation on the start view and on an area's panel. */
for (const [name, path] of [
  ['start view', '/'],
  ['a priority area', '/?sel=priority-area:hjulsta-torg'],
  ['a district with no priority area, in English', '/?sel=district:sodermalm&lang=en'],
  ['the programme filters', '/?flik=programme&tema=trygghet'],
  ['the summary table with the choropleth', '/?flik=summary&karta=stadsdel'],
  ['the walks tab', '/?flik=walks'],
  ['the follow-up tab', '/?flik=followup'],
  ['a goal', '/?sel=goal:000-hasselby-torg-tryggt'],
  ['near me with a point', '/?flik=near&nara=59.36640,17.84370&radie=1000'],
  ['near me in English', '/?flik=near&lang=en&nara=59.39450,17.90130&radie=500'],
  ['a collaboration site', '/?sel=site:vallingby-centrum'],
  ['a named place', '/?sel=place:grimsta-ip'],
] as const) {
  test(`no serious accessibility violations: ${name}`, async ({ page }) => {
    await page.goto(path);
    await waitForMapIdle(page);
    const result = await new AxeBuilder({ page }).analyze();
    const serious = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
  });
}

test('no serious accessibility violations: a walk with findings (the example walk)', async ({ page }) => {
  await page.goto('/?flik=walks&map=16.00/59.36640/17.84370');
  await waitForMapIdle(page);
  await page.getByRole('button', { name: 'Läs in exempelvandring' }).click();
  await page.locator('[data-walk-id]').first().click();
  await expect(page.getByTestId('details')).toContainText('EXEMPEL');
  for (const target of ['walk', 'finding']) {
    if (target === 'finding') await page.getByTestId('details').locator('.finding-item button').first().click();
    const result = await new AxeBuilder({ page }).analyze();
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious, target).toEqual([]);
  }
});
