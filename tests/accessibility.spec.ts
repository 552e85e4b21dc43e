import AxeBuilder from '@axe-core/playwright';
import { expect, test, waitForMapIdle } from './fixtures';

/** axe-core finds no serious or critical violation on the start view and on an area's panel. */
for (const [name, path] of [
  ['start view', '/'],
  ['a priority area', '/?sel=priority-area:hjulsta-torg'],
  ['a district with no priority area, in English', '/?sel=district:sodermalm&lang=en'],
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
