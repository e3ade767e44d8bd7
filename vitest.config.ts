import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // End-to-end suites start Chromium; two cores run two files at once comfortably.
    maxWorkers: 2,
  },
});
