import { mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.js';

// Vitest reads the default export of this file; it is tooling, never published.
export default mergeConfig(sharedTestConfig, { test: { globalSetup: ['test/e2e/globalSetup.ts'] } });
