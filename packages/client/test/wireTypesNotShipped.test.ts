import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// openapi-typescript's output (src/generated/wire.gen.ts: `paths`, `components`, `operations` of the OpenAPI document
// the generator emits) earns its place only if it ships nowhere: no entry imports it and no built file holds it.
// turbo builds the package before its tests (packages/client/turbo.json).
const dist = new URL('../dist/', import.meta.url);

describe('wire.gen.ts', () => {
  it('is in no built file (JavaScript or declarations)', () => {
    const files = readdirSync(dist);
    expect(files.some((file) => file.endsWith('.d.cts'))).toBe(true);
    for (const file of files) {
      const text = readFileSync(new URL(file, dist), 'utf8');
      expect(text, file).not.toMatch(/\binterface (paths|components|operations)\b/);
      expect(text, file).not.toContain('wire.gen');
    }
  });

  it('is imported by no source file of the package', () => {
    const src = new URL('../src/', import.meta.url);
    const offenders: string[] = [];
    const walk = (dir: URL): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(new URL(`${entry.name}/`, dir));
        else if (entry.name !== 'wire.gen.ts' && readFileSync(new URL(entry.name, dir), 'utf8').includes('wire.gen'))
          offenders.push(entry.name);
      }
    };
    walk(src);
    expect(offenders).toEqual([]);
  });
});
