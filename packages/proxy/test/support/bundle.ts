import { build } from 'esbuild';

/**
 * Bundles for browsers as an app's bundler would (esbuild, minified ESM, browser platform: a `node:` import fails
 * the build) and returns the code. `entry` is a file path, or TypeScript source resolved from `resolveDir`.
 */
export async function bundleForBrowser(
  entry: string | { readonly contents: string; readonly resolveDir: string },
): Promise<string> {
  const result = await build({
    ...(typeof entry === 'string'
      ? { entryPoints: [entry] }
      : {
          stdin: {
            contents: entry.contents,
            resolveDir: entry.resolveDir,
            sourcefile: 'page.ts',
            loader: 'ts' as const,
          },
        }),
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
