import { isIP } from 'node:net';
import type { Problem } from '../problems';

/**
 * Where a webhook may not point (SSRF; OWASP "Server-Side Request Forgery Prevention Cheat
 * Sheet"): loopback, private (RFC 1918), carrier-grade NAT (RFC 6598), link-local (RFC 3927, incl.
 * cloud metadata 169.254.169.254), unspecified, multicast and reserved IPv4; IPv6 loopback,
 * unspecified, link-local fe80::/10, unique-local fc00::/7 (RFC 4193), multicast, and IPv4-mapped
 * forms of the above. An operator allow-list (WEBHOOK_ALLOW_HOSTS) admits named hosts in tests and
 * development.
 */
export function isForbiddenAddress(address: string): boolean {
  const kind = isIP(address);
  if (kind === 4) return forbiddenV4(address);
  if (kind !== 6) return true;
  const lower = address.toLowerCase();
  const mapped = /^(?:0*:)*:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower) ?? /^::(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return forbiddenV4(mapped[1]!);
  const hextets = expandV6(lower);
  if (hextets.every((h) => h === 0)) return true; // ::
  if (hextets.slice(0, 7).every((h) => h === 0) && hextets[7] === 1) return true; // ::1
  if (hextets[0] === 0 && hextets[1] === 0 && hextets[2] === 0 && hextets[3] === 0 && hextets[4] === 0 && hextets[5] === 0xffff) return true;
  const first = hextets[0]!;
  return (first & 0xffc0) === 0xfe80 || (first & 0xfe00) === 0xfc00 || (first & 0xff00) === 0xff00;
}

function forbiddenV4(address: string): boolean {
  const [a, b] = address.split('.').map(Number) as [number, number, number, number];
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224
  );
}

function expandV6(address: string): number[] {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const parts = (s: string | undefined) => (s ? s.split(':').map((h) => Number.parseInt(h, 16)) : []);
  const left = parts(head);
  const right = parts(tail);
  return tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
}

export interface UrlRules {
  production: boolean;
  /** Host names (or literal addresses) the operator allows even when private or loopback. */
  allowHosts: readonly string[];
}

/** Problems with an endpoint URL before any DNS lookup; addresses are checked again at connect time. */
export function urlProblems(url: string, rules: UrlRules, field: string[]): Problem[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [{ code: 'INVALID_VALUE', field, message: 'The URL is not a valid absolute URL.' }];
  }
  const allowed = isAllowedHost(parsed.hostname, rules);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && (!rules.production || allowed))) {
    return [{ code: 'INVALID_VALUE', field, message: rules.production ? 'Webhook URLs must use https.' : 'Webhook URLs must use http or https.' }];
  }
  if (parsed.username || parsed.password) return [{ code: 'INVALID_VALUE', field, message: 'Webhook URLs may not carry credentials.' }];
  const host = bareHost(parsed.hostname);
  if (!allowed && (host === 'localhost' || host.endsWith('.localhost') || (isIP(host) !== 0 && isForbiddenAddress(host)))) {
    return [{ code: 'INVALID_VALUE', field, message: 'Webhook URLs may not point at loopback, private or link-local addresses.' }];
  }
  return [];
}

/** The hostname without IPv6 brackets. */
export function bareHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

export function isAllowedHost(hostname: string, rules: Pick<UrlRules, 'allowHosts'>): boolean {
  return rules.allowHosts.includes(bareHost(hostname));
}

/**
 * The operator's rules from the environment: https only in production (NODE_ENV=production), and
 * the allow-list WEBHOOK_ALLOW_HOSTS (comma-separated host names) for tests and development. The
 * API checks registrations with them; the dispatcher checks addresses again at connect time.
 */
export function urlRules(env: NodeJS.ProcessEnv): UrlRules {
  return {
    production: env.NODE_ENV === 'production',
    allowHosts: (env.WEBHOOK_ALLOW_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean),
  };
}
