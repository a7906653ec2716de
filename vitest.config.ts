import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/witnesses/**/*.test.ts'],
    // Witnesses are Python processes; give each a generous budget on a 2-core machine.
    testTimeout: 60_000,
  },
});
