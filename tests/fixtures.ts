import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every page gets a network that ends at localhost: other requests are aborted and recorded,
 * so a test can assert that the app asked for nothing from outside.
 */
export const test = base.extend<{ outsideRequests: string[] }>({
  outsideRequests: async ({ context }, use) => {
    const outside: string[] = [];
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') {
        return route.continue();
      }
      outside.push(url.href);
      return route.abort('internetdisconnected');
    });
    await use(outside);
  },
});
export { expect };

/** Waits until MapLibre has drawn everything it has (its `idle` event). */
export async function waitForMapIdle(page: Page): Promise<void> {
  await expect(page.getByTestId('map')).toHaveAttribute('data-idle', 'true', { timeout: 30_000 });
}

/** Distinct values of `property` among the features rendered in the given layers. */
export async function renderedIds(page: Page, layers: string[], property = 'id'): Promise<string[]> {
  return page.evaluate(
    ([layerIds, prop]) => {
      const map = (window as unknown as { omradeskartan: { map: { queryRenderedFeatures(o: object): { properties: Record<string, unknown> }[] } } }).omradeskartan.map;
      const features = map.queryRenderedFeatures({ layers: layerIds });
      return [...new Set(features.map((f) => String(f.properties[prop as string])))].sort();
    },
    [layers, property] as const,
  );
}

/** The map's camera: zoom and centre (lon, lat). */
export async function camera(page: Page): Promise<{ zoom: number; lng: number; lat: number }> {
  return page.evaluate(() => {
    const map = (window as unknown as { omradeskartan: { map: { getZoom(): number; getCenter(): { lng: number; lat: number } } } }).omradeskartan.map;
    const c = map.getCenter();
    return { zoom: map.getZoom(), lng: c.lng, lat: c.lat };
  });
}

/** Screen position of a lon/lat on the map canvas, in page coordinates. */
export async function pixelOf(page: Page, lngLat: [number, number]): Promise<{ x: number; y: number }> {
  const local = await page.evaluate((ll) => {
    const map = (window as unknown as { omradeskartan: { map: { project(l: [number, number]): { x: number; y: number } } } }).omradeskartan.map;
    return map.project(ll);
  }, lngLat);
  const box = (await page.getByTestId('map').boundingBox())!;
  return { x: box.x + local.x, y: box.y + local.y };
}
