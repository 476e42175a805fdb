import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schema } from '@temu-bisnis/schema';
import { renderReference } from './reference';

/** The repository's docs/reference (gitignored): a relative --out is taken from the repository root too. */
const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** `pnpm docs:reference [--out dir]`: writes dir/index.html and returns its path. */
export function writeReference(args: readonly string[]): string {
  const at = args.indexOf('--out');
  const out = resolve(repositoryRoot, at >= 0 && args[at + 1] ? args[at + 1]! : 'docs/reference');
  mkdirSync(out, { recursive: true });
  const file = join(out, 'index.html');
  writeFileSync(file, renderReference(schema));
  return file;
}
