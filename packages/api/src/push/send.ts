import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { bareHost, isAllowedHost, isForbiddenAddress, type UrlRules } from '@temu-bisnis/schema/domain/push/ssrf';

/**
 * One POST to a receiver, guarded against SSRF where it matters: at connect time. The socket's
 * DNS lookup refuses a name that resolves to a loopback, private or link-local address (so a name
 * rebound after the URL was checked is refused too), a literal forbidden address is refused
 * before connecting, and redirects are never followed (a 3xx is a failed attempt).
 */
export interface SendResult {
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}

export class RefusedAddress extends Error {
  constructor() {
    super('the receiver resolves to a loopback, private or link-local address');
    this.name = 'RefusedAddress';
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function guardedLookup(hostname: string, options: { all?: boolean }, callback: LookupCallback): void {
  dnsLookup(hostname, { all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    if (addresses.length === 0 || addresses.some((a) => isForbiddenAddress(a.address))) return callback(new RefusedAddress(), []);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

export function post(url: string, headers: Record<string, string>, body: string, rules: UrlRules, timeoutMs: number): Promise<SendResult> {
  const started = performance.now();
  const done = (statusCode: number | null, error: string | null): SendResult => ({ statusCode, latencyMs: Math.round(performance.now() - started), error });
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve(done(null, 'invalid URL'));
    }
    const allowed = isAllowedHost(target.hostname, rules);
    const host = bareHost(target.hostname);
    if (target.protocol !== 'https:' && !(target.protocol === 'http:' && (!rules.production || allowed))) return resolve(done(null, 'scheme not allowed'));
    if (!allowed && isIP(host) !== 0 && isForbiddenAddress(host)) return resolve(done(null, new RefusedAddress().message));
    const request = (target.protocol === 'https:' ? https : http).request(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body).toString(), 'user-agent': 'TemuBisnis-Webhooks/1', ...headers },
        timeout: timeoutMs,
        ...(allowed ? {} : { lookup: guardedLookup as never }),
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          const code = response.statusCode ?? 0;
          resolve(done(code, code >= 300 && code < 400 ? 'redirect not followed' : code >= 200 && code < 300 ? null : `HTTP ${code}`));
        });
        response.on('error', () => resolve(done(code(response.statusCode), 'response aborted')));
      },
    );
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', (error) => resolve(done(null, error instanceof RefusedAddress ? error.message : error.message.includes('timed out') ? 'timed out' : 'connection failed')));
    request.end(body);
  });
}

const code = (statusCode: number | undefined) => statusCode ?? null;
