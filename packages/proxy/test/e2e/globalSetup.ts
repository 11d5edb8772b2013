import { resolveChromium } from '@ensdk/test-browser';

/**
 * Vitest global setup: unpacks the Chromium the end-to-end tests launch once, before any test's clock starts. The
 * first unpack decompresses about 60 MB and is CPU-bound; on a loaded two-core machine it can outlast a test's limit.
 */
export async function setup(): Promise<void> {
  await resolveChromium(process.env);
}
