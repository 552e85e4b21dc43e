import { request as playwrightRequest, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { expect, test, waitForMapIdle } from './fixtures';
import { AT_HASSELBY_TORG, clickMapAt, createWalk, findingCount, post } from './walk-steps';
import { serverUrl, TEST_ADMIN } from './test-server';

/**
 * One record for the whole council: two members in two browsers see each other's findings
 * within two seconds, offline pins reach the other after reconnecting, and a stale edit shows
 * both versions side by side. Needs the app served by its server (`server/main.ts`) with the
 * bootstrap admin of tests/test-server.ts (playwright.config.ts starts it).
 */

const ADMIN = TEST_ADMIN;
const PASSWORD = 'medlem-lösenord-1';
const SHOTS = process.env.OMR_SHOTS ?? '/tmp/h2-shots';

/** Creates an organisation and member accounts (by invitation, accepted through the API). */
async function createMembers(baseURL: string, names: string[]): Promise<{ email: string; name: string }[]> {
  const admin = await playwrightRequest.newContext({ baseURL });
  await post(admin, '/api/session', ADMIN);
  const org = (await post(admin, '/api/admin/organisations', { name: `Hässelby-Vällingby SDF ${Date.now()}`, kind: 'sdf' })) as { id: string };
  const members = [];
  for (const name of names) {
    const email = `${name.toLowerCase()}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.se`;
    const invitation = (await post(admin, '/api/admin/invitations', {
      email, role: 'member', organisationId: org.id, districtIds: ['hasselby-vallingby'],
    })) as { token: string };
    const guest = await playwrightRequest.newContext({ baseURL });
    await post(guest, `/api/invitations/${invitation.token}`, { name, password: PASSWORD });
    await guest.dispose();
    members.push({ email, name });
  }
  await admin.dispose();
  return members;
}

async function logInAs(browser: Browser, member: { email: string }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: serverUrl() });
  const page = await context.newPage();
  await page.goto(AT_HASSELBY_TORG);
  await waitForMapIdle(page);
  const form = page.getByTestId('login-form');
  await form.getByLabel('E-post').fill(member.email);
  await form.getByLabel('Lösenord').fill(PASSWORD);
  await form.getByRole('button', { name: 'Logga in' }).click();
  await expect(page.getByTestId('account')).toContainText(member.email);
  return { context, page };
}

/** The id of what the page has selected (from the address: sel=kind:id). */
async function selectedId(page: Page): Promise<string> {
  await expect(page).toHaveURL(/sel=/);
  return page.evaluate(() => (new URL(location.href).searchParams.get('sel') ?? '').replace(/^[a-z]+:/i, ''));
}

async function openWalk(page: Page, walkId: string) {
  await page.getByRole('tab', { name: 'Vandringar' }).click();
  await page.locator(`[data-walk-id="${walkId}"]`).click();
}

async function pinFinding(page: Page, at: [number, number], description: string) {
  await page.getByRole('button', { name: 'Pinna ett fynd' }).click();
  await clickMapAt(page, at);
  const form = page.getByTestId('finding-form');
  await form.getByLabel('Beskrivning').fill(description);
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByTestId('details').getByRole('heading', { level: 2 })).toBeVisible();
  await page.getByRole('button', { name: 'Sluta pinna' }).first().click();
  await expect(page.locator('.mode-bar')).toHaveCount(0);
}

/** Ids of the walks the server holds, as the page's account sees them. */
async function serverWalkIds(page: Page): Promise<string[]> {
  const records = (await (await page.request.get('/api/records')).json()) as { walks: { id: string }[] };
  return records.walks.map((w) => w.id);
}

/** Descriptions of the findings the server holds, as the page's account sees them. */
async function serverDescriptions(page: Page): Promise<string[]> {
  const records = (await (await page.request.get('/api/records')).json()) as { findings: { description: string }[] };
  return records.findings.map((f) => f.description).sort();
}

// Descriptions unique to this run: the server may hold records of earlier runs.
const RUN = Date.now().toString(36);

test.use({ baseURL: serverUrl() });

