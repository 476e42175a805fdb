import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, retryDelayMs, windowOver } from '../../src/domain/push/retry';
import { newWebhookSecret, sign, signatureMatches } from '../../src/domain/push/signature';
import { isForbiddenAddress, urlProblems } from '../../src/domain/push/ssrf';

describe('Standard Webhooks signature', () => {
  it('matches the specification example', () => {
    // standard-webhooks/standard-webhooks spec: secret, id, timestamp, payload and expected signature.
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
    const body = '{"test": 2432232314}';
    expect(sign(secret, id, 1614265330, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });
  it('verifies any of several signatures and refuses a changed body or timestamp', () => {
    const [a, b] = [newWebhookSecret(), newWebhookSecret()];
    const header = `${sign(a, 'id', 10, 'x')} ${sign(b, 'id', 10, 'x')}`;
    expect(a.startsWith('whsec_')).toBe(true);
    expect(signatureMatches(b, 'id', 10, 'x', header)).toBe(true);
    expect(signatureMatches(b, 'id', 10, 'y', header)).toBe(false);
    expect(signatureMatches(b, 'id', 11, 'x', header)).toBe(false);
    expect(signatureMatches(newWebhookSecret(), 'id', 10, 'x', header)).toBe(false);
  });
});

describe('retry schedule', () => {
  const policy = { ...DEFAULT_RETRY, baseMs: 1000, capMs: 8000 };
  it('doubles from base, keeps at least half, never exceeds the cap', () => {
    expect(retryDelayMs(policy, 1, 0)).toBe(500);
    expect(retryDelayMs(policy, 1, 0.999)).toBeLessThanOrEqual(1000);
    expect(retryDelayMs(policy, 3, 0)).toBe(2000);
    expect(retryDelayMs(policy, 10, 0.999)).toBeLessThanOrEqual(8000);
    expect(retryDelayMs(policy, 10, 0)).toBe(4000);
  });
  it('retries for at least 24 hours by default', () => {
    const t0 = new Date('2026-01-01T00:00:00Z');
    expect(windowOver(DEFAULT_RETRY, t0, new Date(t0.getTime() + 24 * 3_600_000))).toBe(false);
    expect(windowOver(DEFAULT_RETRY, t0, new Date(t0.getTime() + 25 * 3_600_000))).toBe(true);
  });
});

describe('SSRF address rules', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '224.0.0.1'])(
    'refuses %s',
    (ip) => expect(isForbiddenAddress(ip)).toBe(true),
  );
  it.each(['8.8.8.8', '172.15.255.255', '172.32.0.1', '100.63.255.255', '100.128.0.1', '2001:4860:4860::8888', '203.0.114.1'])('allows %s', (ip) =>
    expect(isForbiddenAddress(ip)).toBe(false),
  );
  const rules = { production: true, allowHosts: [] };
  it('requires https in production, refuses loopback names and literal private hosts', () => {
    expect(urlProblems('https://hooks.bank.example/x', rules, ['url'])).toEqual([]);
    expect(urlProblems('http://hooks.bank.example/x', rules, ['url'])[0]?.message).toMatch(/https/);
    expect(urlProblems('https://localhost/x', rules, ['url'])).toHaveLength(1);
    expect(urlProblems('https://[::1]/x', rules, ['url'])).toHaveLength(1);
    expect(urlProblems('https://10.0.0.5/x', rules, ['url'])).toHaveLength(1);
    expect(urlProblems('https://u:p@hooks.bank.example/', rules, ['url'])).toHaveLength(1);
    expect(urlProblems('not a url', rules, ['url'])).toHaveLength(1);
  });
  it('admits an operator-allowed host over http outside production', () => {
    expect(urlProblems('http://127.0.0.1:9/x', { production: false, allowHosts: ['127.0.0.1'] }, ['url'])).toEqual([]);
    expect(urlProblems('http://127.0.0.1:9/x', { production: false, allowHosts: [] }, ['url'])).toHaveLength(1);
  });
});
