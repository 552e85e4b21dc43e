import AxeBuilder from '@axe-core/playwright';
import { request } from '@playwright/test';
import type { Page } from '@playwright/test';
import { expect, test, waitForMapIdle } from './fixtures';
import { TEST_ADMIN, serverUrl } from './test-server';
import { post } from './walk-steps';

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

test('no serious accessibility violations: the moderation tab with an open report, its duplicate and the accept form', async ({ browser }) => {
  // The council's queue needs the app's server, a member and reports (sent as the public would).
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const admin = await request.newContext({ baseURL: serverUrl() });
  await post(admin, '/api/session', TEST_ADMIN);
  const email = `axe-${run}@example.se`;
  const { token } = await post<{ token: string }>(admin, '/api/admin/invitations', { email, role: 'member', organisationId: null, districtIds: ['skarpnack'] });
  const invited = await request.newContext({ baseURL: serverUrl() });
  await post(invited, `/api/invitations/${token}`, { name: 'Axel Axe', password: 'axe-lösenord-12' });
  await invited.dispose();
  await admin.dispose();
  const ids: string[] = [];
  for (const [i, position] of [[18.1315, 59.2685], [18.1315, 59.26858]].entries()) {
    const guest = await request.newContext({ baseURL: serverUrl(), extraHTTPHeaders: { 'X-Forwarded-For': `203.0.113.${(Date.now() + i) % 250}` } });
    const csrf = ((await (await guest.get('/api/session')).json()) as { csrfToken: string }).csrfToken;
    const response = await guest.post('/api/reports', { headers: { 'X-CSRF-Token': csrf }, data: { position, category: 'belysning', description: `Mörkt vid tunneln ${i} ${run}`, times: ['natt'] } });
    expect(response.status(), await response.text()).toBe(201);
    ids.push(((await response.json()) as { id: string }).id);
    await guest.dispose();
  }
  const context = await browser.newContext({ baseURL: serverUrl() });
  const page = await context.newPage();
  await page.goto('/?flik=walks&map=15.00/59.26850/18.13150');
  await waitForMapIdle(page);
  const form = page.getByTestId('login-form');
  await form.getByLabel('E-post').fill(email);
  await form.getByLabel('Lösenord').fill('axe-lösenord-12');
  await form.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('tab', { name: /^Tips från boende \(/ }).click();
  const item = page.getByTestId('moderation').locator(`li[data-report-id="${ids[0]}"]`);
  await item.getByRole('button').first().click();
  await expect(item.getByTestId('moderation-duplicates')).toBeVisible();
  await item.getByRole('button', { name: 'Godkänn …' }).click();
  await expect(item.getByTestId('accept-form')).toBeVisible();
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
  await context.close();
});

/** The residents' views: the report form, the follow page (pending, accepted, declined), an area's findings. */
test.describe('residents', () => {
  test.use({ baseURL: serverUrl() });
  const serious = async (page: Page) => (await new AxeBuilder({ page }).analyze()).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

  for (const lang of ['sv', 'en'] as const) {
    test(`no serious accessibility violations: the report form (${lang}), with field messages`, async ({ page }) => {
      await page.goto(lang === 'en' ? '/?lang=en' : '/');
      await waitForMapIdle(page);
      await page.getByRole('button', { name: lang === 'en' ? 'Report a place that feels unsafe' : 'Tipsa om en otrygg plats' }).click();
      await page.getByTestId('report-form').getByRole('button', { name: lang === 'en' ? 'Send the report' : 'Skicka tipset' }).click();
      await expect(page.getByTestId('report-problem')).not.toBeEmpty();
      expect(await serious(page)).toEqual([]);
    });
  }

  const token = 'A'.repeat(43);
  const base = {
    id: 'r1', category: 'belysning', description: 'Mörk gångtunnel', times: ['kvall', 'natt'], position: [17.8437, 59.3664],
    createdAt: '2026-11-20T18:05:00.000Z', decidedAt: null, declineReason: null, finding: null,
  };
  const views = {
    pending: { ...base, status: 'inkommen' },
    accepted: {
      ...base, status: 'accepterad', decidedAt: '2026-11-21T08:00:00.000Z',
      finding: { status: 'pagar', publicId: 'f1', history: [{ status: 'ny', at: base.createdAt }, { status: 'beslutad', at: '2026-11-22T08:00:00.000Z' }, { status: 'pagar', at: '2026-11-25T08:00:00.000Z' }] },
    },
    declined: { ...base, status: 'avbojd', decidedAt: '2026-11-21T08:00:00.000Z', declineReason: 'Platsen sköts av SL; tipset är skickat dit.' },
  };
  for (const [name, view] of Object.entries(views)) {
    test(`no serious accessibility violations: the follow page, ${name}`, async ({ page }) => {
      await page.route(`**/api/reports/follow/${token}`, (route) => route.fulfill({ json: view }));
      await page.goto(`/#rapport=${token}`);
      await waitForMapIdle(page);
      await expect(page.getByTestId('follow-status')).toBeVisible();
      expect(await serious(page)).toEqual([]);
    });
  }

  test('no serious accessibility violations: the follow page of an unknown link', async ({ page }) => {
    await page.goto(`/#rapport=${'B'.repeat(43)}`);
    await waitForMapIdle(page);
    await expect(page.getByTestId('follow-not-found')).toBeVisible();
    expect(await serious(page)).toEqual([]);
  });
});

test('no serious accessibility violations: an area\'s list of findings (the example walk)', async ({ page }) => {
  await page.goto('/?flik=walks&map=16.00/59.36640/17.84370');
  await waitForMapIdle(page);
  await page.getByRole('button', { name: 'Läs in exempelvandring' }).click();
  await expect(page.locator('[data-walk-id]').first()).toBeVisible();
  await page.goto('/?sel=priority-area:hasselby-gard');
  await waitForMapIdle(page);
  await expect(page.getByTestId('area-findings').locator('.finding-item').first()).toBeVisible();
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
});
