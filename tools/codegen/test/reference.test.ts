/**
 * The API reference pages (`packages/{client,proxy,errors}/api.gen.md`): generated from the model, committed (`generate
 * --check` guards them, the golden files show the fixture's), and here checked for what a reader relies on: every
 * operation, paginator and error class is there, and every link between and within the pages lands on a heading.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../src/generate.js';
import { CLIENT_REFERENCE_PATH, ERRORS_REFERENCE_PATH, PROXY_REFERENCE_PATH } from '../src/emit/reference.js';
import { REPO_ROOT } from './helpers.js';

const PAGES = [CLIENT_REFERENCE_PATH, PROXY_REFERENCE_PATH, ERRORS_REFERENCE_PATH];
const text = new Map(PAGES.map((page) => [page, readFileSync(join(REPO_ROOT, page), 'utf8')]));
const model = loadModel(REPO_ROOT);

/** The anchors GitHub gives the `#`-headings of a page made of one identifier each (all ours are). */
function anchors(page: string): Set<string> {
  return new Set(
    [...(text.get(page) ?? '').matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
      m[1]!
        .trim()
        .toLowerCase()
        .replace(/[^a-z0-9 _-]/g, '')
        .replace(/ /g, '-'),
    ),
  );
}

describe('the API reference pages', () => {
  it('the client page has a section per operation, each listing its errors, and the paginator table lists the 32 paged', () => {
    const client = text.get(CLIENT_REFERENCE_PATH)!;
    for (const op of model.operations) expect(client, op.name).toContain(`\n### ${op.name}\n`);
    const paged = model.operations.filter((op) => op.paging !== undefined);
    expect(paged).toHaveLength(32);
    for (const op of paged)
      expect(client).toContain(`| [${op.name}](#${op.name.toLowerCase()}) | \`paginate${op.name}\` |`);
    expect(client).toContain('32 operations page (2 decided by the overlay, the rest detected from the metadata)');
  });

  it('the errors page has a section per error class; the proxy page a row per operation', () => {
    const errors = text.get(ERRORS_REFERENCE_PATH)!;
    for (const c of model.errorClasses) expect(errors, c.className).toContain(`\n### ${c.className}\n`);
    const proxy = text.get(PROXY_REFERENCE_PATH)!;
    for (const op of model.operations) expect(proxy, op.name).toContain(`| [${op.name}](../client/api.gen.md#`);
  });

  it('every link between and within the pages lands on a heading', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const page of PAGES) {
      for (const [, target] of (text.get(page) ?? '').matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^https?:/.test(target!)) continue; // the metadata's own links to Alibaba's site
        const [file, hash] = target!.split('#') as [string, string | undefined];
        const resolved = file === '' ? page : normalize(join(dirname(page), file));
        if (!text.has(resolved)) {
          if (!resolved.endsWith('README.md')) broken.push(`${page}: ${target}`);
          continue;
        }
        checked++;
        if (hash !== undefined && !anchors(resolved).has(hash)) broken.push(`${page}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });
});
