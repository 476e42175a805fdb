import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';
import { ANONYMOUS, type Viewer } from '@temu-bisnis/schema';
import { type Authentication, AuthenticationError, bearerSecret } from '../../auth/authenticate';
import type { RateLimitConfig } from '../../config';
import type { Logger } from '../../logger';
import { KnownCredentials } from './known-credentials';
import { MemoryRateLimitStore, type RateLimitStore, type WindowCount } from './rate-limit-store';
import { RedisRateLimitStore } from './redis-store';

/** A budget: its counter's key, its size per window, and whose it is (for the refusal's wording). */
interface Budget {
  key: string;
  limit: number;
  kind: 'caller' | 'ip' | 'failed-auth';
}

interface Refusal {
  status: 429;
  headers: Record<string, string>;
  body: string;
}

/**
 * What the HTTP server does with a request: add `headers` to the response and either answer
 * `refusal` (429) and nothing else, or route the request as the caller `auth` resolved to.
 */
export type Admission = { headers: Record<string, string> } & ({ refusal: Refusal } | { auth: Authentication });

export interface RateLimiter {
  /**
   * Resolves the request's credential with `authenticate` (the database lookup), guarded by the
   * failed-authentication budget of its address, and counts the request against its caller's budget.
   */
  admit(req: IncomingMessage, header: string | null, authenticate: (header: string | null) => Promise<Authentication>): Promise<Admission>;
  close(): Promise<void>;
}

/**
 * Every request costs one unit of its caller's budget: a person's (all their sign-in tokens), a
 * partner's (all its API keys: one budget per organisation, so more keys buy no more requests),
 * or, without a credential, its address's. It runs in the HTTP server, before routing, so GraphQL
 * and the other routes (forum pages, exports) share one budget; /healthz is answered before it.
 *
 * A credential that fails costs its address a unit of a small budget of failures, and the lookup
 * only happens while that budget lasts: a value that cannot be a secret of ours fails without a
 * lookup, and once an address has failed failedAuthPerIp times in the window, its credentials are
 * refused (429) before any lookup — except credentials that authenticated here within the window
 * (KnownCredentials), which are no guesses. So a stream of made-up Bearer values can neither mint
 * fresh budgets nor make the database work. (Requests already in flight when the budget runs out still
 * finish their lookups: the overshoot is bounded by one address's concurrent requests.)
 *
 * Addresses are IPv4 addresses, or IPv6 /64 networks (addressGroup): one host usually holds a
 * whole /64 and could otherwise take a fresh budget from each of its 2^64 addresses.
 * Every response says where the caller stands (X-RateLimit-Limit, -Remaining, -Reset in seconds);
 * over the budget the answer is 429 with Retry-After and a GraphQL error RATE_LIMITED.
 */
