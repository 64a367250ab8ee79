// Test projects: `unit` (no external components) and `itg` (real Docker, registry, runc; serial).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/test/**/*.test.ts', 'actions/*/test/**/*.test.ts', 'test/workflows/**/*.test.ts'],
          exclude: ['**/*.itg.test.ts', '**/node_modules/**'],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'itg',
          include: ['packages/*/test/**/*.itg.test.ts', 'actions/*/test/**/*.itg.test.ts', 'test/e2e/**/*.itg.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          globalSetup: ['test/helpers/global-setup.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
});
