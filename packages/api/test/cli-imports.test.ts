import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A CLI command that only reads or writes the database (`pnpm cli token`, `users`, `migrate`,
 * `seed`, `dispatch`) starts without building the GraphQL schema: building it is most of a second
 * of CPU, more under tsx. Only `start`, `serve` and the forum commands need it, and cli.ts imports
 * their modules when they run. Checked on the source: the modules those commands load (static
 * imports, followed across the workspace's packages) never reach the schema's builder or yoga.
 */

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const API_SRC = join(REPO, 'packages/api/src');
const SCHEMA_SRC = join(REPO, 'packages/schema/src');
/** Static imports and re-exports; `import type` is erased, `import()` runs only when called. */
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^;]*?\sfrom\s*)?['"]([^'"]+)['"]/gm;

/** The .ts file an extensionless specifier names: the file itself or its folder's index. */
function sourceFile(base: string): string | null {
  return [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate)) ?? null;
}

/** A workspace source file an import names, or the package name of any other import. */
function target(from: string, spec: string): { file: string } | { pkg: string } | null {
  if (spec.startsWith('.')) {
    const file = sourceFile(resolve(dirname(from), spec));
    return file ? { file } : null;
  }
  if (spec === '@temu-bisnis/schema') return { file: join(SCHEMA_SRC, 'index.ts') };
  if (spec === '@temu-bisnis/schema/prisma') return { pkg: spec };
  if (spec.startsWith('@temu-bisnis/schema/')) {
    const file = sourceFile(join(SCHEMA_SRC, spec.slice('@temu-bisnis/schema/'.length)));
    return file ? { file } : null;
  }
  const parts = spec.split('/');
  return { pkg: spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]! };
}

/** Every workspace file and package that loading `entry` loads. */
function loads(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const stack = [join(API_SRC, entry)];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      const found = target(file, spec!);
      if (found && 'file' in found) stack.push(found.file);
      else if (found) packages.add(found.pkg);
    }
  }
  return { files, packages };
}

const SCHEMA_BUILDER = join(SCHEMA_SRC, 'builder.ts');
const SERVER = join(API_SRC, 'server/yoga.ts');

describe('modules a CLI command loads', () => {
  it.each(['db/configured.ts', 'auth/tokens.ts', 'cli/users.ts', 'cli/dispatch.ts', 'db/migrate.ts', 'seed/index.ts'])(
    '%s: never the GraphQL schema or the server',
    (entry) => {
      const { files, packages } = loads(entry);
      const heavy = [...files].filter((f) => f === SCHEMA_BUILDER || f === SERVER).map((f) => relative(REPO, f));
      expect(heavy).toEqual([]);
      expect([...packages].filter((p) => ['graphql-yoga', '@pothos/core'].includes(p))).toEqual([]);
    },
  );

  it('are seen by the check: the server itself loads both', () => {
    const { files, packages } = loads('app.ts');
    expect(files).toContain(SCHEMA_BUILDER);
    expect(files).toContain(SERVER);
    expect(packages).toContain('graphql-yoga');
  });
});
