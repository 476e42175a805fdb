import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Problem } from '../domain/problems';
import { bareHost, isAllowedHost, isForbiddenAddress, urlProblems, urlRules } from '../domain/push/ssrf';

/** urlProblems, then the DNS answer: a name resolving to a forbidden address is refused. */
export async function endpointUrlProblems(url: string, field: string[], rules = urlRules(process.env)): Promise<Problem[]> {
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
