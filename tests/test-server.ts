/** The app served with its server in the browser tests (see playwright.config.ts). */

export const TEST_ADMIN = { email: 'admin@example.se', password: 'admin-password-1' } as const;

export function serverPort(): number {
  return Number(process.env.OMR_TEST_SERVER_PORT ?? Number(process.env.OMR_TEST_PORT ?? 4173) + 1);
}

export function serverUrl(): string {
  return `http://localhost:${serverPort()}`;
}

/** The app with its server and an online basemap configured (tests/streets.spec.ts; the tests fake its origin). */
export const TEST_BASEMAP_ORIGIN = 'https://tiles.example.test';
export const TEST_BASEMAP_STYLE = `${TEST_BASEMAP_ORIGIN}/styles/streets.json`;

export function basemapServerPort(): number {
  return Number(process.env.OMR_TEST_BASEMAP_PORT ?? Number(process.env.OMR_TEST_PORT ?? 4173) + 2);
}

export function basemapServerUrl(): string {
  return `http://localhost:${basemapServerPort()}`;
}
