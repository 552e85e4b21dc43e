/** Steps the walk, sync and role browser tests share: on the map, in the walk forms, and through the API. */

import type { APIRequestContext, Page } from '@playwright/test';
import { expect, pixelOf } from './fixtures';

/** The Walks tab at street level around Hässelby torg. */
export const AT_HASSELBY_TORG = '/?flik=walks&map=16.00/59.36640/17.84370';

export async function clickMapAt(page: Page, lngLat: [number, number]): Promise<void> {
  const { x, y } = await pixelOf(page, lngLat);
  await page.mouse.click(x, y);
}

/** Creates a walk in the priority area Hässelby gård from the Walks tab; it is then shown. */
export async function createWalk(page: Page, participants?: string): Promise<void> {
  await page.getByRole('button', { name: 'Ny trygghetsvandring' }).click();
  await page.getByLabel('Område', { exact: true }).selectOption('priorityArea:hasselby-gard');
  await page.getByLabel('Arrangör (organisation)').fill('Hässelby-Vällingby stadsdelsförvaltning');
  if (participants) await page.getByLabel('Deltagande organisationer').fill(participants);
  await page.getByRole('button', { name: 'Spara vandringen' }).click();
  await expect(page.getByTestId('details')).toContainText('Hässelby-Vällingby stadsdelsförvaltning');
}

/** How many findings the page's map holds (its GeoJSON source). */
export async function findingCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    const map = (window as unknown as { omradeskartan: { map: { getSource(id: string): { serialize(): { data: { features: unknown[] } } } } } }).omradeskartan.map;
    return map.getSource('findings').serialize().data.features.length;
  });
}

async function csrf(api: APIRequestContext): Promise<string> {
  const response = await api.get('/api/session');
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

/** A POST to the server's API with the CSRF token; fails the test unless it succeeds. */
export async function post<T = unknown>(api: APIRequestContext, path: string, data: unknown): Promise<T> {
  const response = await api.post(path, { data, headers: { 'X-CSRF-Token': await csrf(api) } });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}
