import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './tests/chromium';
import { TEST_ADMIN, TEST_BASEMAP_STYLE, basemapServerPort, serverPort } from './tests/test-server';

// Several people can run browser tests side by side with their own build and ports.
const port = Number(process.env.OMR_TEST_PORT ?? 4173);
const dist = process.env.OMR_DIST ?? 'dist';

/**
 * Browser tests against the production build (`npm run build` first), in the system Chromium.
 * Three servers: the app as static files (no server: everything stays in the browser), the
 * app with its server on an embedded database in memory (shared records; tests/sync.spec.ts),
 * and the same with an online basemap configured (tests/streets.spec.ts).
 */
export default defineConfig({
  testDir: 'tests',
  testMatch: '*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://localhost:${port}`,
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    viewport: { width: 1280, height: 800 },
    trace: 'off',
  },
  webServer: [
    {
      command: `npx vite preview --port ${port} --strictPort --outDir ${dist}`,
      url: `http://localhost:${port}`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: 'node --import tsx server/main.ts',
      url: `http://localhost:${serverPort()}/api/health`,
      env: {
        PORT: String(serverPort()), OMR_DIST: dist, OMR_DATA_DIR: 'memory://',
        OMR_ADMIN_EMAIL: TEST_ADMIN.email, OMR_ADMIN_PASSWORD: TEST_ADMIN.password,
        // Tests that send many resident reports give each its own X-Forwarded-For, so that the per-address
        // rate limit (5 reports per 15 min) holds for each test and not for the whole suite on 127.0.0.1.
        TRUST_PROXY: '1',
      },
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      // The app with an online basemap configured (its origin is faked by tests/streets.spec.ts).
      command: 'node --import tsx server/main.ts',
      url: `http://localhost:${basemapServerPort()}/api/health`,
      env: { PORT: String(basemapServerPort()), OMR_DIST: dist, OMR_DATA_DIR: 'memory://', OMR_BASEMAP_STYLE: TEST_BASEMAP_STYLE },
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
