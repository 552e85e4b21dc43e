import { defineConfig } from 'vitest/config';

// Unit tests: pure logic in Node, beside the files they test. Browser tests live in tests/ (Playwright).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    // Building the real programme and areas once per file takes seconds; more on a loaded 2-core machine.
    hookTimeout: 60_000,
    setupFiles: ['src/test-setup.ts'],
  },
});
