import { request as playwrightRequest, type APIRequestContext, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { mkdir, readFile } from 'node:fs/promises';
import { expect, pixelOf, renderedIds, test, waitForMapIdle } from './fixtures';
import { post } from './walk-steps';
import { TEST_ADMIN, serverUrl } from './test-server';

/**
 * The council's side of resident reports, against the app served by its server: reports sent
 * through POST /api/reports as the public would; a member of Rinkeby-Kista sees the queue with
 * its count, accepts one onto a planned walk (an internal finding on the walk), declines one with
 * a reason (after a failed send that loses nothing), merges a near-duplicate, is told when someone
 * else decided first; the map shows the pending reports and a click opens one in the queue; the
 * walk's details list the candidate reports, one becomes a stop (walk.reportIds) and the protocol
 * lists it. A member of another district sees none of it.
 */

test.use({ baseURL: serverUrl() });

const PASSWORD = 'moderering-lösenord-1';
const SHOTS = process.env.OMR_SHOTS ?? '/tmp/moderation-shots';
const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
/** At Husby centrum (priority area Husby, district Rinkeby-Kista). */
const HUSBY = '/?flik=walks&map=15.00/59.41000/17.92600';

type Person = { email: string; name: string };
type Report = { id: string; status: string; description: string; declineReason: string | null; mergedIntoReportId: string | null; findingId: string | null };

/** A member of the given districts, by invitation accepted through the API; with an API context logged in as them. */
async function member(name: string, districtIds: string[]): Promise<Person & { api: APIRequestContext }> {
  const admin = await playwrightRequest.newContext({ baseURL: serverUrl() });
  await post(admin, '/api/session', TEST_ADMIN);
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '-')}-${RUN}@example.se`;
  const { token } = await post<{ token: string }>(admin, '/api/admin/invitations', { email, role: 'member', organisationId: null, districtIds });
  await admin.dispose();
  const api = await playwrightRequest.newContext({ baseURL: serverUrl() });
  await post(api, `/api/invitations/${token}`, { name, password: PASSWORD });
  return { email, name, api };
}

let address = 0;
/**
 * A report sent as the public sends it (no account, its own cookie and CSRF token). Each comes
 * from an address of its own (X-Forwarded-For; the test server trusts it), so that the per-address
 * limit on reports is not used up by the suite.
 */
async function sendReport(body: Record<string, unknown>): Promise<string> {
  address += 1;
  const guest = await playwrightRequest.newContext({
    baseURL: serverUrl(), extraHTTPHeaders: { 'X-Forwarded-For': `198.51.${Math.floor(Math.random() * 200)}.${address}` },
  });
  const csrf = ((await (await guest.get('/api/session')).json()) as { csrfToken: string }).csrfToken;
  const response = await guest.post('/api/reports', { data: { times: ['kvall'], ...body }, headers: { 'X-CSRF-Token': csrf } });
  expect(response.status(), await response.text()).toBe(201);
  const { id } = (await response.json()) as { id: string };
  await guest.dispose();
  return id;
}

async function report(api: APIRequestContext, id: string): Promise<Report> {
  const response = await api.get(`/api/reports/${id}`);
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as Report;
}

async function logIn(browser: Browser, person: Person, path = HUSBY): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: serverUrl() });
  const page = await context.newPage();
  await page.addInitScript(() => { (window as unknown as { printed: number }).printed = 0; window.print = () => { (window as unknown as { printed: number }).printed++; }; });
  await page.goto(path);
  await waitForMapIdle(page);
  const form = page.getByTestId('login-form');
  await form.getByLabel('E-post').fill(person.email);
  await form.getByLabel('Lösenord').fill(PASSWORD);
  await form.getByRole('button', { name: 'Logga in' }).click();
  await expect(page.getByTestId('account')).toContainText(person.email);
  return { context, page };
}

/** The reports the page's map holds in the reports layer's source, with their flags. */
async function mapReports(page: Page): Promise<{ id: string; highlighted: boolean }[]> {
  return page.evaluate(() => {
    const map = (window as unknown as { omradeskartan: { map: { getSource(id: string): { serialize(): { data: { features: { properties: { id: string; highlighted: boolean } }[] } } } } } }).omradeskartan.map;
    return map.getSource('resident-reports').serialize().data.features.map((f) => ({ id: f.properties.id, highlighted: f.properties.highlighted }));
  });
}

/** Controls inside `root` lower than 44 px at a 360 px wide viewport (buttons, selects, text fields, checkbox labels). */
async function smallControls(page: Page, root: Locator): Promise<string[]> {
  await page.setViewportSize({ width: 360, height: 740 });
  const small = await root.evaluate((el) => [...el.querySelectorAll('button, select, textarea, input:not([type=checkbox]), label:has(> input[type=checkbox])')]
    .filter((c) => (c as HTMLElement).offsetParent !== null && c.getBoundingClientRect().height < 43.5)
    .map((c) => `${c.tagName} "${(c.textContent ?? '').trim().slice(0, 30)}" ${Math.round(c.getBoundingClientRect().height)}px`));
  await page.setViewportSize({ width: 1280, height: 800 });
  return small;
}

/** Screenshots at 1280 × 800 and at 360 × 740 (with `target` scrolled into view). */
async function shoot(page: Page, name: string, target?: Locator): Promise<void> {
  if (target) await target.scrollIntoViewIfNeeded();
  await waitForMapIdle(page);
  await page.screenshot({ path: `${SHOTS}/${name}-1280.png` });
  await page.setViewportSize({ width: 360, height: 740 });
  if (target) await target.scrollIntoViewIfNeeded();
  else await page.evaluate(() => window.scrollTo(0, 0));
  await waitForMapIdle(page);
  await page.screenshot({ path: `${SHOTS}/${name}-360.png` });
  await page.setViewportSize({ width: 1280, height: 800 });
  await waitForMapIdle(page);
}

test('a council member works the queue of resident reports, plans a walk past one and prints it; another district sees none', async ({ browser }) => {
  test.setTimeout(360_000);
  await mkdir(SHOTS, { recursive: true });
  const anna = await member('Anna Moderator', ['rinkeby-kista']);
  const bo = await member('Bo Kollega', ['rinkeby-kista']);
  const other = await member('Cecilia Annanstans', ['hasselby-vallingby']);

  // A planned walk in Husby a week ahead, made by Anna.
  const walkId = crypto.randomUUID();
  const now = new Date().toISOString();
  const date = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const walkResponse = await anna.api.put(`/api/walks/${walkId}`, {
    data: { id: walkId, date, time: '19:00', area: { kind: 'priorityArea', id: 'husby' }, organiser: 'Rinkeby-Kista stadsdelsförvaltning',
      participants: ['Polisen'], notes: '', route: null, createdAt: now, updatedAt: now, revision: 0 },
    headers: { 'X-CSRF-Token': ((await (await anna.api.get('/api/session')).json()) as { csrfToken: string }).csrfToken },
  });
  expect(walkResponse.ok(), await walkResponse.text()).toBe(true);

  // Five reports from the public: one with a photo, and two of the same kind 10 m apart.
  const photo = `data:image/png;base64,${(await readFile('public/icons/icon-192.png')).toString('base64')}`;
  const text = {
    accept: `Gångvägen bakom skolan saknar belysning <b>hela</b> vägen ${RUN}`,
    decline: `Någon har satt upp en skylt jag inte gillar ${RUN}`,
    near: `Buskarna vid lekplatsen skymmer sikten ${RUN}`,
    duplicate: `Höga buskar vid lekplatsen, man ser inget ${RUN}`,
    late: `Farlig korsning vid busshållplatsen ${RUN}`,
    elsewhere: `Mörkt på torget i Rinkeby ${RUN}`,
  };
  const accept = await sendReport({ position: [17.9255, 59.4097], category: 'gangvag', description: text.accept, times: ['kvall', 'natt'], photo: { name: 'gangvag.png', type: 'image/png', dataUrl: photo }, email: 'boende@example.se' });
  const decline = await sendReport({ position: [17.9240, 59.4090], category: 'klotter', description: text.decline });
  const near = await sendReport({ position: [17.9262, 59.4103], category: 'vegetation', description: text.near });
  const duplicate = await sendReport({ position: [17.9262, 59.41039], category: 'vegetation', description: text.duplicate, times: ['dag'] });
  const late = await sendReport({ position: [17.9300, 59.4120], category: 'trafik', description: text.late });
  // In the same district, outside the walk's priority area (Rinkeby, not Husby).
  const elsewhere = await sendReport({ position: [17.9270, 59.3880], category: 'belysning', description: text.elsewhere });
  const pendingNow = ((await (await anna.api.get('/api/reports?status=inkommen')).json()) as { reports: Report[] }).reports.length;
  expect(pendingNow).toBeGreaterThanOrEqual(6);

  // Anna logs in: the tab shows the count of pending reports; the queue lists them.
  const a = await logIn(browser, anna);
  const tab = a.page.getByRole('tab', { name: /^Tips från boende/ });
  await expect(tab).toHaveText(`Tips från boende (${pendingNow})`);
  await tab.click();
  await expect(a.page).toHaveURL(/flik=tips/);
  const queue = a.page.getByTestId('moderation');
  await expect(queue.getByTestId('moderation-pending-heading')).toHaveText(`Väntar på beslut (${pendingNow})`);
  const item = (id: string) => queue.locator(`li[data-report-id="${id}"]`);
  for (const id of [accept, decline, near, duplicate, late, elsewhere]) await expect(item(id)).toBeVisible();
  await expect(item(near)).toContainText('möjlig dubblett (1)');
  await expect(queue.getByRole('heading', { name: 'Rinkeby-Kista' })).toBeVisible();
  await shoot(a.page, 'queue', queue);

  // The reports are on the map for Anna, as diamonds of their own layer.
  await expect.poll(async () => (await mapReports(a.page)).map((r) => r.id)).toEqual(expect.arrayContaining([accept, decline, near, duplicate, late, elsewhere]));
  await shoot(a.page, 'map-reports');

  // The report with a photo, the resident's text shown as text (never as HTML).
  await item(accept).getByRole('button').first().click();
  const opened = item(accept).getByTestId('moderation-report');
  await expect(opened.getByTestId('moderation-description')).toHaveText(text.accept);
  await expect(opened.locator('b')).toHaveCount(0);
  await expect(opened).toContainText('Husby');
  await expect(opened).toContainText('kväll, natt');
  await expect(opened).toContainText('har lämnat e-post');
  await expect.poll(() => opened.getByTestId('moderation-photo').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(192);

  // Accept onto the planned walk: internal by default.
  await opened.getByRole('button', { name: 'Godkänn …' }).click();
  const acceptForm = opened.getByTestId('accept-form');
  await expect(acceptForm.getByRole('checkbox', { name: /^Offentligt/ })).not.toBeChecked();
  await expect(acceptForm.getByRole('checkbox', { name: /Fotot får visas/ })).toBeDisabled();
  await acceptForm.getByLabel('Vandring').selectOption(walkId);
  await acceptForm.getByLabel('Ansvarig part').selectOption('trafikkontoret');
  await shoot(a.page, 'accept-form', acceptForm);
  expect(await smallControls(a.page, queue)).toEqual([]);
  await acceptForm.getByRole('button', { name: 'Godkänn', exact: true }).click();
  const message = queue.getByTestId('moderation-message');
  await expect(message).toContainText('Tipset är godkänt och har blivit ett internt fynd.');
  await expect(item(accept)).toHaveCount(0);
  await expect(tab).toHaveText(`Tips från boende (${pendingNow - 1})`);
  const accepted = await report(anna.api, accept);
  expect(accepted.status).toBe('accepterad');
  const records = (await (await anna.api.get('/api/records')).json()) as { findings: { id: string; reportId?: string; walkId: string | null; public: boolean; responsible: { kind: string }; description: string }[] };
  const finding = records.findings.find((f) => f.reportId === accept)!;
  expect(finding).toMatchObject({ id: accepted.findingId, walkId, public: false, responsible: { kind: 'trafikkontoret' }, description: text.accept });
  // The new finding can be opened at once.
  await message.getByRole('button', { name: 'Öppna fyndet' }).click();
  await expect(a.page.getByTestId('details')).toContainText(text.accept);
  await expect(a.page).toHaveURL(new RegExp(`sel=finding:${finding.id}`));
  await a.page.getByTestId('details').getByRole('button', { name: 'Stäng' }).click();

  // Decline: the reason is required; a failed send keeps what was written, and trying again works.
  await item(decline).getByRole('button').first().click();
  await item(decline).getByRole('button', { name: 'Avböj …' }).click();
  const declineForm = item(decline).getByTestId('decline-form');
  await declineForm.getByRole('button', { name: 'Avböj tipset' }).click();
  await expect(declineForm.getByRole('alert')).toHaveText('Skriv ett skäl: boende ser det.');
  const reason = `Skylten sitter på privat mark; kontakta fastighetsägaren ${RUN}`;
  await declineForm.getByLabel(/^Skäl/).fill(reason);
  await a.page.route('**/api/reports/*/decline', (route) => route.abort('internetdisconnected'));
  await declineForm.getByRole('button', { name: 'Avböj tipset' }).click();
  await expect(message).toContainText('Ingen kontakt med servern. Inget har ändrats och inget är förlorat: försök igen.');
  await expect(declineForm.getByLabel(/^Skäl/)).toHaveValue(reason);
  expect((await report(anna.api, decline)).status).toBe('inkommen');
  await a.page.unroute('**/api/reports/*/decline');
  await declineForm.getByRole('button', { name: 'Avböj tipset' }).click();
  await expect(message).toContainText('Tipset är avböjt. Boende ser skälet.');
  await expect(item(decline)).toHaveCount(0);
  expect(await report(anna.api, decline)).toMatchObject({ status: 'avbojd', declineReason: reason });

  // The near-duplicate: side by side with the other report and its distance, then merged into it.
  await item(duplicate).getByRole('button').first().click();
  const pair = item(duplicate).getByTestId('moderation-duplicates').locator(`[data-duplicate-id="${near}"]`);
  await expect(pair).toContainText(text.duplicate);
  await expect(pair).toContainText(text.near);
  await expect(pair).toContainText('10 m bort');
  await shoot(a.page, 'duplicates', pair);
  expect(await smallControls(a.page, item(duplicate))).toEqual([]);
  await pair.getByRole('button', { name: 'Slå ihop med det tipset' }).click();
  await expect(message).toContainText('Tipset är sammanslaget med det andra tipset.');
  await expect(item(duplicate)).toHaveCount(0);
  expect(await report(anna.api, duplicate)).toMatchObject({ status: 'sammanslagen', mergedIntoReportId: near });
  await expect(item(near)).not.toContainText('möjlig dubblett');

  // Someone else decides first (declines it: nothing reaches Anna's page meanwhile): her decision is refused (409), she is told.
  await item(late).getByRole('button').first().click();
  await item(late).getByRole('button', { name: 'Avböj …' }).click();
  await item(late).getByTestId('decline-form').getByLabel(/^Skäl/).fill('Dubblett av ett ärende hos Trafikkontoret');
  await post(bo.api, `/api/reports/${late}/decline`, { reason: 'Redan anmält till Trafikkontoret' });
  await item(late).getByTestId('decline-form').getByRole('button', { name: 'Avböj tipset' }).click();
  await expect(message).toContainText('Någon annan hann besluta om tipset (nu: Avböjt). Kön är uppdaterad.');
  await expect(item(late)).toHaveCount(0);
  await expect(tab).toHaveText(`Tips från boende (${pendingNow - 4})`);

  // Decided reports on request: with what was decided, and the reason the resident sees.
  await queue.getByRole('checkbox', { name: 'Visa beslutade tips' }).check();
  await expect(item(decline)).toContainText('Avböjt');
  await expect(item(accept)).toContainText('Godkänt');
  await expect(item(duplicate)).toContainText('Sammanslaget');
  await item(decline).getByRole('button').first().click();
  await expect(item(decline).getByTestId('moderation-report')).toContainText(reason);
  await expect(item(decline).getByRole('button', { name: 'Avböj …' })).toHaveCount(0);
  await queue.getByRole('checkbox', { name: 'Visa beslutade tips' }).uncheck();
  await expect(item(decline)).toHaveCount(0);

  // On the map: "show on map" moves there; a click on the diamond opens the report in the queue.
  await item(near).getByRole('button').first().click();
  await item(near).getByRole('button', { name: 'Visa på kartan' }).click();
  await waitForMapIdle(a.page);
  await expect.poll(() => renderedIds(a.page, ['resident-reports-symbol'])).toContain(near);
  await item(near).getByRole('button').first().click();
  await expect(item(near).getByRole('button').first()).toHaveAttribute('aria-expanded', 'false');
  await a.page.getByRole('tab', { name: 'Områden' }).click();
  const at = await pixelOf(a.page, [17.9262, 59.4103]);
  await a.page.mouse.click(at.x, at.y);
  await expect(a.page).toHaveURL(/flik=tips/);
  await expect(item(near).getByRole('button').first()).toHaveAttribute('aria-expanded', 'true');
  await expect(item(near).getByRole('heading', { name: 'Tips: Vegetation/skymd sikt' })).toBeFocused();

  // The walk's details list the candidate reports; one becomes a stop, saved in walk.reportIds.
  await a.page.getByRole('tab', { name: 'Vandringar' }).click();
  await a.page.locator(`[data-walk-id="${walkId}"]`).click();
  const stops = a.page.getByTestId('walk-report-stops');
  await expect(stops).toContainText(text.near);
  await expect(stops.locator(`li[data-report-id="${elsewhere}"]`)).toHaveCount(0);
  await expect.poll(async () => (await mapReports(a.page)).find((r) => r.id === near)?.highlighted).toBe(true);
  expect((await mapReports(a.page)).find((r) => r.id === elsewhere)?.highlighted).toBe(false);
  await stops.locator(`li[data-report-id="${near}"]`).getByRole('button', { name: 'Lägg till som stopp' }).click();
  await expect(stops.locator(`li[data-report-id="${near}"]`).getByRole('button', { name: 'Ta bort stoppet' })).toBeVisible();
  await expect(stops.getByRole('heading')).toHaveText('Tips från boende längs vandringen (1 stopp)');
  await expect.poll(async () => ((await (await anna.api.get('/api/records')).json()) as { walks: { id: string; reportIds?: string[] }[] })
    .walks.find((w) => w.id === walkId)?.reportIds).toEqual([near]);
  await expect(a.page.getByTestId('sync-pending')).toHaveCount(0);
  await shoot(a.page, 'walk-stops', stops);
  expect(await smallControls(a.page, stops)).toEqual([]);
  await shoot(a.page, 'walk-map');

  // The protocol lists the reports the walk looked at: the stop, and the report that became its finding.
  await a.page.getByRole('button', { name: 'Skriv ut protokoll' }).click();
  const protocolReports = a.page.getByTestId('protocol').getByTestId('protocol-reports');
  await expect(protocolReports.locator('tbody tr')).toHaveCount(2);
  await expect(protocolReports).toContainText(text.near);
  await expect(protocolReports).toContainText('Vegetation/skymd sikt');
  await expect(protocolReports).toContainText(text.accept);
  await expect(protocolReports).toContainText('fynd 1');
  await expect.poll(() => a.page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  // Someone else accepts the report Anna has open: its finding reaches her page, the queue follows and says so.
  await a.page.getByRole('tab', { name: /^Tips från boende/ }).click();
  await item(elsewhere).getByRole('button').first().click();
  await expect(item(elsewhere).getByTestId('moderation-report')).toBeVisible();
  await post(bo.api, `/api/reports/${elsewhere}/accept`, {});
  await expect(message).toContainText('Någon annan hann besluta om tipset (nu: Godkänt). Kön är uppdaterad.');
  await expect(item(elsewhere)).toHaveCount(0);
  await expect(tab).toHaveText(`Tips från boende (${pendingNow - 5})`);

  // A member of another district: a queue of their own, without any of these; none on their map.
  const o = await logIn(browser, other);
  await o.page.getByRole('tab', { name: /^Tips från boende/ }).click();
  const theirs = o.page.getByTestId('moderation');
  await expect(theirs.getByTestId('moderation-pending-heading')).toBeVisible();
  await expect(theirs).not.toContainText(RUN);
  expect((await mapReports(o.page)).map((r) => r.id)).not.toContain(near);
  expect((await other.api.get(`/api/reports/${near}`)).status()).toBe(404);

  for (const c of [a, o]) await c.context.close();
  for (const p of [anna, bo, other]) await p.api.dispose();
});

test('the public gets no queue: the tab is not shown, a link to it says who it is for, the API says 401', async ({ page }) => {
  await page.goto('/?flik=walks');
  await waitForMapIdle(page);
  await expect(page.getByTestId('session')).toBeVisible();
  await expect(page.getByRole('tab', { name: /^Tips från boende/ })).toHaveCount(0);
  await page.goto('/?flik=tips');
  await waitForMapIdle(page);
  await expect(page.getByRole('tabpanel')).toContainText('hanteras av trygghetsrådet');
  expect((await page.request.get('/api/reports?status=inkommen')).status()).toBe(401);
});
