import type { Page } from '@playwright/test';
import { expect, test, waitForMapIdle } from './fixtures';
import { AT_HASSELBY_TORG, clickMapAt, createWalk } from './walk-steps';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

interface Measured {
  /** How many controls were measured. */
  count: number;
  /** Those under 44 px high, described. */
  small: string[];
}

/**
 * The height in CSS pixels of every visible control on the page (the whole page, scrolled or not):
 * buttons (tabs, area links, map zoom buttons, links styled as buttons), links, selects, inputs
 * (text, search, date, file …), textareas, disclosure summaries, tabs and search suggestions.
 * A checkbox or radio button is measured by its label instead, which is its hit area (a tap
 * anywhere on it toggles the control); it must have one. Hidden controls (no box) are skipped.
 */
async function measure(page: Page): Promise<Measured> {
  return page.evaluate(() => {
    const small: string[] = [];
    let count = 0;
    const controls = document.querySelectorAll<HTMLElement>('button, a[href], select, input, textarea, summary, [role="tab"], [role="option"]');
    for (const el of controls) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      let target: HTMLElement = el;
      const input = el instanceof HTMLInputElement ? el : null;
      if (input && (input.type === 'checkbox' || input.type === 'radio')) {
        const label = input.labels?.[0];
        if (!label || label.control !== input) {
          small.push(`${input.type} without a label`);
          continue;
        }
        target = label;
      }
      count++;
      const height = target.getBoundingClientRect().height;
      if (height < 44) {
        const name = (el.getAttribute('aria-label') ?? target.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
        small.push(`<${el.tagName.toLowerCase()}${input ? ` type=${input.type}` : ''}${target !== el ? ' (its label)' : ''} class="${el.className}"> "${name}": ${height.toFixed(1)} px`);
      }
    }
    return { count, small };
  });
}

/** Measures the current view and asserts that it had controls and that none is under 44 px high. */
async function expectTouchSized(page: Page, view: string, atLeast: number): Promise<void> {
  const { count, small } = await measure(page);
  expect(small, `${view}: controls under 44 px`).toEqual([]);
  expect(count, `${view}: controls measured`).toBeGreaterThanOrEqual(atLeast);
}

test.describe('on a 360 × 740 phone every control is at least 44 px high', () => {
  test('Nära mig: before and after choosing a place, and the search suggestions', async ({ page }) => {
    await page.goto('/?flik=near');
    await waitForMapIdle(page);
    await expectTouchSized(page, 'Nära mig', 10);
    const box = page.getByRole('combobox', { name: 'Sök plats eller område' });
    await box.fill('Tensta');
    await expect(page.getByRole('option').first()).toBeVisible();
    await expectTouchSized(page, 'Nära mig, suggestions', 13);
    await box.fill('Hässelby torg');
    await page.getByRole('option', { name: /^Hässelby torg · Plats · / }).click();
    await expect(page.locator('.near-list li').first()).toBeVisible();
    await expectTouchSized(page, 'Nära mig, results', 20);
  });

  test('the area list and an area\'s details', async ({ page }) => {
    await page.goto('/?flik=areas');
    await waitForMapIdle(page);
    await expect(page.locator('.area-button').first()).toBeVisible();
    await expectTouchSized(page, 'area list', 40);
    await page.goto('/?flik=areas&sel=priority-area:tensta');
    await waitForMapIdle(page);
    await expect(page.getByTestId('details').getByRole('heading', { level: 2 })).toHaveText('Tensta');
    await expectTouchSized(page, 'Tensta details', 40);
  });

  test('the walks tab, the walk form, a walk and the finding form (checkbox, photo)', async ({ page }) => {
    await page.goto(AT_HASSELBY_TORG);
    await waitForMapIdle(page);
    await expect(page.locator('input[type="file"]')).toHaveCount(1);
    await expectTouchSized(page, 'walks tab', 10);
    await page.getByRole('button', { name: 'Ny trygghetsvandring' }).click();
    await expect(page.getByLabel('Område', { exact: true })).toBeVisible();
    await expectTouchSized(page, 'walk form', 15);
    await page.getByRole('button', { name: 'Avbryt' }).click();
    await createWalk(page);
    await expectTouchSized(page, 'a walk', 15);
    await page.getByRole('button', { name: 'Pinna ett fynd' }).click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await clickMapAt(page, [17.8437, 59.3664]);
    const form = page.getByTestId('finding-form');
    await expect(form.getByRole('checkbox')).toBeVisible();
    await expect(form.locator('input[type="file"]')).toBeVisible();
    await expectTouchSized(page, 'finding form', 20);
  });

  test('the programme, summary and follow-up tabs', async ({ page }) => {
    await page.goto('/?flik=programme');
    await waitForMapIdle(page);
    await expect(page.locator('.goal').first()).toBeVisible();
    await expectTouchSized(page, 'programme', 20);
    await page.goto('/?flik=summary');
    await expect(page.getByRole('checkbox')).toBeVisible();
    await expectTouchSized(page, 'summary', 20);
    await page.goto('/?flik=followup');
    await expect(page.locator('.followup-tab select').first()).toBeVisible();
    await expectTouchSized(page, 'follow-up', 8);
  });
});
