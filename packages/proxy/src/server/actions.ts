import * as ensClient from '@ensdk/client';

let known: ReadonlySet<string> | undefined;

/** Every action of the ENS API that `@ensdk/client` knows, built on first use. */
export function knownActions(): ReadonlySet<string> {
  if (known === undefined) {
    const actions = new Set<string>();
    for (const value of Object.values(ensClient) as unknown[]) {
      if (typeof value !== 'object' || value === null) continue;
      const action: unknown = Reflect.get(value, 'action');
      if (typeof action === 'string' && 'parameters' in value && 'output' in value && typeof Reflect.get(value, 'input') === 'function') {
        actions.add(action);
      }
    }
    known = actions;
  }
  return known;
}
