/**
 * Why every module `createEnsBrowserClient` loads lazily (its groups, the walk of `@ensdk/client/page-walk`) imports no
 * value (size.mjs, ENFORCED): how the two bundlers place a module that only a lazily loaded chunk uses but that the
 * page can reach through a package's barrel (the page
 * imports `SecurityGroupRuleNotFoundError` from `@ensdk/errors`, whose root reaches every error class). A three-file
 * package stands in for @ensdk/errors. If esbuild ever keeps such a module out of the page's chunks, lazy operation
 * chunks can pay under esbuild too and the design in tools/size/baseline.json should be measured again.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { rolldown } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ensdk-size-splitting-'));
  const pkg = join(dir, 'node_modules', 'errors-like');
  mkdirSync(pkg, { recursive: true });
  const files = {
    'package.json': JSON.stringify({
      name: 'errors-like',
      type: 'module',
      sideEffects: false,
      exports: { '.': './index.js', './lazy-class': './lazy-class.js' },
    }),
    'index.js': "export { PageClass } from './page-class.js';\nexport { LazyClass } from './lazy-class.js';\n",
    'page-class.js': "export class PageClass { static errorName = 'PageClass'; }\n",
    'lazy-class.js': "export class LazyClass { static errorName = 'LazyClass'; }\n",
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(pkg, name), text);
  // The page uses one class from the root; only the lazily loaded chunk uses the other.
  writeFileSync(
    join(dir, 'page.js'),
    "import { PageClass } from 'errors-like';\nconsole.log(PageClass.errorName);\nexport const call = () => import('./operation.js');\n",
  );
  writeFileSync(join(dir, 'operation.js'), "export { LazyClass } from 'errors-like';\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The code the page loads before its lazy chunk: its entry chunk and what that imports statically. */
function pageCode(chunks, entry) {
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const imported of chunks.get(name).imports) visit(imported);
  };
  visit(entry);
  return [...seen].map((name) => chunks.get(name).code).join('\n');
}

describe('a class only a lazy chunk uses, reachable from the page through the root barrel', () => {
  it('esbuild loads it with the page', async () => {
    const result = await build({
      entryPoints: [join(dir, 'page.js')],
      absWorkingDir: dir,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      outdir: join(dir, 'out'),
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const name = (path) => path.replace(/^(?:.*\/)?out\//, '');
    const chunks = new Map();
    let entry;
    for (const [key, meta] of Object.entries(result.metafile.outputs)) {
      const code = new TextDecoder().decode(result.outputFiles.find((o) => name(o.path) === name(key)).contents);
      chunks.set(name(key), {
        code,
        imports: meta.imports.filter((i) => i.kind === 'import-statement').map((i) => name(i.path)),
      });
      if (meta.entryPoint === 'page.js') entry = name(key);
    }
    const page = pageCode(chunks, entry);
    expect(page).toMatch(/["']PageClass["']/);
    expect(page).toMatch(/["']LazyClass["']/);
  });

  it('rolldown (Vite 8) keeps it in the lazy chunk', async () => {
    const bundle = await rolldown({ input: join(dir, 'page.js'), cwd: dir, platform: 'browser', logLevel: 'silent' });
    const { output } = await bundle.generate({ format: 'esm' });
    await bundle.close();
    const chunks = new Map(output.map((o) => [o.fileName, { code: o.code, imports: o.imports }]));
    const page = pageCode(chunks, output.find((o) => o.isEntry).fileName);
    expect(page).toMatch(/["']PageClass["']/);
    expect(page).not.toMatch(/["']LazyClass["']/);
    expect(output.some((o) => !o.isEntry && /["']LazyClass["']/.test(o.code))).toBe(true);
  });
});
