import { defineConfig } from 'vitest/config';

/**
 * Test limits shared by every workspace package. CI machines have two cores and turbo runs all packages' suites at
 * once, so a loopback test that takes 1 s alone can take several there: limits catch hangs, not slowness
 * (speed is measured by `npm run bench`, never by a test's clock).
 */
export const sharedTestConfig = defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
