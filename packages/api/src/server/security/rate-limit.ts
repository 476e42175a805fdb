import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RateLimitConfig } from '../../config';
import type { Logger } from '../../logger';
import { MemoryRateLimitStore, type RateLimitStore, type WindowCount } from './rate-limit-store';
import { RedisRateLimitStore } from './redis-store';

interface Caller {
  key: string;
  limit: number;
  kind: 'credential' | 'ip';
}

/** What the HTTP server does with a request: add these headers, and refuse it when `refusal` is set. */
export interface RateLimitVerdict {
  headers: Record<string, string>;
  refusal?: { status: 429; headers: Record<string, string>; body: string };
}

export interface RateLimiter {
  /** Counts the request against its caller's budget; null when the store is unavailable (fail open). */
  check(req: IncomingMessage): Promise<RateLimitVerdict | null>;
  close(): Promise<void>;
}

/**
 * Every request costs one unit of its caller's budget: per Bearer credential when one is sent,
 * else per client IP. It runs in the HTTP server, before routing, so GraphQL and the other routes
 * (forum pages, exports) share one budget; /healthz is answered before it and never counted.
 * Every response says where the caller stands (X-RateLimit-Limit, -Remaining, -Reset in seconds);
 * over the budget the answer is 429 with Retry-After and a GraphQL error RATE_LIMITED.
 */
export function createRateLimiter(config: RateLimitConfig, logger: Logger): RateLimiter {
  const store: RateLimitStore = config.redisUrl
    ? new RedisRateLimitStore(config.redisUrl, config.keyPrefix)
    : new MemoryRateLimitStore();
  let storeAvailable = true;

  /**
   * Fails open: the limiter protects capacity, not data (authentication and authorisation do not
   * depend on it). Refusing everything while Redis is down would turn a cache outage into an
   * outage of the API for every bank and officer; letting requests through costs only capacity
   * for a while, and the warning tells the operator. One line when it breaks, one when it heals.
   */
  async function count(key: string): Promise<WindowCount | null> {
    try {
      const counted = await store.hit(key, config.windowMs);
      if (!storeAvailable) logger.info('rate limit store available again');
      storeAvailable = true;
      return counted;
    } catch (error) {
      if (storeAvailable) {
        logger.warn('rate limit store unavailable; requests are not limited until it returns', { error });
      }
      storeAvailable = false;
      return null;
    }
  }

  return {
    async check(req) {
      // CORS preflights carry no operation; counting them would halve a browser's budget.
      if (req.method === 'OPTIONS') return null;
      const caller = callerOf(req, config);
      const counted = await count(caller.key);
      if (!counted) return null;
      const resetSeconds = Math.max(1, Math.ceil(counted.resetMs / 1000));
      const headers = {
        'X-RateLimit-Limit': String(caller.limit),
        'X-RateLimit-Remaining': String(Math.max(0, caller.limit - counted.count)),
        'X-RateLimit-Reset': String(resetSeconds),
      };
      if (counted.count <= caller.limit) return { headers };
      return { headers, refusal: tooManyRequests(caller, resetSeconds, config.windowMs) };
    },
    close: () => store.close(),
  };
}

function callerOf(req: IncomingMessage, config: RateLimitConfig): Caller {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization?.trim() ?? '');
  if (bearer) {
    // A hash names the credential without keeping the secret in memory, logs or Redis; the label
    // keeps it different from the hash the database stores for the same secret.
    const hash = createHash('sha256').update(`rate-limit:${bearer[1]}`).digest('hex');
    return { key: `key:${hash}`, limit: config.perCredential, kind: 'credential' };
  }
  return { key: `ip:${clientIp(req, config.trustProxy)}`, limit: config.perAnonymousIp, kind: 'ip' };
}

/**
 * Behind a trusted proxy the client is the last X-Forwarded-For entry, the one the proxy added;
 * earlier entries are the client's own claims.
 */
function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  const last = trustProxy && typeof forwarded === 'string' ? forwarded.split(',').at(-1)?.trim() : undefined;
  return last || req.socket.remoteAddress || 'unknown';
}

function tooManyRequests(caller: Caller, retryAfter: number, windowMs: number): RateLimitVerdict['refusal'] {
  const who = caller.kind === 'credential' ? 'This token or API key' : 'This IP address (without a credential)';
  const message =
    `Rate limit exceeded: ${who} may make ${caller.limit} requests per ${windowMs / 1000} s. ` +
    `Try again in ${retryAfter} s.`;
  return {
    status: 429,
    headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(retryAfter) },
    body: JSON.stringify({ errors: [{ message, extensions: { code: 'RATE_LIMITED', retryAfter } }] }),
  };
}
