/** A product's public endpoints: the region → host table from its metadata, and the host for regions it omits. */
export interface ServiceEndpoints {
  readonly byRegion: Readonly<Record<string, string>>;
  readonly fallback: string;
}

let provided: ServiceEndpoints | undefined;

/**
 * Tells the runtime which product's endpoints to use. The package entry hands over the generated table, so the
 * hand-written runtime never imports a product's generated names (the same way `core/zod.ts` gets zod). The first
 * provider wins.
 */
export function provideEndpoints(endpoints: ServiceEndpoints): void {
  provided ??= endpoints;
}

/** The host for a region: the table's, else the fallback. Throws when no entry provided a table. */
export function endpointForRegion(regionId: string): string {
  if (provided === undefined)
    throw new TypeError(
      'No endpoint table was provided: import the client from its package entry, or pass `endpoint`.',
    );
  return provided.byRegion[regionId] ?? provided.fallback;
}
