import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Problem } from '../domain/problems';
import { bareHost, isAllowedHost, isForbiddenAddress, type UrlRules, urlProblems } from '../domain/push/ssrf';

/**
 * The operator's rules for endpoint URLs: https only in production (NODE_ENV=production), and the
 * allow-list WEBHOOK_ALLOW_HOSTS (comma-separated host names) for tests and development. The
 * dispatcher reads the same variables and checks addresses again at connect time.
 */
export function urlRules(env: NodeJS.ProcessEnv = process.env): UrlRules {
  return {
    production: env.NODE_ENV === 'production',
    allowHosts: (env.WEBHOOK_ALLOW_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean),
  };
}

/** urlProblems, then the DNS answer: a name resolving to a forbidden address is refused. */
export async function endpointUrlProblems(url: string, field: string[], rules = urlRules()): Promise<Problem[]> {
  const problems = urlProblems(url, rules, field);
  if (problems.length > 0) return problems;
  const host = bareHost(new URL(url).hostname);
  if (isAllowedHost(host, rules) || isIP(host) !== 0) return [];
  const addresses = await lookup(host, { all: true }).catch(() => null);
  if (!addresses || addresses.length === 0) return [{ code: 'INVALID_VALUE', field, message: 'The URL\'s host name does not resolve.' }];
  if (addresses.some((a) => isForbiddenAddress(a.address))) {
    return [{ code: 'INVALID_VALUE', field, message: 'Webhook URLs may not point at loopback, private or link-local addresses.' }];
  }
  return [];
}
