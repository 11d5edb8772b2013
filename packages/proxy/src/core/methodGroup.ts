/**
 * The group of an `EnsBrowserClient` method among `count`: FNV-1a (32-bit, its offset basis xor `seed`) of the name
 * after its verb (the first `verbLength` characters), folded, modulo `count`. Without the verb, so that `createThing`,
 * `deleteThing` and `modifyThing` share a group. The generator groups the operations with this very function
 * (tools/codegen/src/emit/proxyGroups.ts imports this file, which imports nothing) and `withOperations` finds a
 * method's group with it at run time: the page carries no list of names.
 */
export function methodGroup(method: string, verbLength: number, seed: number, count: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = verbLength; i < method.length; i++) hash = Math.imul(hash ^ method.charCodeAt(i), 0x01000193);
  return ((hash ^ (hash >>> 16)) >>> 0) % count;
}
