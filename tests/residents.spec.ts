import { request as playwrightRequest, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { newMember, type TestAccount } from './accounts';
import { expect, test, waitForMapIdle } from './fixtures';
import { clickMapAt, post } from './walk-steps';
import { serverUrl } from './test-server';

/**
 * Residents in the loop, against the app served by its server (playwright.config.ts): a resident
 * reports a place that feels unsafe on a phone, without an account, with a photo carrying a GPS
 * position, and gets a private follow link; a council member accepts the report (through the API:
 * the moderation screen is tested elsewhere) and makes the finding public; the follow link and the
 * public map, area list and Nära mig then show it. A declined report shows its reason; a report
 * with the honeypot filled in stores nothing; a failed send keeps what was typed.
 *
 * The server allows 5 reports per client address per 15 minutes. Each browser and API context
 * here says it comes from an address of its own (X-Forwarded-For, which the test server trusts),
 * so that the limit holds per test and not for the whole suite on 127.0.0.1.
 */

test.use({ baseURL: serverUrl() });

const SHOTS = process.env.OMR_RESIDENT_SHOTS ?? '/tmp/resident-shots';
const RUN = Date.now().toString(36);
/** Hässelby torg, in the priority area Hässelby gård (district Hässelby-Vällingby). */
const AT: [number, number] = [17.8437, 59.3664];
const STREET = '/?map=16.00/59.36640/17.84370';
const PHONE = { width: 360, height: 740 };
let addresses = Math.floor(Math.random() * 200);
/** A client address of its own (documentation range, RFC 5737) for the server's rate limit. */
const ownAddress = () => ({ 'X-Forwarded-For': `198.51.100.${(addresses++ % 250) + 1}` });

interface Finding { id: string; revision: number; status: string; public: boolean; history: { status: string; at: string }[] }

/** A JPEG that carries an EXIF block with a GPS position (59°21'59.88"N 17°50'37.32"E), as a phone camera writes it. */
function withGpsExif(jpeg: Buffer): Buffer {
  const tiff = Buffer.alloc(128);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  // IFD0: one entry, GPSInfo (0x8825) pointing at the GPS IFD at offset 26.
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x8825, 10); tiff.writeUInt16BE(4, 12); tiff.writeUInt32BE(1, 14); tiff.writeUInt32BE(26, 18);
  tiff.writeUInt32BE(0, 22);
  // GPS IFD: latitude ref and value, longitude ref and value (rationals at 80 and 104).
  tiff.writeUInt16BE(4, 26);
  const entry = (at: number, tag: number, type: number, count: number, value: (b: Buffer, o: number) => void) => {
    tiff.writeUInt16BE(tag, at); tiff.writeUInt16BE(type, at + 2); tiff.writeUInt32BE(count, at + 4); value(tiff, at + 8);
  };
  entry(28, 0x0001, 2, 2, (b, o) => b.write('N\0', o, 'latin1'));
  entry(40, 0x0002, 5, 3, (b, o) => b.writeUInt32BE(80, o));
  entry(52, 0x0003, 2, 2, (b, o) => b.write('E\0', o, 'latin1'));
  entry(64, 0x0004, 5, 3, (b, o) => b.writeUInt32BE(104, o));
  tiff.writeUInt32BE(0, 76);
  [[59, 1], [21, 1], [5988, 100], [17, 1], [50, 1], [3732, 100]].forEach(([n, d], i) => {
    tiff.writeUInt32BE(n!, 80 + i * 8); tiff.writeUInt32BE(d!, 84 + i * 8);
  });
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, body, jpeg.subarray(2)]);
}

/** A real small JPEG drawn by the browser, with the GPS block added. */
async function photoWithGps(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 96; canvas.height = 64;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#1e293b'; g.fillRect(0, 0, 96, 64);
    g.fillStyle = '#facc15'; g.beginPath(); g.arc(48, 20, 10, 0, Math.PI * 2); g.fill();
    g.fillStyle = '#64748b'; g.fillRect(45, 28, 6, 36);
    return canvas.toDataURL('image/jpeg', 0.9).split(',')[1]!;
  });
  return withGpsExif(Buffer.from(base64, 'base64'));
}

async function phone(browser: Browser, path: string, permissions: string[] = []): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: PHONE, baseURL: serverUrl(), permissions, extraHTTPHeaders: ownAddress() });
  const page = await context.newPage();
  await page.goto(path);
  await waitForMapIdle(page);
  return { context, page };
}

