import type { Context } from '../context';
import { requestCache } from '../common/request-cache';

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
          // setImmediate runs after the microtasks of the current level, so siblings join the batch.
          setImmediate(() => {
            pending = null;
            fetch([...keys]).then(resolve, reject);
          });
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

/** Role of people by id, to tell a grant the enterprise gave from one Disperin recorded for it. */
export function userRoleLoader(ctx: Context) {
  return batchLoader(ctx, 'userRole', async (ids) => {
    const rows = await ctx.prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, role: true } });
    return new Map(rows.map((r) => [r.id, r.role]));
  });
}

/**
 * Partner rows by id (audit records keep the id only). `use` names the field asking: each field's
 * nodes arrive together, so one loader per field makes one statement per field, whatever the
 * order in which the database answers the fields' own queries.
 */
export function partnerLoader(ctx: Context, use: string) {
  return batchLoader(ctx, `partner:${use}`, async (ids) => {
    const rows = await ctx.prisma.partner.findMany({ where: { id: { in: ids } } });
    return new Map(rows.map((r) => [r.id, r]));
  });
}
