import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

// Vitest reads the default export of this file; it is tooling, never published.
export default mergeConfig(
  sharedTestConfig,
  defineConfig({ test: { setupFiles: ['./test/support/loopbackOnly.ts'] } }),
);
