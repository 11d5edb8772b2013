/**
 * `@ensdk/emulator`: a local Alibaba Cloud ENS 2017-11-10 for demos and tests, no account needed.
 * `startEmulator()` listens on loopback and answers with Alibaba's protocol and error bodies.
 */
export { DEMO_ACCESS_KEY, startEmulator } from './server.js';
export type { EmulatorOptions, RunningEmulator } from './server.js';
export type { EmulatorAccessKey } from './core/auth.js';
export type { EmulatorMetadataServiceOptions } from './credentials/metadataService.js';
export type { EmulatorStsOptions } from './credentials/sts.js';
export type { FaultSpec } from './core/faults.js';
export type { SecurityGroupStoreOptions } from './core/securityGroups.js';
