import { mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

// Whole-spec generations take seconds each, and the hooks that generate into, or delete, temporary copies of the
// repository need more than the shared limit on a loaded two-core machine. Vitest reads the default export.
export default mergeConfig(sharedTestConfig, {
  test: {
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
