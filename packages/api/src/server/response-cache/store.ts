import type { Cache } from '@graphql-yoga/plugin-response-cache';
import type { ExecutionResult } from 'graphql';
import { Redis } from 'ioredis';
import type { ResponseCacheConfig } from '../../config';
import type { Logger } from '../../logger';
import { channelName, listen } from '../../db/pg-notify';

/**
 * Where cached answers live: this process's memory, or Redis shared by every API process.
 *
 * Invalidation is by type: `invalidate` drops every answer that holds an object of a named type
 * (an Enterprise anywhere in it, or a page of them), so a new row joining a list is seen too, not
 * only a changed one. For `quietMs` after a type is invalidated, answers holding it are not stored:
 * a read that began before the mutation committed and ends after the invalidation would otherwise
 * put the old data back (no read outlives the execution timeout, which is what quietMs is).
 */
export interface ResponseStore extends Cache {
  close(): Promise<void>;
}

/**
 * Redis when the configuration names one, else memory; on PostgreSQL (`postgresUrl`) without Redis,
 * each process keeps its own answers and they invalidate one another's. quietMs: the execution
 * timeout (see above).
 */
export function openResponseStore(config: ResponseCacheConfig, quietMs: number, logger: Logger, postgresUrl?: string): ResponseStore {
  if (config.redisUrl) return redisStore(config.redisUrl, { prefix: config.keyPrefix, quietMs, logger });
  const memory = memoryStore({ quietMs });
  return postgresUrl ? invalidatedByNotice(memory, postgresUrl, channelName(`${config.keyPrefix}invalidate`)) : memory;
}

/**
 * A process's own answers, dropped when any process on the database invalidates a type: the
 * invalidation goes out as a NOTIFY naming the types, and every process (this one too) drops its
 * answers that hold them. Without it a second process would serve an answer a mutation elsewhere
 * made stale for up to RESPONSE_CACHE_TTL_SECONDS.
 */
function invalidatedByNotice(memory: ResponseStore, postgresUrl: string, channel: string): ResponseStore {
  const others = listen(postgresUrl, channel, (payload) => {
    const types = JSON.parse(payload) as string[];
    void memory.invalidate(types.map((typename) => ({ typename })));
  });
  return {
    get: (key) => memory.get(key),
    set: (key, result, entities, ttl) => memory.set(key, result, entities, ttl),
    invalidate(entities) {
      const types = typenamesOf(entities);
      void memory.invalidate(types.map((typename) => ({ typename })));
      others.notify(JSON.stringify(types));
    },
    close: () => others.close(),
  };
}

type Result = ExecutionResult<Record<string, unknown>>;
type CacheEntityRecord = Parameters<Cache['invalidate']>[0] extends Iterable<infer E> ? E : never;

const typenamesOf = (entities: Iterable<CacheEntityRecord>) => [...new Set([...entities].map((e) => e.typename))];

/** At most `maxEntries` answers, the oldest dropped first. */
export function memoryStore({ quietMs, maxEntries = 1_000 }: { quietMs: number; maxEntries?: number }): ResponseStore {
  const answers = new Map<string, { result: Result; types: string[]; expires: number }>();
  const invalidatedAt = new Map<string, number>();
  return {
    get(key) {
      const entry = answers.get(key);
      if (!entry) return undefined;
      if (entry.expires > Date.now()) return entry.result;
      answers.delete(key);
      return undefined;
    },
    set(key, result, entities, ttl) {
      const types = typenamesOf(entities);
      const now = Date.now();
      if (types.some((type) => now - (invalidatedAt.get(type) ?? -Infinity) < quietMs)) return;
      answers.delete(key);
      answers.set(key, { result: result as Result, types, expires: now + ttl });
      if (answers.size > maxEntries) answers.delete(answers.keys().next().value as string);
    },
    invalidate(entities) {
      const types = new Set(typenamesOf(entities));
      const now = Date.now();
      for (const type of types) invalidatedAt.set(type, now);
      for (const [key, entry] of answers) if (entry.types.some((type) => types.has(type))) answers.delete(key);
    },
    close: async () => {},
  };
}

/**
 * KEYS: the answer, then one set per type naming the answers that hold it. ARGV: the answer, its
 * TTL, the quiet period's marker prefix, then the types. Stored only while no type is quiet; each
 * type's set expires with its newest answer (older members have expired by then).
 */
const STORE = `
local marker = ARGV[3]
for i = 4, #ARGV do
  if redis.call('EXISTS', marker .. ARGV[i]) == 1 then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
for i = 2, #KEYS do
  redis.call('SADD', KEYS[i], KEYS[1])
  if redis.call('PTTL', KEYS[i]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
end
return 1`;

/** KEYS: one set per type, then its quiet marker, alternating. ARGV: the quiet period. */
const INVALIDATE = `
for i = 1, #KEYS, 2 do
  local answers = redis.call('SMEMBERS', KEYS[i])
  for _, answer in ipairs(answers) do redis.call('DEL', answer) end
  redis.call('DEL', KEYS[i])
  redis.call('SET', KEYS[i + 1], '1', 'PX', ARGV[1])
end
return 1`;

/**
 * Answers in Redis under `prefix`, shared by the API processes that use the same Redis and prefix: a
 * mutation in one process drops the answers every other process would serve. Redis being down costs
 * speed, not answers: a failed read is a miss, a failed write is skipped. A failed invalidation is
 * logged as an error (other processes may serve the old answer until its TTL).
 */
export function redisStore(url: string, { prefix, quietMs, logger }: { prefix: string; quietMs: number; logger: Logger }): ResponseStore {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 500,
    connectTimeout: 2_000,
  });
  redis.on('error', () => {});
  const answerKey = (key: string) => `${prefix}answer:${key}`;
  const typeKey = (type: string) => `${prefix}type:${type}`;
  const quietPrefix = `${prefix}quiet:`;
  return {
    async get(key) {
      try {
        const text = await redis.get(answerKey(key));
        return text ? (JSON.parse(text) as Result) : undefined;
      } catch {
        return undefined;
      }
    },
    async set(key, result, entities, ttl) {
      const types = typenamesOf(entities);
      try {
        await redis.eval(
          STORE,
          1 + types.length,
          answerKey(key),
          ...types.map(typeKey),
          JSON.stringify(result),
          String(Math.ceil(ttl)),
          quietPrefix,
          ...types,
        );
      } catch {
        // Not stored: the next request runs again.
      }
    },
    async invalidate(entities) {
      const types = typenamesOf(entities);
      if (types.length === 0) return;
      try {
        await redis.eval(INVALIDATE, types.length * 2, ...types.flatMap((type) => [typeKey(type), `${quietPrefix}${type}`]), String(quietMs));
      } catch (error) {
        logger.error('response cache invalidation failed', { types, error: error instanceof Error ? error.message : String(error) });
      }
    },
    async close() {
      redis.disconnect();
    },
  };
}