export function createRateLimiter(config: RateLimitConfig, logger: Logger): RateLimiter {
  const store: RateLimitStore = config.redisUrl
    ? new RedisRateLimitStore(config.redisUrl, config.keyPrefix)
    : new MemoryRateLimitStore();
  let storeAvailable = true;
  const known = new KnownCredentials(config.windowMs);

  /**
   * Fails open: the limiter protects capacity, not data (authentication and authorisation do not
   * depend on it). Refusing everything while Redis is down would turn a cache outage into an
   * outage of the API for every bank and officer; letting requests through costs only capacity
   * for a while, and the warning tells the operator. One line when it breaks, one when it heals.
   */
  async function reach<T>(step: () => Promise<T>): Promise<T | null> {
    try {
      const result = await step();
      if (!storeAvailable) logger.info('rate limit store available again');
      storeAvailable = true;
      return result;
    } catch (error) {
      if (storeAvailable) {
        logger.warn('rate limit store unavailable; requests are not limited until it returns', { error });
      }
      storeAvailable = false;
      return null;
    }
  }

  /** Counts one request against `budget`: its headers, and a refusal once the budget is spent. */
  async function spend(budget: Budget, auth: Authentication): Promise<Admission> {
    const counted = await reach(() => store.hit(budget.key, config.windowMs));
    if (!counted) return { headers: {}, auth };
    const verdict = standing(budget, counted);
    return counted.count <= budget.limit ? { headers: verdict.headers, auth } : verdict;
  }

  function standing(budget: Budget, counted: WindowCount): { headers: Record<string, string>; refusal: Refusal } {
    const resetSeconds = Math.max(1, Math.ceil(counted.resetMs / 1000));
    const headers = {
      'X-RateLimit-Limit': String(budget.limit),
      'X-RateLimit-Remaining': String(Math.max(0, budget.limit - counted.count)),
      'X-RateLimit-Reset': String(resetSeconds),
    };
    return { headers, refusal: tooManyRequests(budget, resetSeconds, config.windowMs) };
  }

  return {
    async admit(req, header, authenticate) {
      // CORS preflights carry no operation (nor credential); counting them would halve a browser's budget.
      if (req.method === 'OPTIONS') return { headers: {}, auth: await authenticate(header) };
      const address = addressGroup(clientIp(req, config.trustProxy));
      const failures: Budget = { key: `auth-failed:${address}`, limit: config.failedAuthPerIp, kind: 'failed-auth' };
      let secret: string | null;
      try {
        secret = bearerSecret(header);
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        return spend(failures, { error });
      }
      if (secret === null) return spend({ key: `ip:${address}`, limit: config.perAnonymousIp, kind: 'ip' }, { viewer: ANONYMOUS });
      if (!known.has(secret)) {
        const spent = await reach(() => store.current(failures.key));
        if (spent && spent.count >= failures.limit) return standing(failures, spent);
      }
      const auth = await authenticate(header);
      if ('error' in auth) {
        known.forget(secret);
        return spend(failures, auth);
      }
      known.remember(secret);
      return spend({ key: callerKey(auth.viewer), limit: config.perCredential, kind: 'caller' }, auth);
    },
    close: () => store.close(),
  };
}

/** The budget of an authenticated caller: a partner's API keys share the partner's. */
function callerKey(viewer: Viewer): string {
  return viewer.apiKeyId !== null && viewer.partner ? `partner:${viewer.partner.id}` : `user:${viewer.userId}`;
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

/**
 * The unit an address is budgeted by: an IPv4 address as it is (also when written as an
 * IPv4-mapped IPv6 address), an IPv6 address by its /64 network — the smallest block a provider
 * assigns to one customer (RFC 6177, RIPE-690), so every address of one host falls in one budget.
 */
export function addressGroup(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  const address = ip.split('%')[0]!;
  if (!isIPv6(address)) return ip;
  const [left, right] = address.includes('::') ? address.split('::') : [address, undefined];
  const head = left ? left.split(':') : [];
  const tail = right ? right.split(':') : [];
  // An embedded IPv4 address (…:1.2.3.4) fills the last two groups.
  const tailWidth = tail.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const groups = right === undefined ? head : [...head, ...Array<string>(8 - head.length - tailWidth).fill('0'), ...tail];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

function tooManyRequests(budget: Budget, retryAfter: number, windowMs: number): Refusal {
  const seconds = windowMs / 1000;
  const message =
    budget.kind === 'failed-auth'
      ? `Rate limit exceeded: this IP address (or IPv6 /64) may fail authentication ${budget.limit} times per ${seconds} s. Try again in ${retryAfter} s.`
      : `Rate limit exceeded: ${budget.kind === 'caller' ? 'This person, or this partner with all its API keys,' : 'This IP address (without a credential)'} may make ${budget.limit} requests per ${seconds} s. Try again in ${retryAfter} s.`;
  return {
    status: 429,
    headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(retryAfter) },
    body: JSON.stringify({ errors: [{ message, extensions: { code: 'RATE_LIMITED', retryAfter } }] }),
  };
}
