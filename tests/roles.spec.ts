import { request as playwrightRequest, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { expect, pixelOf, test, waitForMapIdle } from './fixtures';
import { AT_HASSELBY_TORG, post } from './walk-steps';
import { TEST_ADMIN, serverUrl } from './test-server';

/**
 * Roles in the browser, against the app served by its server (playwright.config.ts starts it with
 * an in-memory database and the bootstrap admin): a council member assigns an internal finding to
 * the police, the police's account moves its status with notes, the member follows it live, and
 * the public sees the finding only once it is public, and then only its public part.
 */

test.use({ baseURL: serverUrl() });

const PASSWORD = 'roll-lösenord-1';
const SHOTS = process.env.OMR_SHOTS ?? '/tmp/h4-shots';
// Unique to this run: the server may hold records of other tests.
const RUN = Date.now().toString(36);

type Person = { email: string; name: string };

/** An account by invitation, accepted through the API. */
async function invite(admin: APIRequestContext, person: Person, role: 'member' | 'responsible', organisationId: string | null, districtIds: string[]): Promise<void> {
  const { token } = await post<{ token: string }>(admin, '/api/admin/invitations', { email: person.email, role, organisationId, districtIds });
  const guest = await playwrightRequest.newContext({ baseURL: serverUrl() });
  await post(guest, `/api/invitations/${token}`, { name: person.name, password: PASSWORD });
  await guest.dispose();
}

/** The organisation "Polisen Västerort" (created once per server), a member and a police account. */
async function setUp(): Promise<{ organisationId: string; member: Person; police: Person }> {
  const admin = await playwrightRequest.newContext({ baseURL: serverUrl() });
  await post(admin, '/api/session', TEST_ADMIN);
  const existing = ((await (await admin.get('/api/organisations')).json()) as { id: string; name: string }[]).find((o) => o.name === 'Polisen Västerort');
  const organisation = existing ?? await post<{ id: string }>(admin, '/api/admin/organisations', { name: 'Polisen Västerort', kind: 'polisen' });
  const member = { email: `medlem-${RUN}@example.se`, name: 'Maria Medlem' };
  const police = { email: `polis-${RUN}@example.se`, name: 'Polisen i Västerort' };
  await invite(admin, member, 'member', null, ['hasselby-vallingby']);
  await invite(admin, police, 'responsible', organisation.id, []);
  await admin.dispose();
  return { organisationId: organisation.id, member, police };
}

async function open(browser: Browser, path = AT_HASSELBY_TORG): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(path);
  await waitForMapIdle(page);
  await expect(page.getByTestId('session')).toBeVisible();
  return { context, page };
}

async function logIn(page: Page, person: Person): Promise<void> {
  const form = page.getByTestId('login-form');
  await form.getByLabel('E-post').fill(person.email);
  await form.getByLabel('Lösenord').fill(PASSWORD);
  await form.getByRole('button', { name: 'Logga in' }).click();
  await expect(page.getByTestId('account')).toContainText(person.email);
}

async function selectedId(page: Page): Promise<string> {
  await expect(page).toHaveURL(/sel=finding/);
  return page.evaluate(() => (new URL(location.href).searchParams.get('sel') ?? '').replace(/^[a-z]+:/i, ''));
}

/** The findings the page's map holds: id and whether the map lets it be dragged. */
async function mapFindings(page: Page): Promise<{ id: string; movable: boolean }[]> {
  return page.evaluate(() => {
    const map = (window as unknown as { omradeskartan: { map: { getSource(id: string): { serialize(): { data: { features: { properties: { id: string; movable: boolean } }[] } } } } } }).omradeskartan.map;
    return map.getSource('findings').serialize().data.features.map((f) => ({ id: f.properties.id, movable: f.properties.movable }));
  });
}

