import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The README's example runs as written, against the built package (turbo builds it before the tests), and prints
// exactly the output the README shows.
const PACKAGE = new URL('../', import.meta.url);
const readme = readFileSync(new URL('README.md', PACKAGE), 'utf8');

/** The first fenced block of `language` after `heading`. */
function block(after: string, language: string): string {
  const start = readme.indexOf(after);
  expect(start, after).toBeGreaterThanOrEqual(0);
  const fence = `\`\`\`${language}\n`;
  const open = readme.indexOf(fence, start);
  expect(open, `${language} block after ${after}`).toBeGreaterThanOrEqual(0);
  return readme.slice(open + fence.length, readme.indexOf('\n```', open));
}

describe('README', () => {
  it('the example prints the output shown', () => {
    const run = spawnSync(process.execPath, ['--input-type=module'], {
      cwd: PACKAGE,
      input: block('## Example', 'js'),
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.stdout.trimEnd()).toBe(block('Output:', 'text'));
  });
});