test.describe('one record for the whole council', () => {
  test('two members see each other\'s findings within two seconds; offline pins arrive after reconnecting', async ({ browser, baseURL }) => {
    test.setTimeout(120_000);
    await mkdir(SHOTS, { recursive: true });
    const [anna, bo] = await createMembers(baseURL!, ['Anna', 'Bo']);
    const a = await logInAs(browser, anna!);
    const b = await logInAs(browser, bo!);
    await a.page.screenshot({ path: `${SHOTS}/status-logged-in-1280.png` });
    // The server may hold records of earlier runs: count from here.
    const n0 = (await serverDescriptions(a.page)).length;
    await expect.poll(() => findingCount(a.page)).toBe(n0);
    await expect.poll(() => findingCount(b.page)).toBe(n0);
    const walks0 = (await serverWalkIds(b.page)).length;
    await expect(b.page.locator('[data-walk-id]')).toHaveCount(walks0);

    // Two seconds from the moment the server holds a change to the other member seeing it.
    await createWalk(a.page);
    const walkId = await selectedId(a.page);
    await expect.poll(() => serverWalkIds(a.page), { timeout: 10_000 }).toContain(walkId);
    await expect(b.page.locator('[data-walk-id]')).toHaveCount(walks0 + 1, { timeout: 2_000 });

    await pinFinding(a.page, [17.8430, 59.3667], `Trasig lampa (Anna) ${RUN}`);
    await expect.poll(() => serverDescriptions(a.page), { timeout: 10_000 }).toContain(`Trasig lampa (Anna) ${RUN}`);
    await expect.poll(() => findingCount(b.page), { timeout: 2_000 }).toBe(n0 + 1);

    await openWalk(b.page, walkId);
    await pinFinding(b.page, [17.8445, 59.3661], `Buskar skymmer (Bo) ${RUN}`);
    await expect.poll(() => serverDescriptions(b.page), { timeout: 10_000 }).toContain(`Buskar skymmer (Bo) ${RUN}`);
    await expect.poll(() => findingCount(a.page), { timeout: 2_000 }).toBe(n0 + 2);

    // Bo goes offline, pins two findings: kept, shown as not yet sent.
    await b.context.setOffline(true);
    await b.page.getByTestId('details').getByRole('button', { name: /^\d{4}-\d{2}-\d{2}/ }).click();
    await pinFinding(b.page, [17.8450, 59.3658], `Klotter offline 1 ${RUN}`);
    await expect(b.page.getByTestId('not-sent')).toBeVisible();
    await b.page.getByTestId('details').getByRole('button', { name: /^\d{4}-\d{2}-\d{2}/ }).click();
    await pinFinding(b.page, [17.8437, 59.3664], `Klotter offline 2 ${RUN}`);
    await b.page.getByRole('tab', { name: 'Vandringar' }).click().catch(() => undefined);
    await expect(b.page.getByTestId('sync-pending')).toHaveText('2 ej skickade');
    await expect(b.page.getByTestId('sync-offline')).toBeVisible();
    await b.page.screenshot({ path: `${SHOTS}/status-offline-1280.png` });
    await b.page.setViewportSize({ width: 360, height: 740 });
    await b.page.getByTestId('session').scrollIntoViewIfNeeded();
    await b.page.screenshot({ path: `${SHOTS}/status-offline-360.png` });
    await b.page.setViewportSize({ width: 1280, height: 800 });
    // Meanwhile Anna sees none of them.
    expect(await findingCount(a.page)).toBe(n0 + 2);

    await b.context.setOffline(false);
    await b.page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => findingCount(a.page), { timeout: 10_000 }).toBe(n0 + 4);
    // Sent once each: the server holds each of them once.
    const held = await serverDescriptions(a.page);
    for (const d of [`Buskar skymmer (Bo) ${RUN}`, `Klotter offline 1 ${RUN}`, `Klotter offline 2 ${RUN}`, `Trasig lampa (Anna) ${RUN}`]) {
      expect(held.filter((x) => x === d)).toHaveLength(1);
    }
    await expect(b.page.getByTestId('sync-pending')).toHaveCount(0);

    await a.context.close();
    await b.context.close();
  });

  test('a stale edit shows both versions side by side; keep mine wins on the stored revision', async ({ browser, baseURL }) => {
    test.setTimeout(120_000);
    await mkdir(SHOTS, { recursive: true });
    const [anna, bo] = await createMembers(baseURL!, ['Cecilia', 'David']);
    const a = await logInAs(browser, anna!);
    const b = await logInAs(browser, bo!);
    const n0 = (await serverDescriptions(b.page)).length;
    await expect.poll(() => findingCount(b.page)).toBe(n0);
    await createWalk(a.page);
    await pinFinding(a.page, [17.8430, 59.3667], 'Lampa trasig');
    await expect.poll(() => serverDescriptions(a.page), { timeout: 10_000 }).toContain('Lampa trasig');
    await expect.poll(() => findingCount(b.page), { timeout: 2_000 }).toBe(n0 + 1);

    // David opens the finding, goes offline and edits it; Cecilia edits it online first.
    const findingId = await selectedId(a.page);
    await b.page.goto(`${AT_HASSELBY_TORG}&sel=finding:${findingId}`);
    await waitForMapIdle(b.page);
    await expect(b.page.getByTestId('details')).toContainText('Lampa trasig');
    await b.context.setOffline(true);
    const bDetails = b.page.getByTestId('details');
    await bDetails.getByRole('button', { name: 'Ändra' }).click();
    await b.page.getByTestId('finding-form').getByLabel('Beskrivning').fill('Lampa trasig – Davids version');
    await b.page.getByTestId('finding-form').getByLabel('Prioritet').selectOption('hog');
    await b.page.getByTestId('finding-form').getByRole('button', { name: 'Spara' }).click();
    await expect(bDetails.getByTestId('not-sent')).toBeVisible();

    const aDetails = a.page.getByTestId('details');
    await aDetails.getByRole('button', { name: 'Ändra' }).click();
    await a.page.getByTestId('finding-form').getByLabel('Beskrivning').fill('Lampa trasig – Cecilias version');
    await a.page.getByTestId('finding-form').getByRole('button', { name: 'Spara' }).click();
    // Cecilia's edit must be on the server before David reconnects (the badge may not have appeared yet).
    await expect.poll(() => serverDescriptions(a.page), { timeout: 10_000 }).toContain('Lampa trasig – Cecilias version');

    await b.context.setOffline(false);
    await b.page.evaluate(() => window.dispatchEvent(new Event('online')));
    const dialog = b.page.getByTestId('conflict-dialog');
    await expect(dialog).toBeVisible({ timeout: 10_000 });
    await expect(dialog.getByRole('heading', { name: 'Någon annan ändrade samma sak' })).toBeFocused();
    const description = dialog.locator('tr[data-field="description"]');
    await expect(description).toContainText('Cecilias version');
    await expect(description).toContainText('Davids version');
    await expect(dialog.locator('tr[data-field="priority"]')).toContainText('Hög');
    await b.page.screenshot({ path: `${SHOTS}/conflict-1280.png` });
    await b.page.setViewportSize({ width: 360, height: 740 });
    await b.page.screenshot({ path: `${SHOTS}/conflict-360.png` });
    await b.page.setViewportSize({ width: 1280, height: 800 });

    await dialog.getByRole('button', { name: 'Behåll min' }).click();
    await expect(dialog).toBeHidden();
    await expect(aDetails).toContainText('Davids version', { timeout: 5_000 });

    // The history says who did what.
    const history = aDetails.getByTestId('server-history');
    await expect(history).toContainText('David');
    await expect(history).toContainText('Cecilia');
    await aDetails.getByTestId('server-history').scrollIntoViewIfNeeded();
    await a.page.screenshot({ path: `${SHOTS}/history-1280.png` });
    await a.page.setViewportSize({ width: 360, height: 740 });
    await aDetails.getByTestId('server-history').scrollIntoViewIfNeeded();
    await a.page.screenshot({ path: `${SHOTS}/history-360.png` });

    await a.context.close();
    await b.context.close();
  });

  test('an invitation link opens a form for name and password and logs the new member in', async ({ page, baseURL }) => {
    await mkdir(SHOTS, { recursive: true });
    const admin = await playwrightRequest.newContext({ baseURL });
    await post(admin, '/api/session', ADMIN);
    const org = (await post(admin, '/api/admin/organisations', { name: `Polisen Västerort ${RUN}`, kind: 'polisen' })) as { id: string };
    const email = `polis-${RUN}@example.se`;
    const invitation = (await post(admin, '/api/admin/invitations', { email, role: 'responsible', organisationId: org.id, districtIds: [] })) as { url: string };
    await admin.dispose();

    await page.goto(invitation.url);
    const dialog = page.getByTestId('invitation-dialog');
    await expect(dialog).toContainText(email);
    await expect(dialog).toContainText('ansvarig part');
    await dialog.getByLabel('Namn').fill('Polisen i Västerort');
    await dialog.getByLabel('Lösenord (minst 10 tecken)').fill(PASSWORD);
    await dialog.getByLabel('Lösenordet igen').fill(PASSWORD);
    await page.screenshot({ path: `${SHOTS}/invitation-1280.png` });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.screenshot({ path: `${SHOTS}/invitation-360.png` });
    await page.setViewportSize({ width: 1280, height: 800 });
    await dialog.getByRole('button', { name: 'Skapa konto och logga in' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('account')).toContainText(email);
    await expect(page.getByTestId('account')).toContainText(`Polisen Västerort ${RUN}`);
    // A responsible party creates no walks.
    await expect(page.getByRole('button', { name: 'Ny trygghetsvandring' })).toHaveCount(0);
  });

  test('the public sees the login form and no editing; screenshots of the login form', async ({ page }) => {
    await mkdir(SHOTS, { recursive: true });
    await page.goto(AT_HASSELBY_TORG);
    await waitForMapIdle(page);
    await expect(page.getByTestId('login-form')).toBeVisible();
    await expect(page.getByTestId('sync-status')).toContainText('offentliga fynd');
    await expect(page.getByRole('button', { name: 'Ny trygghetsvandring' })).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/login-1280.png` });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.getByTestId('login-form').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/login-360.png` });
  });
});
