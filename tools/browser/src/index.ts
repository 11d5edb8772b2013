/**
 * Test support for ensdk's browser tests: a headless Chromium that `npm ci` alone installs (or one named by
 * `ENSDK_CHROMIUM`), driven by playwright-core, with no network beyond loopback. Private; never published.
 */
export {
  CHROMIUM_ENV,
  type ChromiumExecutable,
  resolveChromium,
  SYSTEM_CHROMIUM_NAMES,
} from './executable.js';
export { CHROMIUM_ARGS, type LaunchChromiumOptions, type LaunchedChromium, launchChromium } from './launch.js';
