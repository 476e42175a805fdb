import { describe, expect, it } from 'vitest';
import {
  activeScopes,
  checkGrantRequest,
  type ConsentGrant,
  consentAllows,
  consentStatus,
  grantNamesFunder,
  isConsentActive,
  MAX_CONSENT_DAYS,
} from '../../../src/domain/consent';

const at = (iso: string) => new Date(iso);
const NOW = at('2026-11-27T02:00:00.000Z');
const MS = 1;
const DAY = 86_400_000;

const BRI = { id: 'bri', funderType: 'BANK' as const };
const MANDIRI = { id: 'mandiri', funderType: 'BANK' as const };
const BPR = { id: 'bpr', funderType: 'BPR' as const };
const UNTYPED = { id: 'untyped', funderType: null };

function grant(changes: Partial<ConsentGrant> = {}): ConsentGrant {
  return {
    enterpriseId: 'ikm-1',
    funderId: 'bri',
    funderType: null,
    scopes: ['FINANCIALS', 'NEEDS'],
    grantedAt: at('2026-10-01T00:00:00.000Z'),
    expiresAt: at('2027-10-01T00:00:00.000Z'),
    revokedAt: null,
    ...changes,
  };
}

describe('consentStatus', () => {
  it('is ACTIVE between grant (inclusive) and expiry (exclusive)', () => {
    const g = grant();
    expect(consentStatus(g, g.grantedAt)).toBe('ACTIVE');
    expect(consentStatus(g, new Date(g.expiresAt.getTime() - MS))).toBe('ACTIVE');
    expect(consentStatus(g, g.expiresAt)).toBe('EXPIRED');
    expect(consentStatus(g, new Date(g.grantedAt.getTime() - MS))).toBe('NOT_YET_VALID');
  });

  it('is REVOKED from the instant of revocation on, not before', () => {
    const revokedAt = at('2026-11-01T00:00:00.000Z');
    const g = grant({ revokedAt });
    expect(consentStatus(g, new Date(revokedAt.getTime() - MS))).toBe('ACTIVE');
    expect(consentStatus(g, revokedAt)).toBe('REVOKED');
    expect(isConsentActive(g, NOW)).toBe(false);
  });

  it('reports a revoked grant as REVOKED even after it would have expired', () => {
    expect(consentStatus(grant({ revokedAt: at('2026-11-01T00:00:00Z') }), at('2028-01-01T00:00:00Z'))).toBe('REVOKED');
  });
});

describe('grantNamesFunder', () => {
  it('names one funder by id and no other, whatever its type', () => {
    expect(grantNamesFunder(grant(), BRI)).toBe(true);
    expect(grantNamesFunder(grant(), MANDIRI)).toBe(false);
  });

  it('a funder-type grant names every funder of that subtype and no other', () => {
    const toBanks = grant({ funderId: null, funderType: 'BANK' });
    expect(grantNamesFunder(toBanks, BRI)).toBe(true);
    expect(grantNamesFunder(toBanks, MANDIRI)).toBe(true);
    expect(grantNamesFunder(toBanks, BPR)).toBe(false);
    expect(grantNamesFunder(toBanks, UNTYPED)).toBe(false);
  });

  it('a grant naming nobody names nobody', () => {
    expect(grantNamesFunder(grant({ funderId: null, funderType: null }), UNTYPED)).toBe(false);
  });
});

describe('activeScopes / consentAllows', () => {
  it('unites the scopes of every active grant that names the funder, for that enterprise only', () => {
    const grants = [
      grant({ scopes: ['FINANCIALS'] }),
      grant({ funderId: null, funderType: 'BANK', scopes: ['PROFILE'] }),
      grant({ scopes: ['NEEDS'], expiresAt: at('2026-11-01T00:00:00Z') }), // expired
      grant({ scopes: ['DOCUMENTS'], revokedAt: at('2026-11-02T00:00:00Z') }), // revoked
      grant({ enterpriseId: 'ikm-2', scopes: ['NEEDS'] }), // another enterprise
      grant({ funderId: 'bpr', scopes: ['NEEDS'] }), // another funder
    ];
    expect([...activeScopes(grants, { enterpriseId: 'ikm-1', funder: BRI, at: NOW })].sort()).toEqual(['FINANCIALS', 'PROFILE']);
    expect([...activeScopes(grants, { enterpriseId: 'ikm-1', funder: MANDIRI, at: NOW })]).toEqual(['PROFILE']);
    expect([...activeScopes(grants, { enterpriseId: 'ikm-1', funder: BPR, at: NOW })]).toEqual(['NEEDS']);
    expect(consentAllows(grants, { enterpriseId: 'ikm-1', funder: BRI, scope: 'NEEDS', at: NOW })).toBe(false);
    expect(consentAllows(grants, { enterpriseId: 'ikm-1', funder: BRI, scope: 'FINANCIALS', at: NOW })).toBe(true);
  });

  it('allows nothing without grants', () => {
    expect(activeScopes([], { enterpriseId: 'ikm-1', funder: BRI, at: NOW }).size).toBe(0);
  });
});

describe('checkGrantRequest', () => {
  const ok = { funderId: 'bri', funderType: null, scopes: ['NEEDS'] as const, expiresAt: new Date(NOW.getTime() + 30 * DAY) };

  it('accepts one funder, scopes and an expiry within a year', () => {
    expect(checkGrantRequest(ok, NOW)).toEqual([]);
    expect(checkGrantRequest({ ...ok, funderId: null, funderType: 'BPR' }, NOW)).toEqual([]);
    expect(checkGrantRequest({ ...ok, expiresAt: new Date(NOW.getTime() + MAX_CONSENT_DAYS * DAY) }, NOW)).toEqual([]);
  });

  it('needs exactly one recipient', () => {
    expect(checkGrantRequest({ ...ok, funderId: null }, NOW).map((p) => [p.field, p.code])).toEqual([[['funderId'], 'REQUIRED']]);
    expect(checkGrantRequest({ ...ok, funderType: 'BANK' }, NOW).map((p) => [p.field, p.code])).toEqual([[['funderType'], 'INVALID_VALUE']]);
  });

  it('needs scopes, each once', () => {
    expect(checkGrantRequest({ ...ok, scopes: [] }, NOW).map((p) => p.code)).toEqual(['REQUIRED']);
    expect(checkGrantRequest({ ...ok, scopes: ['NEEDS', 'NEEDS'] }, NOW).map((p) => p.code)).toEqual(['INVALID_VALUE']);
  });

  it('needs an expiry after now and at most a year ahead', () => {
    expect(checkGrantRequest({ ...ok, expiresAt: NOW }, NOW).map((p) => [p.field, p.code])).toEqual([[['expiresAt'], 'IN_PAST']]);
    expect(
      checkGrantRequest({ ...ok, expiresAt: new Date(NOW.getTime() + MAX_CONSENT_DAYS * DAY + 1) }, NOW).map((p) => [p.field, p.code]),
    ).toEqual([[['expiresAt'], 'INVALID_VALUE']]);
  });
});