async function shoot(page: Page, name: string, testId?: string): Promise<void> {
  const size = page.viewportSize()!;
  for (const viewport of [{ width: 1280, height: 800 }, PHONE]) {
    await page.setViewportSize(viewport);
    if (testId) await page.getByTestId(testId).evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${SHOTS}/${name}-${viewport.width}.png` });
  }
  await page.setViewportSize(size);
}

/** The report the member sees in their queue with this description. */
async function pendingReport(member: TestAccount, description: string): Promise<{ id: string; photo: unknown; wantsUpdates: boolean }> {
  const { reports } = (await (await member.api.get('/api/reports?status=inkommen')).json()) as { reports: { id: string; description: string; photo: unknown; wantsUpdates: boolean }[] };
  const report = reports.find((r) => r.description === description);
  expect(report, `a pending report "${description}"`).toBeTruthy();
  return report!;
}

async function moveStatus(member: TestAccount, finding: Finding, to: string, note?: string): Promise<Finding> {
  return post<Finding>(member.api, `/api/findings/${finding.id}/status`, { to, revision: finding.revision, ...(note ? { note } : {}) });
}

async function putFinding(member: TestAccount, finding: Finding): Promise<Finding> {
  const response = await member.api.put(`/api/findings/${finding.id}`, {
    data: finding, headers: { 'X-CSRF-Token': ((await (await member.api.get('/api/session')).json()) as { csrfToken: string }).csrfToken },
  });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as Finding;
}

/** A report sent through the API by someone without an account (its own cookie and CSRF token). */
async function reportByApi(body: Record<string, unknown>): Promise<{ status: number; receipt: { id: string; followToken: string; status: string } }> {
  const guest = await playwrightRequest.newContext({ baseURL: serverUrl(), extraHTTPHeaders: ownAddress() });
  const csrf = ((await (await guest.get('/api/session')).json()) as { csrfToken: string }).csrfToken;
  const response = await guest.post('/api/reports', { data: body, headers: { 'X-CSRF-Token': csrf } });
  const result = { status: response.status(), receipt: (await response.json()) as { id: string; followToken: string; status: string } };
  await guest.dispose();
  return result;
}

/** Controls in a part of the page lower than 44 px (a checkbox counts by its label). */
async function smallControls(page: Page, testId: string): Promise<string[]> {
  return page.getByTestId(testId).evaluate((root) => [...root.querySelectorAll('button, select, textarea, a, input:not([type="checkbox"]), label:has(> input[type="checkbox"])')]
    .filter((e) => !e.closest('[aria-hidden="true"]') && e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().height < 44)
    .map((e) => `${e.outerHTML.slice(0, 80)} (${Math.round(e.getBoundingClientRect().height)} px)`));
}

/** The findings the page's map holds (ids). */
async function mapFindingIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const map = (window as unknown as { omradeskartan: { map: { getSource(id: string): { serialize(): { data: { features: { properties: { id: string } }[] } } } } } }).omradeskartan.map;
    return map.getSource('findings').serialize().data.features.map((f) => f.properties.id);
  });
}

test.beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
});

test('a resident reports a place with a photo on a phone and follows it until it is public and fixed; a declined report shows its reason', async ({ browser }) => {
  test.setTimeout(180_000);
  const member = await newMember('Maja Medlem');
  const description = `Mörk gångtunnel, lampan trasig sedan länge <b>${RUN}</b>`;

  // The resident, not logged in, on a phone at street level by Hässelby torg.
  const resident = await phone(browser, STREET, ['clipboard-read', 'clipboard-write']);
  const page = resident.page;
  await page.getByRole('button', { name: 'Tipsa om en otrygg plats' }).click();
  const form = page.getByTestId('report-form');
  await expect(form).toBeVisible();
  await expect(form).toContainText('ring 112');
  await expect(form).toContainText('114 14');
  await expect(form).toContainText('Skriv inte namn på personer');

  // Sending at once names every missing field, in Swedish, and sends nothing.
  await form.getByRole('button', { name: 'Skicka tipset' }).click();
  await expect(page.getByTestId('report-problem')).toContainText('Rätta det som är markerat');
  await expect(form).toContainText('Välj platsen: i kartan');
  await expect(form).toContainText('Välj vad tipset gäller.');
  await expect(form).toContainText('Skriv vad som känns otryggt.');
  await expect(form).toContainText('Välj minst en tid');
  await expect(form.getByRole('button', { name: 'Välj platsen i kartan' })).toBeFocused();

  // The place: chosen on the map (the map bar says what a tap does now).
  await form.getByRole('button', { name: 'Välj platsen i kartan' }).click();
  await expect(page.locator('.mode-bar')).toContainText('platsen som känns otrygg');
  await clickMapAt(page, AT);
  await expect(page.locator('.mode-bar')).toHaveCount(0);
  await expect(page.getByTestId('report-place')).toContainText('Hässelby gård');
  await expect(page.getByTestId('report-place')).toContainText('59.36640, 17.84370');

  await form.getByLabel('Vad gäller det?').selectOption('belysning');
  await form.getByLabel('Vad känns otryggt?').fill(description);
  await form.getByLabel('Kväll').check();
  await form.getByLabel('Natt').check();
  const photo = await photoWithGps(page);
  expect(photo.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(true);
  await form.getByLabel('Foto (valfritt)').setInputFiles({ name: 'lampa.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(page.getByTestId('report-photo')).toHaveAttribute('src', /^data:image\/jpeg;base64,/);
  await expect(form).toContainText('Platsuppgifter (GPS) och annan metadata tas bort');
  await form.getByLabel('E-post för besked (valfritt)').fill('boende@example.se');
  // The honeypot is there for bots, out of sight and out of the tab order.
  const honeypot = form.locator('input[name="website"]');
  await expect(honeypot).toHaveAttribute('tabindex', '-1');
  await expect(honeypot).toHaveAttribute('autocomplete', 'off');
  await expect(form.locator('.report-hp')).toHaveAttribute('aria-hidden', 'true');
  expect((await honeypot.boundingBox())!.x).toBeLessThan(-1000);
  await page.getByTestId('report-panel').evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await shoot(page, 'report-form', 'report-panel');
  await page.getByTestId('report-panel').screenshot({ path: `${SHOTS}/report-form-360-whole.png` });
  expect(await smallControls(page, 'report-panel')).toEqual([]);

  await form.getByRole('button', { name: 'Skicka tipset' }).click();
  const receipt = page.getByTestId('report-receipt');
  await expect(receipt).toBeVisible();
  const link = await page.getByTestId('follow-link').inputValue();
  expect(link).toMatch(new RegExp(`^${serverUrl()}/#rapport=[A-Za-z0-9_-]{43}$`));
  await expect(receipt).toContainText('Spara länken nu');
  await page.getByTestId('copy-follow-link').click();
  await expect(receipt).toContainText('Länken är kopierad.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await shoot(page, 'report-receipt', 'report-panel');
  expect(await smallControls(page, 'report-panel')).toEqual([]);

  // The council sees it, with its photo stored without the GPS block, and that an email was left.
  const queued = await pendingReport(member, description);
  expect(queued.photo).not.toBeNull();
  expect(queued.wantsUpdates).toBe(true);
  const stored = Buffer.from(await (await member.api.get(`/api/reports/${queued.id}/photo`)).body());
  expect(stored.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  expect(stored.toString('latin1')).not.toMatch(/Exif|GPS/);

  // The follow link, still pending: what was written, shown as text.
  await page.goto(link);
  const follow = page.getByTestId('report-follow');
  await expect(follow.getByTestId('follow-status')).toContainText('Inkommet');
  await expect(follow.getByTestId('follow-description')).toHaveText(description);
  await expect(follow.locator('b')).toHaveCount(0);
  await expect(follow).toContainText('Kväll, Natt');
  await expect(follow).toContainText('Hässelby gård');
  await shoot(page, 'follow-pending', 'report-follow');

  // A member accepts it: a finding (status ny at the time of the report), then decided, public and fixed.
  const accepted = await post<{ finding: Finding }>(member.api, `/api/reports/${queued.id}/accept`, {});
  let finding = accepted.finding;
  expect(finding.public).toBe(false);
  finding = await moveStatus(member, finding, 'beslutad', 'Ny armatur beställd');
  await page.reload();
  await expect(follow.getByTestId('follow-status')).toContainText('Accepterat');
  await expect(follow.getByTestId('follow-finding-status')).toContainText('Beslutad åtgärd');
  await expect(follow).toContainText('Ärendet är inte offentligt');
  await expect(follow.getByTestId('follow-map-link')).toHaveCount(0);
  expect(await mapFindingIds(page)).not.toContain(finding.id);

  finding = await putFinding(member, { ...finding, public: true });
  finding = await moveStatus(member, finding, 'atgardad', 'Lampan lagad');
  await page.reload();
  await expect(follow.getByTestId('follow-finding-status')).toContainText('Åtgärdad');
  const history = follow.getByTestId('follow-history');
  await expect(history.locator('li')).toHaveCount(3);
  await expect(history).toContainText('Ny');
  await expect(history).toContainText('Beslutad åtgärd');
  await expect(history).toContainText('Åtgärdad');
  // Only status and dates: the council's notes stay internal.
  await expect(follow).not.toContainText('Lampan lagad');
  await expect(follow.getByTestId('follow-map-link')).toHaveAttribute('href', new RegExp(`\\?sel=finding:${finding.id}$`));
  await shoot(page, 'follow-accepted', 'report-follow');
  expect(await smallControls(page, 'report-follow')).toEqual([]);

  // The link to the case opens it on the map for the public, with its status.
  await follow.getByTestId('follow-map-link').click();
  const details = page.getByTestId('details');
  await expect(details).toContainText(description);
  await expect(details.getByTestId('finding-status')).toContainText('Åtgärdad sedan');
  await expect.poll(() => mapFindingIds(page)).toContain(finding.id);
  await expect(details).not.toContainText('Lampan lagad');
  await expect(details).not.toContainText('Prioritet');
  await details.getByTestId('copy-finding-link').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${serverUrl()}/?sel=finding:${finding.id}`);

  // The area's list of findings, for the public: category, status and date, reported, fixed, responsible.
  await page.goto('/?sel=priority-area:hasselby-gard');
  await waitForMapIdle(page);
  const list = page.getByTestId('area-findings');
  const item = list.locator(`[data-finding-id="${finding.id}"]`);
  await expect(item).toContainText('Belysning');
  await expect(item).toContainText('Åtgärdad');
  const today = (await page.evaluate(() => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' }))).replaceAll('-', '\u2011');
  await expect(item).toContainText(`Rapporterat ${today}`);
  await expect(item).toContainText(`åtgärdat ${today}`);
  await expect(item).toContainText('Ansvarig: Stadsdelsförvaltningen');
  await expect(list).not.toContainText('Medel');
  await item.scrollIntoViewIfNeeded();
  await shoot(page, 'area-public-findings', 'area-findings');

  // Nära mig lists it for the public, by distance.
  await page.goto('/?flik=near&nara=59.36640,17.84370&radie=250');
  await waitForMapIdle(page);
  await expect(page.getByTestId('near-results')).toContainText(description);

  // A fresh visitor opening the finding's link sees it (the public copy is loaded first); an unknown id says so.
  const visitor = await phone(browser, `/?sel=finding:${finding.id}`);
  await expect(visitor.page.getByTestId('details')).toContainText(description);
  await visitor.page.goto('/?sel=finding:0000-no-such-finding');
  await expect(visitor.page.locator('.notice')).toContainText('Fyndet i länken finns inte, eller är inte offentligt');
  await visitor.context.close();

  // A declined report: the follow link shows the reason, as text.
  const declinedText = `Otryggt vid busshållplatsen ${RUN}`;
  const declined = await reportByApi({ position: [17.8450, 59.3658], category: 'otrygg-plats', description: declinedText, times: ['natt'] });
  expect(declined.status).toBe(201);
  const reason = `Platsen ägs av SL; vi har skickat tipset vidare till dem. <i>${RUN}</i>`;
  const declinedId = (await pendingReport(member, declinedText)).id;
  await post(member.api, `/api/reports/${declinedId}/decline`, { reason });
  await page.goto(`/#rapport=${declined.receipt.followToken}`);
  await expect(follow.getByTestId('follow-status')).toContainText('Avböjt');
  await expect(follow.getByTestId('follow-reason')).toContainText(reason);
  await expect(follow.locator('i')).toHaveCount(0);
  await expect(follow.getByTestId('follow-history')).toHaveCount(0);
  await shoot(page, 'follow-declined', 'report-follow');

  await resident.context.close();
  await member.api.dispose();
});

test('a report with the honeypot filled in is answered like any other and stores nothing', async ({ page }) => {
  const member = await newMember('Hugo Honung');
  const description = `Honungsfälla ${RUN}`;
  const bot = await reportByApi({ position: AT, category: 'klotter', description, times: ['dag'], website: 'http://spam.example' });
  expect(bot.status).toBe(201);
  expect(bot.receipt.status).toBe('inkommen');
  expect(bot.receipt.followToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  // Nothing stored: not in the council's queue, and the follow link knows no such report.
  const { reports } = (await (await member.api.get('/api/reports')).json()) as { reports: { description: string }[] };
  expect(reports.map((r) => r.description)).not.toContain(description);
  const follow = await member.api.get(`/api/reports/follow/${bot.receipt.followToken}`);
  expect(follow.status()).toBe(404);
  await page.goto(`/#rapport=${bot.receipt.followToken}`);
  await expect(page.getByTestId('follow-not-found')).toContainText('Det finns inget tips med den här länken');
  await member.api.dispose();
});

test('what was typed survives a refused or failed send and a reload, and is sent once the network is back', async ({ browser }) => {
  const { context, page } = await phone(browser, STREET);
  const description = `Buskar skymmer gångvägen ${RUN}`;
  await page.getByRole('button', { name: 'Tipsa om en otrygg plats' }).click();
  const form = page.getByTestId('report-form');
  await form.getByRole('button', { name: 'Välj platsen i kartan' }).click();
  await clickMapAt(page, AT);
  await expect(page.getByTestId('report-place')).toContainText('Hässelby gård');
  await form.getByLabel('Vad gäller det?').selectOption('vegetation');
  await form.getByLabel('Vad känns otryggt?').fill(description);
  await form.getByLabel('Kväll').check();
  const problem = page.getByTestId('report-problem');

  // Too many reports from this address: when to try again.
  await page.route('**/api/reports', (route) => route.fulfill({
    status: 429, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '600' },
    body: JSON.stringify({ type: '/problems/rate-limited', title: 'Too many attempts', status: 429 }),
  }));
  await form.getByRole('button', { name: 'Skicka tipset' }).click();
  await expect(problem).toContainText('Försök igen om 10 minuter');
  await page.unroute('**/api/reports');

  // The server refuses a field: the message stands at that field.
  await page.route('**/api/reports', (route) => route.fulfill({
    status: 400, headers: { 'Content-Type': 'application/problem+json' },
    body: JSON.stringify({ type: '/problems/invalid', status: 400, errors: [{ field: 'description', message: 'too long', code: 'too_long' }] }),
  }));
  await form.getByRole('button', { name: 'Skicka tipset' }).click();
  await expect(form).toContainText('Texten är för lång: högst 1000 tecken.');
  await expect(form.getByLabel('Vad känns otryggt?')).toBeFocused();
  await page.unroute('**/api/reports');

  // No network: nothing lost, here or after a reload.
  await page.route('**/api/reports', (route) => route.abort('internetdisconnected'));
  await form.getByRole('button', { name: 'Skicka tipset' }).click();
  await expect(problem).toContainText('ingen kontakt med servern');
  await expect(form.getByLabel('Vad känns otryggt?')).toHaveValue(description);
  await page.reload();
  await waitForMapIdle(page);
  await expect(form.getByLabel('Vad känns otryggt?')).toHaveValue(description);
  await expect(form.getByLabel('Vad gäller det?')).toHaveValue('vegetation');
  await expect(form.getByLabel('Kväll')).toBeChecked();
  await expect(page.getByTestId('report-place')).toContainText('Hässelby gård');

  await page.unroute('**/api/reports');
  await form.getByRole('button', { name: 'Skicka tipset' }).click();
  await expect(page.getByTestId('follow-link')).toHaveValue(/#rapport=/);
  await context.close();
});

test('without the city\'s server the report button says it needs one, and is disabled', async ({ page }) => {
  // The app as static files (the first web server of playwright.config.ts).
  await page.goto(`http://localhost:${Number(process.env.OMR_TEST_PORT ?? 4173)}/`);
  await waitForMapIdle(page);
  const button = page.getByRole('button', { name: 'Tipsa om en otrygg plats' });
  await expect(button).toBeDisabled();
  await expect(page.locator('.report-needs-server')).toHaveText('kräver stadens server');
});
