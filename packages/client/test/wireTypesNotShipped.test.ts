import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// openapi-typescript's output (src/generated/wire.gen.ts: `paths`, `components`, `operations` of the OpenAPI document
// the generator emits) earns its place at build time: src/generated/wireCheck.gen.ts holds every operation's wire
// mapping against it (src/check/wireCheck.ts, test/wireCheck.test.ts), and `npm run typecheck` compiles both. None of
// the three ships: only wireCheck.gen.ts imports wire.gen.ts and check/wireCheck.ts, nothing imports wireCheck.gen.ts,
// and no built file holds them. turbo builds the package before its tests (packages/client/turbo.json).
const dist = new URL('../dist/', import.meta.url);
const src = new URL('../src/', import.meta.url);

/** Source files of the package (relative to src/) whose text matches `pattern`. */
function sourcesMatching(pattern: RegExp): string[] {
  const found: string[] = [];
  const walk = (dir: URL, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(new URL(`${entry.name}/`, dir), `${prefix}${entry.name}/`);
      else if (pattern.test(readFileSync(new URL(entry.name, dir), 'utf8'))) found.push(`${prefix}${entry.name}`);
    }
  };
  walk(src, '');
  return found.sort();
}

describe('wire.gen.ts and the wire check', () => {
  it('are in no built file (JavaScript or declarations)', () => {
    const files = readdirSync(dist);
    expect(files.some((file) => file.endsWith('.d.cts'))).toBe(true);
    for (const file of files) {
      const text = readFileSync(new URL(file, dist), 'utf8');
      expect(text, file).not.toMatch(/\binterface (paths|components|operations)\b/);
      expect(text, file).not.toMatch(/wire\.gen|wireCheck|WireProblems|CompactDefinition\b/);
    }
  });

  it('are imported only by wireCheck.gen.ts, which nothing imports', () => {
    expect(sourcesMatching(/['"][./]*wire\.gen\.js['"]/)).toEqual(['generated/wireCheck.gen.ts']);
    expect(sourcesMatching(/['"][./]*check\/wireCheck\.js['"]/)).toEqual(['generated/wireCheck.gen.ts']);
    expect(sourcesMatching(/['"][./]*(generated\/)?wireCheck\.gen\.js['"]/)).toEqual([]);
  });
});
