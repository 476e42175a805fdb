import { defineConfig } from 'tsup';

/**
 * The published build: ESM (dist/index.js) and CommonJS (dist/index.cjs), each with its own
 * declarations (index.d.ts, index.d.cts). Dependencies stay external; platform "neutral" keeps Node
 * built-ins out of the bundle, so the same files run in browsers, Deno, Bun and workers.
 */
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  tsconfig: 'tsconfig.json',
  platform: 'neutral',
  target: 'es2022',
  sourcemap: true,
  clean: true,
  splitting: false,
});
