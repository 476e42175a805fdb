import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import type { RateLimitConfig } from '../../config';
import type { Logger } from '../../logger';
import { MemoryRateLimitStore, type RateLimitStore, type WindowCount } from './rate-limit-store';
import { RedisRateLimitStore } from './redis-store';

interface Caller {
  key: string;
  limit: number;
  kind: 'credential' | 'ip';
}

interface Budget {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

/**
 * Every request through yoga costs one unit of its caller's budget: per Bearer credential when one
 * is sent, else per client IP. Each response says where the caller stands (X-RateLimit-Limit,
 * -Remaining, -Reset in seconds); over the budget the answer is 429 with Retry-After and a GraphQL
 * error RATE_LIMITED. /healthz is served before yoga and is never counted.
 */
export function useRateLimit(
  config: RateLimitConfig,
  logger: Logger,
): Plugin<Record<string, unknown>, { req?: IncomingMessage }> {
  const store: RateLimitStore = config.redisUrl
    ? new RedisRateLimitStore(config.redisUrl, config.keyPrefix)
    : new MemoryRateLimitStore();
  const budgets = new WeakMap<Request, Budget>();
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
    async onRequest({ request, serverContext, endResponse, fetchAPI }) {
      // CORS preflights carry no operation; counting them would halve a browser's budget.
      if (request.method === 'OPTIONS') return;
      const caller = callerOf(request, serverContext.req, config);
      const counted = await count(caller.key);
      if (!counted) return;
      const budget: Budget = {
        limit: caller.limit,
        remaining: Math.max(0, caller.limit - counted.count),
        resetSeconds: Math.max(1, Math.ceil(counted.resetMs / 1000)),
      };
      budgets.set(request, budget);
      if (counted.count > caller.limit) {
        endResponse(tooManyRequests(caller, budget, config.windowMs, fetchAPI.Response));
      }
    },
    // Runs for every response, the 429 above included.
    onResponse({ request, response }) {
      const budget = budgets.get(request);
      if (!budget) return;
      response.headers.set('X-RateLimit-Limit', String(budget.limit));
      response.headers.set('X-RateLimit-Remaining', String(budget.remaining));
      response.headers.set('X-RateLimit-Reset', String(budget.resetSeconds));
    },
    onDispose: () => store.close(),
  };
}

function callerOf(request: Request, req: IncomingMessage | undefined, config: RateLimitConfig): Caller {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization')?.trim() ?? '');
  if (bearer) {
    // A hash names the credential without keeping the secret in memory, logs or Redis; the label
    // keeps it different from the hash the database stores for the same secret.
    const hash = createHash('sha256').update(`rate-limit:${bearer[1]}`).digest('hex');
    return { key: `key:${hash}`, limit: config.perCredential, kind: 'credential' };
  }
  return { key: `ip:${clientIp(request, req, config.trustProxy)}`, limit: config.perAnonymousIp, kind: 'ip' };
}

/**
 * Behind a trusted proxy the client is the last X-Forwarded-For entry, the one the proxy added;
 * earlier entries are the client's own claims.
 */
function clientIp(request: Request, req: IncomingMessage | undefined, trustProxy: boolean): string {
  const forwarded = trustProxy ? request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim() : undefined;
  return forwarded || req?.socket.remoteAddress || 'unknown';
}

function tooManyRequests(
  caller: Caller,
  budget: Budget,
  windowMs: number,
  Response: typeof globalThis.Response,
): Response {
  const who = caller.kind === 'credential' ? 'This token or API key' : 'This IP address (without a credential)';
  const message =
    `Rate limit exceeded: ${who} may make ${budget.limit} requests per ${windowMs / 1000} s. ` +
    `Try again in ${budget.resetSeconds} s.`;
  const body = { errors: [{ message, extensions: { code: 'RATE_LIMITED', retryAfter: budget.resetSeconds } }] };
  return new Response(JSON.stringify(body), {
    status: 429,
    headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(budget.resetSeconds) },
  });
}
