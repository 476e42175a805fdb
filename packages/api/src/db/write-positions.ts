import { Redis } from 'ioredis';

/**
 * Where each caller's last write ended in the primary's write-ahead log, so that their next read
 * goes to a replica only once it has replayed that far (read-your-writes, replicas.ts). Kept in
 * this process, and in Redis when REDIS_URL is set so that every API process honours it; without
 * Redis a caller whose next request reaches another process may read from a replica that has not
 * replayed their write yet (docs/deployment.md).
 */
export interface WritePositions {
  /** The caller's last write position, or null when none is remembered. Throws when Redis fails. */
  get(caller: string): Promise<bigint | null>;
  /** Remembers `lsn` for `ttlMs` unless a later position is remembered already. */
  raise(caller: string, lsn: bigint, ttlMs: number): Promise<void>;
  close(): Promise<void>;
}

/** PostgreSQL's text form of a log position, `16/B374D848`, as a number. */
export function parseLsn(text: string): bigint {
  const [high, low] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) | BigInt(`0x${low}`);
}

/** The largest position in one atomic step: two processes recording one caller's writes keep the later. */
const RAISE = `
local known = redis.call('GET', KEYS[1])
if known and tonumber(known) >= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

/** Bounds the memory of callers who wrote and never came back (one entry per caller, swept when it grows). */
const SWEEP_ABOVE = 10_000;

export function createWritePositions(redisUrl: string | undefined, prefix = 'temu:wal:'): WritePositions {
  const local = new Map<string, { lsn: bigint; until: number }>();
  const redis = redisUrl
    ? new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 500, connectTimeout: 2_000 })
    : null;
  // A failed command already sends its caller to the primary; reconnect errors need no log of their own.
  redis?.on('error', () => {});
  const ready = redis
    ? new Promise<void>((resolve) => {
        redis.once('ready', resolve);
        redis.once('error', () => resolve());
      })
    : null;
  const known = (caller: string) => {
    const entry = local.get(caller);
    if (entry && entry.until > Date.now()) return entry.lsn;
    local.delete(caller);
    return null;
  };
  return {
    async get(caller) {
      const here = known(caller);
      if (!redis) return here;
      await ready;
      const shared = await redis.get(`${prefix}${caller}`);
      const there = shared === null ? null : BigInt(shared);
      return here === null || (there !== null && there > here) ? there : here;
    },
    async raise(caller, lsn, ttlMs) {
      const here = known(caller);
      if (here === null || lsn > here) local.set(caller, { lsn, until: Date.now() + ttlMs });
      if (local.size > SWEEP_ABOVE) for (const [key, entry] of local) if (entry.until <= Date.now()) local.delete(key);
      if (!redis) return;
      await ready;
      await redis.eval(RAISE, 1, `${prefix}${caller}`, lsn.toString(), ttlMs);
    },
    async close() {
      redis?.disconnect();
    },
  };
}
