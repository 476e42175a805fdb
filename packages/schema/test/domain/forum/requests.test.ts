import { describe, expect, it } from 'vitest';
import { existingRequestProblem, pairingProblems, priorityProblems, requestExpiry, requestStatus, ttlProblems } from '../../../src/domain/forum/requests';

const now = new Date('2026-11-27T02:00:00.000Z');
const at = (ms: number) => new Date(now.getTime() + ms);

describe('request expiry (derived when read)', () => {
  it('a pending request is EXPIRED from its expiresAt on; answered ones keep their status', () => {
    expect(requestStatus({ status: 'PENDING', expiresAt: at(1) }, now)).toBe('PENDING');
    expect(requestStatus({ status: 'PENDING', expiresAt: at(0) }, now)).toBe('EXPIRED');
    expect(requestStatus({ status: 'ACCEPTED', expiresAt: at(-1) }, now)).toBe('ACCEPTED');
    expect(requestStatus({ status: 'DECLINED', expiresAt: at(-1) }, now)).toBe('DECLINED');
  });

  it('lapses after the TTL, never after the last slot begins', () => {
    expect(requestExpiry(now, 48, null)).toEqual(at(48 * 3_600_000));
    expect(requestExpiry(now, 48, at(3_600_000))).toEqual(at(3_600_000));
  });

  it('bounds the TTL and the priority', () => {
    expect(ttlProblems(0, ['requestTtlHours'])).toHaveLength(1);
    expect(ttlProblems(337, ['requestTtlHours'])).toHaveLength(1);
    expect(ttlProblems(336, ['requestTtlHours'])).toEqual([]);
    expect(priorityProblems(0, ['priority'])).toHaveLength(1);
    expect(priorityProblems(2.5, ['priority'])).toHaveLength(1);
    expect(priorityProblems(5, ['priority'])).toEqual([]);
  });
});

describe('who may meet whom', () => {
  const ikm = (id: string) => ({ id, side: 'ENTERPRISE' as const, name: `IKM ${id}` });
  const partner = (id: string) => ({ id, side: 'PARTNER' as const, name: `Mitra ${id}` });
  it('ENTERPRISE_PARTNER_ONLY pairs an IKM with a partner; ANY allows any two; nobody meets itself', () => {
    expect(pairingProblems(ikm('a'), partner('b'), 'ENTERPRISE_PARTNER_ONLY', ['to'])).toEqual([]);
    expect(pairingProblems(partner('b'), ikm('a'), 'ENTERPRISE_PARTNER_ONLY', ['to'])).toEqual([]);
    expect(pairingProblems(ikm('a'), ikm('c'), 'ENTERPRISE_PARTNER_ONLY', ['to']).map((p) => p.code)).toEqual(['PAIRING_NOT_ALLOWED']);
    expect(pairingProblems(partner('b'), partner('d'), 'ENTERPRISE_PARTNER_ONLY', ['to']).map((p) => p.code)).toEqual(['PAIRING_NOT_ALLOWED']);
    expect(pairingProblems(ikm('a'), ikm('c'), 'ANY', ['to'])).toEqual([]);
    expect(pairingProblems(ikm('a'), ikm('a'), 'ANY', ['to']).map((p) => p.code)).toEqual(['PAIRING_NOT_ALLOWED']);
  });

  it('one live request per pair, either direction; a declined one is final; an expired or cancelled one is renewed', () => {
    const check = (status: 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'CANCELLED' | 'EXPIRED', sameDirection: boolean, expiresAt = at(1)) =>
      existingRequestProblem({ status, expiresAt, sameDirection }, now, ['to']);
    expect(check('PENDING', true).problem?.code).toBe('ALREADY_REQUESTED');
    expect(check('PENDING', false).problem?.code).toBe('ALREADY_REQUESTED');
    expect(check('ACCEPTED', false).problem?.code).toBe('ALREADY_REQUESTED');
    expect(check('DECLINED', true).problem?.code).toBe('ALREADY_REQUESTED');
    expect(check('PENDING', true, at(-1))).toEqual({ problem: null, renew: true });
    expect(check('CANCELLED', true)).toEqual({ problem: null, renew: true });
    expect(check('EXPIRED', false)).toEqual({ problem: null, renew: false });
    expect(existingRequestProblem(null, now, ['to'])).toEqual({ problem: null, renew: false });
  });
});
