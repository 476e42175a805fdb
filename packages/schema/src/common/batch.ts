import type { Context } from '../context';
import { afterSlices } from './list-slices';
import { requestCache } from './request-cache';

/**
 * A per-request batch loader: every key asked for while GraphQL resolves a level (a page of
 * consents, of audit entries) is fetched with ONE statement, once the resolvers of that level have
 * all run. Values are cached for the rest of the request.
 */
export function batchLoader<V>(ctx: Context, name: string, fetch: (keys: string[]) => Promise<Map<string, V>>) {
  return requestCache(ctx, `batch:${name}`, () => {
    const results = new Map<string, Promise<V | undefined>>();
    let pending: { keys: Set<string>; done: Promise<Map<string, V>> } | null = null;
    return (key: string): Promise<V | undefined> => {
      const known = results.get(key);
      if (known) return known;
      if (!pending) {
        const keys = new Set<string>();
        const done = new Promise<Map<string, V>>((resolve, reject) => {
          // setImmediate runs after the microtasks of the current level, so siblings join the batch;
          // the rows of a list completed in slices join it too (list-slices.ts).
          setImmediate(() =>
            afterSlices(ctx, () => {
              pending = null;
              fetch([...keys]).then(resolve, reject);
            }),
          );
        });
        pending = { keys, done };
      }
      pending.keys.add(key);
      const value = pending.done.then((map) => map.get(key));
      results.set(key, value);
      return value;
    };
  });
}
