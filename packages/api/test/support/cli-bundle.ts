import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const entry = new URL('../../src/cli.ts', import.meta.url).pathname;

/**
 * Builds src/cli.ts and the workspace sources it imports into one JavaScript file, for the tests
 * that start the CLI as its own process: under `--import tsx` each such process spent seconds of CPU
 * loading the sources through tsx's hooks, a bundle loads in a fraction of that. Packages stay
 * external, imported from where the sources would resolve them; each source keeps its own
 * import.meta.url, so paths relative to it (migrations, the PGlite worker) are those of src.
 */
export async function buildCliBundle(dir: string): Promise<string> {
  const outfile = join(dir, 'cli.mjs');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    plugins: [
      {
        name: 'sources-only',
        setup(bundle) {
          bundle.onResolve({ filter: /^[^./]/ }, async (args) => {
            if (args.path.startsWith('@temu-bisnis/') || args.path.startsWith('node:') || args.pluginData === 'resolving') return undefined;
            const resolved = await bundle.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'resolving' });
            return resolved.errors.length > 0 ? { errors: resolved.errors } : { path: resolved.path, external: true };
          });
          bundle.onLoad({ filter: /\.ts$/ }, async (args) => ({
            contents: (await readFile(args.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
            loader: 'ts',
          }));
        },
      },
    ],
  });
  return outfile;
}
