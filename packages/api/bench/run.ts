import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * `pnpm bench [name…]`: runs every bench/<name>.bench.ts (or the named ones); each exports
 * `run(): Promise<string>` returning a Markdown report, written to bench/results/<name>.md.
 * Benchmarks live apart from the tests: timings on a shared 2-core machine are noisy, so reports
 * give medians and ratios measured in the same run.
 */
const dir = fileURLToPath(new URL('.', import.meta.url));
const resultsDir = `${dir}results`;
const wanted = process.argv.slice(2);
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .filter((name) => wanted.length === 0 || wanted.includes(name));

mkdirSync(resultsDir, { recursive: true });
for (const name of names) {
  const started = Date.now();
  console.log(`bench ${name}: running`);
  const { run } = (await import(`./${name}.bench.ts`)) as { run: () => Promise<string> };
  const report = await run();
  const header = `<!-- pnpm bench ${name}; ${new Date().toISOString()}; node ${process.version}; took ${Math.round((Date.now() - started) / 1000)} s -->\n`;
  writeFileSync(`${resultsDir}/${name}.md`, header + report);
  console.log(report);
}
