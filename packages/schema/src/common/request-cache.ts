import type { Context } from '../context';

/** Values cached for the life of one request (one GraphQL execution), keyed by name. */
const requestCaches = new WeakMap<Context, Map<string, unknown>>();

export function requestCache<T>(ctx: Context, key: string, load: () => T): T {
  let cache = requestCaches.get(ctx);
  if (!cache) {
    cache = new Map();
    requestCaches.set(ctx, cache);
  }
  if (!cache.has(key)) cache.set(key, load());
  return cache.get(key) as T;
}

/** A cache key for arguments: their JSON, with Money's bigints (which JSON cannot write) as `123n`. */
export function argumentsKey(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}
