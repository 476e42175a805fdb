import { Redis } from 'ioredis';
import type { RateLimitStore, WindowCount } from './rate-limit-store';

/**
 * INCR and the window's expiry in one server-side step (a Lua script runs atomically): two API
 * processes can never both open the same window, and no failure between the two commands can leave
 * a counter without expiry, which would lock its caller out for good.
 */
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { count, redis.call('PTTL', KEYS[1]) }`;

/** The count and its window's remaining time in one step, without adding to it. */
const CURRENT = `
local count = redis.call('GET', KEYS[1])
if not count then return { 0, 0 } end
return { tonumber(count), redis.call('PTTL', KEYS[1]) }`;

/** Counters in Redis, shared by every API process that points at the same REDIS_URL and prefix. */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly redis: Redis;
  /** Settles when the first connection attempt has succeeded or failed. */
  private readonly firstAttempt: Promise<void>;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.redis = new Redis(url, {
      // A request must not wait on a sick Redis: while disconnected, commands fail at once instead
      // of queueing for the reconnect, a command on a hung connection fails after half a second,
      // and the limiter fails open (see rate-limit.ts). ioredis keeps reconnecting meanwhile.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 500,
      connectTimeout: 2_000,
    });
    // ioredis reports every failed reconnect as an 'error' event; the limiter already logs when
    // the store becomes unavailable and again when it recovers, so these would only repeat that.
    this.redis.on('error', () => {});
    // Without the offline queue, the requests that reach a fresh process before its connection is
    // up would fail open; they wait for the first attempt instead (at most connectTimeout, once).
    this.firstAttempt = new Promise((resolve) => {
      this.redis.once('ready', resolve);
      this.redis.once('error', () => resolve());
    });
  }

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    await this.firstAttempt;
    const [count, resetMs] = (await this.redis.eval(HIT, 1, `${this.prefix}${key}`, windowMs)) as [number, number];
    return { count, resetMs };
  }

  async current(key: string): Promise<WindowCount> {
    await this.firstAttempt;
    const [count, resetMs] = (await this.redis.eval(CURRENT, 1, `${this.prefix}${key}`)) as [number, number];
    return { count, resetMs: Math.max(0, resetMs) };
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