async function shoot(page: Page, name: string, scrollTo?: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}-1280.png` });
  await page.setViewportSize({ width: 360, height: 740 });
  if (scrollTo) await page.getByTestId(scrollTo).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/${name}-360.png` });
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('a member assigns an internal finding to the police, who move its status; the public sees it once public, and only its public part', async ({ browser }) => {
  test.setTimeout(150_000);
  await mkdir(SHOTS, { recursive: true });
  const { organisationId, member, police } = await setUp();
  const description = `Trasig belysning vid gångtunneln ${RUN}`;
  const notes = [`Patrull informerad ${RUN}`, `Lampan lagad av kommunen ${RUN}`];

  // The public (not logged in): nothing to import, no examples, no new walk.
  const pub = await open(browser);
  const publicTab = pub.page.getByRole('tabpanel');
  await expect(pub.page.getByTestId('finding-list')).toBeVisible();
  await expect(pub.page.getByRole('heading', { name: 'Offentliga fynd' })).toBeVisible();
  for (const name of ['Ny trygghetsvandring', 'Läs in exempelvandring', 'Ta bort exempeldata']) {
    await expect(pub.page.getByRole('button', { name })).toHaveCount(0);
  }
  await expect(pub.page.getByLabel('Importera GeoJSON')).toHaveCount(0);
  await expect(publicTab).not.toContainText('Skapa en ny');

  // (a) The member creates a walk and a finding assigned to the police, internal.
  const m = await open(browser);
  await logIn(m.page, member);
  await m.page.getByRole('button', { name: 'Ny trygghetsvandring' }).click();
  await m.page.getByLabel('Område', { exact: true }).selectOption('priorityArea:hasselby-gard');
  await m.page.getByLabel('Arrangör (organisation)').fill('Hässelby-Vällingby stadsdelsförvaltning');
  await m.page.getByRole('button', { name: 'Spara vandringen' }).click();
  await expect(m.page.getByTestId('details')).toContainText('Hässelby-Vällingby stadsdelsförvaltning');
  await m.page.getByRole('button', { name: 'Pinna ett fynd' }).click();
  const at = await pixelOf(m.page, [17.8432, 59.3666]);
  await m.page.mouse.click(at.x, at.y);
  const form = m.page.getByTestId('finding-form');
  await form.getByLabel('Beskrivning').fill(description);
  await form.getByLabel('Tilldela organisation').selectOption(organisationId);
  await expect(form.getByLabel('Ansvarig part')).toHaveValue('polisen');
  await expect(form.getByRole('checkbox', { name: /Offentligt/ })).not.toBeChecked();
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(m.page.getByTestId('details')).toContainText(description);
  await m.page.getByRole('button', { name: 'Sluta pinna' }).first().click();
  const findingId = await selectedId(m.page);
  const mDetails = m.page.getByTestId('details');
  await expect(mDetails).toContainText('Polisen Västerort');
  await expect.poll(async () => (await mapFindings(m.page)).find((f) => f.id === findingId)?.movable).toBe(true);

  // The police log in (second context), see the finding in their list, only status actions.
  const p = await open(browser);
  await logIn(p.page, police);
  await expect(p.page.getByRole('heading', { name: 'Fynd som Polisen Västerort ansvarar för' })).toBeVisible();
  for (const name of ['Ny trygghetsvandring', 'Läs in exempelvandring']) await expect(p.page.getByRole('button', { name })).toHaveCount(0);
  await expect(p.page.getByLabel('Importera GeoJSON')).toHaveCount(0);
  await p.page.locator(`[data-finding-id="${findingId}"]`).click();
  const pDetails = p.page.getByTestId('details');
  await expect(pDetails).toContainText(description);
  await expect(pDetails.getByRole('button', { name: 'Ändra' })).toHaveCount(0);
  await expect(pDetails.getByRole('button', { name: 'Ta bort' })).toHaveCount(0);
  await expect(pDetails).not.toContainText('Dra punkten');
  // Not draggable for the police: the map is told so.
  await expect.poll(async () => (await mapFindings(p.page)).find((f) => f.id === findingId)?.movable).toBe(false);

  await pDetails.getByLabel('Kommentar till statusändringen (valfri)').fill(notes[0]!);
  await pDetails.getByRole('button', { name: 'Beslutad åtgärd', exact: true }).click();
  await expect(pDetails.getByTestId('finding-status')).toContainText('Beslutad åtgärd');
  await expect(pDetails.getByRole('button', { name: 'Åtgärdad', exact: true })).toBeVisible();
  await pDetails.getByLabel('Kommentar till statusändringen (valfri)').fill(notes[1]!);
  await pDetails.getByRole('button', { name: 'Åtgärdad', exact: true }).click();
  await expect(pDetails.getByTestId('finding-status')).toContainText('Åtgärdad');
  await expect(p.page.getByTestId('sync-pending')).toHaveCount(0);
  await expect(pDetails.getByTestId('server-history')).toContainText(notes[1]!);
  await shoot(p.page, 'responsible-finding', 'details');

  // The member sees it without reloading, with who did it in the history.
  await expect(mDetails.getByTestId('finding-status')).toContainText('Åtgärdad', { timeout: 5_000 });
  const history = mDetails.getByTestId('server-history');
  await expect(history).toContainText('Polisen i Västerort, Polisen Västerort');
  await expect(history).toContainText(notes[0]!);
  await expect(history).toContainText(notes[1]!);

  // (b) The public has not seen the internal finding anywhere.
  expect((await mapFindings(pub.page)).map((f) => f.id)).not.toContain(findingId);
  await expect(pub.page.locator(`[data-finding-id="${findingId}"]`)).toHaveCount(0);
  await pub.page.getByRole('tab', { name: 'Uppföljning' }).click();
  await expect(pub.page.getByRole('heading', { name: 'Uppföljning av fynd' })).toBeVisible();
  await expect(pub.page.getByRole('tabpanel')).not.toContainText(description);
  await pub.page.getByRole('tab', { name: 'Vandringar' }).click();

  // The member makes it public: the public sees it, with its status and no internal part.
  await mDetails.getByRole('button', { name: 'Ändra' }).click();
  await m.page.getByTestId('finding-form').getByRole('checkbox', { name: /Offentligt/ }).check();
  await m.page.getByTestId('finding-form').getByRole('button', { name: 'Spara' }).click();
  await expect(mDetails.getByTestId('not-sent')).toHaveCount(0);

  const item = pub.page.locator(`[data-finding-id="${findingId}"]`);
  await expect(item).toBeVisible({ timeout: 10_000 });
  await expect(item).toContainText('Åtgärdad');
  await expect.poll(async () => (await mapFindings(pub.page)).find((f) => f.id === findingId)?.movable).toBe(false);
  await shoot(pub.page, 'public-walks-tab', 'finding-list');
  await item.click();
  const pubDetails = pub.page.getByTestId('details');
  await expect(pubDetails).toContainText(description);
  await expect(pubDetails.getByTestId('finding-status')).toContainText('Åtgärdad sedan');
  await expect(pubDetails).toContainText('Polisen Västerort');
  for (const hidden of [...notes, 'Prioritet', 'Medel', 'Vandring', 'Senast åtgärdat', 'Polisen i Västerort', 'Händelser']) {
    await expect(pubDetails).not.toContainText(hidden);
  }
  await expect(pubDetails.getByRole('button', { name: 'Ändra' })).toHaveCount(0);
  await expect(pubDetails.getByRole('button', { name: 'Åtgärdad', exact: true })).toHaveCount(0);
  await shoot(pub.page, 'public-finding', 'details');

  for (const c of [pub, m, p]) await c.context.close();
});
