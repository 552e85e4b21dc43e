/** The app served with its server in the browser tests (see playwright.config.ts). */

export const TEST_ADMIN = { email: 'admin@example.se', password: 'admin-password-1' } as const;

export function serverPort(): number {
  return Number(process.env.OMR_TEST_SERVER_PORT ?? Number(process.env.OMR_TEST_PORT ?? 4173) + 1);
}

export function serverUrl(): string {
  return `http://localhost:${serverPort()}`;
}
