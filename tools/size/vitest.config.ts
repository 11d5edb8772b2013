import { sharedTestConfig } from '../../vitest.shared.js';

// Vitest reads the default export of this file; it is tooling, never published.
export default sharedTestConfig;
