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
function importsOnCycles(graph = folderGraph()): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const [a, edges] of graph) {
    for (const [b, files] of edges) if (reaches(graph, b, a)) found.set(`${a} -> ${b}`, [...new Set(files)].sort());
  }
  return found;
}

describe('imports between the domain folders of packages/schema/src', () => {
  it('form no cycle', () => {
    // A folder that another builds on imports nothing back: shared pieces live below both
    // (common/batch.ts, auth/edit-scopes.ts) and a mutation lives with the records it answers with
    // (consentRequest answers a FinancingLead, so it is financing/consent-requests.ts).
    const cycles = importsOnCycles();
    expect([...cycles.keys()], JSON.stringify(Object.fromEntries(cycles), null, 2)).toEqual([]);
  });

  it('are seen by the check: a folder that imports itself back is a cycle', () => {
    const graph = folderGraph();
    // A real import (enterprise builds on consent), then the same import made the other way round.
    expect(graph.get('enterprise')?.get('consent')).toContain('enterprise/visibility.ts');
    graph.get('consent')?.set('enterprise', ['consent/imagined.ts']);
    expect([...importsOnCycles(graph).keys()].sort()).toEqual(['consent -> enterprise', 'enterprise -> consent']);
    expect(reaches(graph, 'financing', 'consent')).toBe(true);
    expect(reaches(graph, 'domain', 'consent')).toBe(false);
  });
});
