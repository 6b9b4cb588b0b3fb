import { defineConfig } from 'vitest/config';

// Browser tests: one real server (npm start's code path on a fresh PGlite demo) and Debian's Chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/server.ts'],
    testTimeout: 90_000,
    hookTimeout: 320_000,
    fileParallelism: false,
  },
});
