/**
 * How `EnsBrowserClient`'s methods are found and grouped (emit/proxyGroups.ts): the generated pattern must match each
 * operation's method name exactly up to the verb the generator hashes from (the runtime hashes from the match), and no
 * name without an operation's verb. The runtime's side is held to the generated ENS groups by
 * packages/proxy/test/lazyGroups.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupOfMethod, methodNamePattern, methodVerb } from '../src/emit/proxyGroups.js';
import type { Operation } from '../src/model/types.js';

/** The operations of the pattern: only their method names count. */
const operations = (...methodNames: string[]): Operation[] =>
  methodNames.map((methodName) => ({ methodName }) as Operation);

describe('methodNamePattern', () => {
  // Method names as the corpus has them: a digit after the verb (VPC), bare verbs (KMS), an action in lower case with
  // its own camelCase (Elasticsearch), an underscore, and verbs that begin other verbs.
  const names = ['describe95Traffic', 'encrypt', 'decrypt', 'createInstance', 'list_things', 'un', 'unTag', 'untagX'];
  const pattern = new RegExp(methodNamePattern(operations(...names)).slice(1, -1));

  it('matches every method name exactly up to its verb, or whole when it is a bare verb', () => {
    expect(methodNamePattern(operations(...names))).toBe(
      '/^(?:create|describe|list|un|untag)(?=[^a-z])|^(?:decrypt|encrypt|un)$/',
    );
    for (const name of names) expect(pattern.exec(name)?.[0], name).toBe(methodVerb(name));
  });

  it('matches no bare verb that no operation is named, nor a verb run into a longer word', () => {
    for (const name of ['create', 'describe', 'list', 'untagged', 'encryptAll', 'encrypted', 'then', 'toJSON', 'get'])
      expect(pattern.exec(name), name).toBeNull();
    // A name that begins with a verb and an upper-case letter is a method until its group says otherwise.
    expect(pattern.exec('createNothing')?.[0]).toBe('create');
  });

  it('has no bare-verb alternative when no operation is a bare verb', () => {
    expect(methodNamePattern(operations('getThing', 'putThing'))).toBe('/^(?:get|put)(?=[^a-z])/');
  });
});

describe('groupOfMethod', () => {
  it('hashes the name without its verb: createX, deleteX and describeX of the same X share a group', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,20}$/),
        fc.nat(100_000),
        fc.integer({ min: 1, max: 20 }),
        (rest, seed, count) => {
          const group = groupOfMethod(`create${rest}`, seed, count);
          expect(group).toBeGreaterThanOrEqual(0);
          expect(group).toBeLessThan(count);
          expect(groupOfMethod(`delete${rest}`, seed, count)).toBe(group);
          expect(groupOfMethod(`describe${rest}`, seed, count)).toBe(group);
        },
      ),
    );
  });

  it('spreads names over the groups (FNV-1a of the rest xor the seed)', () => {
    // Known values (packages/proxy/test/lazyGroups.test.ts relies on them for its hand-made groups).
    expect(groupOfMethod('getThing', 0, 2)).toBe(0);
    expect(groupOfMethod('listWidgets', 0, 2)).toBe(1);
    const groups = new Set(Array.from({ length: 200 }, (_, i) => groupOfMethod(`describeThing${i}`, 7, 20)));
    expect(groups.size).toBe(20);
  });
});
