import { defineConfig } from 'vitest/config';

// Server tests: the API against a real PostgreSQL (embedded, or DATABASE_URL). The files share
// one database (starting the embedded one takes seconds), so they run in one process, in turn.
export default defineConfig({
  test: {
    include: ['server/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    isolate: false,
    fileParallelism: false,
    maxWorkers: 1,
    setupFiles: ['src/test-setup.ts'],
  },
});
