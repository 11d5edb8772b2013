import type { RequestListener } from 'node:http';
import {
  createEnsProxyHandler,
  createEnsProxyListener,
  toNodeListener,
  type EnsProxyOptions,
} from '../../src/server/index.js';

/** Proxy options for a test, with `authorize` reading headers the same way on either entry point. */
export type TestProxyOptions = Omit<EnsProxyOptions<never>, 'authorize'> & {
  readonly authorize?: (header: (name: string) => string | undefined, action: string) => boolean | Promise<boolean>;
};

/** One entry point of @ensdk/proxy/server, as a node:http listener made from test options. */
export interface EntryPoint {
  readonly name: string;
  /** The function that creates it (option errors name it). */
  readonly creator: 'createEnsProxyListener' | 'createEnsProxyHandler';
  listener(options: TestProxyOptions): RequestListener;
}

/** Both entry points: every server test runs on each. */
export const ENTRY_POINTS: readonly EntryPoint[] = [
  {
    name: 'createEnsProxyListener (native node:http)',
    creator: 'createEnsProxyListener',
    listener: ({ authorize, ...options }) =>
      createEnsProxyListener({
        ...options,
        ...(authorize === undefined
          ? {}
          : {
              authorize: (req, action) =>
                authorize((name) => {
                  const value = req.headers[name];
                  return Array.isArray(value) ? value.join(', ') : value;
                }, action),
            }),
      }),
  },
  {
    name: 'createEnsProxyHandler (fetch-standard) through toNodeListener',
    creator: 'createEnsProxyHandler',
    listener: ({ authorize, ...options }) =>
      toNodeListener(
        createEnsProxyHandler({
          ...options,
          ...(authorize === undefined
            ? {}
            : { authorize: (request, action) => authorize((name) => request.headers.get(name) ?? undefined, action) }),
        }),
      ),
  },
];
