import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');
/** Relative imports: `from './x'`, `import './x'`, `import('./x')`. */
const RELATIVE_IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** The domain folder of a path under src/, or null for the top-level files (builder, context, schema). */
function folderOf(path: string): string | null {
  const parts = relative(SRC, path).split(sep);
  return parts.length > 1 && parts[0] !== 'generated' ? parts[0]! : null;
}

/** Imports between the folders of packages/schema/src: folder → folder → the files that import. */
function folderGraph(): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const entry of readdirSync(SRC, { recursive: true, withFileTypes: true })) {
    const file = join(entry.parentPath, entry.name);
    const from = folderOf(file);
    if (!entry.isFile() || !file.endsWith('.ts') || !from) continue;
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) {
      const to = folderOf(resolve(dirname(file), spec!));
      if (!to || to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      graph.set(from, edges.set(to, [...(edges.get(to) ?? []), relative(SRC, file)]));
    }
  }
  return graph;
}

function reaches(graph: Map<string, Map<string, string[]>>, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const folder = stack.pop()!;
    if (folder === to) return true;
    if (seen.has(folder)) continue;
    seen.add(folder);
    stack.push(...(graph.get(folder)?.keys() ?? []));
  }
  return false;
}

/** Folder imports that lie on a cycle of folders (b reaches a again), with the files that import. */
function importsOnCycles(): Map<string, string[]> {
  const graph = folderGraph();
  const found = new Map<string, string[]>();
  for (const [a, edges] of graph) {
    for (const [b, files] of edges) if (reaches(graph, b, a)) found.set(`${a} -> ${b}`, [...new Set(files)].sort());
  }
  return found;
}

describe('imports between the domain folders of packages/schema/src', () => {
  it('form no new cycle', () => {
    // Known debt, reported in issue 12: consent/mutations.ts (consent requests about financing leads)
    // sits in the folder whose access.ts enterprise/ and financing/ build on. Moving those mutations
    // out removes these lines; add none. (consent -> enterprise went with the edit policy's move to
    // auth/policies.ts.)
    const cycles = importsOnCycles();
    expect([...cycles.keys()].sort(), JSON.stringify(Object.fromEntries(cycles), null, 2)).toEqual([
      'consent -> financing',
      'enterprise -> consent',
      'financing -> consent',
      'financing -> enterprise',
    ]);
  });

  it('are seen by the check: a folder that imports itself back is a cycle', () => {
    expect(importsOnCycles().get('enterprise -> consent')).toEqual(['enterprise/visibility.ts']);
    expect(reaches(folderGraph(), 'financing', 'consent')).toBe(true);
    expect(reaches(folderGraph(), 'domain', 'consent')).toBe(false);
  });
});
