// The int64 page's script: bundled for the browser from @ensdk/proxy's browser entry by the int64 e2e test.
import { createEnsBrowserClient } from '../../src/index.js';

/** What the page exposes to the test: an answer read through our proxy, and one from a server that sends raw JSON. */
export interface Int64Host {
  readInt64(): Promise<{ proxied: unknown; raw: unknown }>;
}

(globalThis as unknown as Int64Host).readInt64 = async () => {
  const proxied = await createEnsBrowserClient({ baseUrl: '/api/ens' }).listObjects({ bucketName: 'b' });
  const raw = await createEnsBrowserClient({ baseUrl: '/raw/ens' }).listObjects({ bucketName: 'b' });
  return { proxied, raw };
};
