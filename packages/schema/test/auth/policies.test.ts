import { describe, expect, it } from 'vitest';
import { SCOPE } from '../../src/auth/key-scopes';
import { allows, callingFunderOf, missingScope, policies, protectedAccessOf, requiredScopeOfPolicy } from '../../src/auth/policies';
import { ANONYMOUS, hasApiScope, type Viewer } from '../../src/auth/viewer';

const E = '0190aaaa-0000-7000-8000-00000000000e';
const P = '0190aaaa-0000-7000-8000-00000000000f';
const R = '0190aaaa-0000-7000-8000-000000003374';
const person = (v: Partial<Viewer>): Viewer => ({ ...ANONYMOUS, userId: 'u', role: 'ENTERPRISE', ...v });
const key = (scopes: string[], kind: 'FUNDER' | 'BUYER' = 'FUNDER'): Viewer => ({
  ...ANONYMOUS,
  apiKeyId: 'k',
  partner: { id: P, kind, funderType: kind === 'FUNDER' ? 'BANK' : null },
  scopes,
});

describe('apiScope: what a caller holds', () => {
  it('a signed-in person with no organisation holds no scope; anonymous holds none', () => {
    for (const scope of Object.values(SCOPE)) {
      expect(hasApiScope(person({}), scope)).toBe(false);
      expect(hasApiScope(ANONYMOUS, scope)).toBe(false);
    }
  });

  it("an enterprise's member holds opportunities and sessions, not partner or lead scopes", () => {
    const member = person({ enterpriseIds: [E] });
    expect(Object.values(SCOPE).filter((s) => hasApiScope(member, s))).toEqual(['opportunities:read', 'opportunities:write', 'sessions:write']);
  });

  it("a funder's person holds every scope; another partner's person all but the lead scopes; staff too, never the lead scopes", () => {
    const funder = person({ role: 'PARTNER', partner: { id: P, kind: 'FUNDER', funderType: 'BANK' } });
    const buyer = person({ role: 'PARTNER', partner: { id: P, kind: 'BUYER', funderType: null } });
    const officer = person({ role: 'OFFICER' });
    expect(Object.values(SCOPE).every((s) => hasApiScope(funder, s))).toBe(true);
    for (const viewer of [buyer, officer]) {
      expect(hasApiScope(viewer, SCOPE.LEADS_READ)).toBe(false);
      expect(hasApiScope(viewer, SCOPE.LEADS_WRITE)).toBe(false);
      expect(hasApiScope(viewer, SCOPE.SESSIONS_WRITE)).toBe(true);
    }
  });

  it('a key holds exactly the scopes it carries', () => {
    expect(hasApiScope(key(['leads:read']), SCOPE.LEADS_READ)).toBe(true);
    expect(hasApiScope(key(['leads:read']), SCOPE.LEADS_WRITE)).toBe(false);
    expect(hasApiScope(key([]), SCOPE.OPPORTUNITIES_READ)).toBe(false);
  });
});

describe('policies', () => {
  it('the calling funder is a FUNDER partner holding leads:read, person or key', () => {
    expect(callingFunderOf(key(['leads:read']))).toEqual({ id: P, funderType: 'BANK' });
    expect(callingFunderOf(key(['leads:write']))).toBeNull();
    expect(callingFunderOf(key(['leads:read'], 'BUYER'))).toBeNull();
    expect(callingFunderOf(person({ role: 'OFFICER' }))).toBeNull();
  });

  it("an enterprise's own people and the staff of its kabupaten/kota read its protected data without consent; a funder only under a consent covering the scope", () => {
    const funder = key(['leads:read']);
    const ikm = { id: E, regencyId: R };
    expect(protectedAccessOf(person({ enterpriseIds: [E] }), ikm, 'FINANCIALS', new Set())).toBe('OWN');
    expect(protectedAccessOf(person({ role: 'ADMIN' }), ikm, 'FINANCIALS', new Set())).toBe('OWN');
    expect(protectedAccessOf(person({ role: 'OFFICER', regencyId: R }), ikm, 'FINANCIALS', new Set())).toBe('OWN');
    expect(protectedAccessOf(person({ role: 'OFFICER', regencyId: 'other' }), ikm, 'FINANCIALS', new Set())).toBeNull();
    expect(protectedAccessOf(person({ role: 'OFFICER', regencyId: 'other' }), ikm, 'ANY', new Set())).toBeNull();
    expect(protectedAccessOf(funder, ikm, 'FINANCIALS', new Set(['FINANCIALS']))).toBe('CONSENT');
    expect(protectedAccessOf(funder, ikm, 'FINANCIALS', new Set(['NEEDS']))).toBeNull();
    expect(protectedAccessOf(funder, ikm, 'ANY', new Set(['NEEDS']))).toBe('CONSENT');
    expect(protectedAccessOf(funder, ikm, 'ANY', new Set())).toBeNull();
    expect(protectedAccessOf(person({ enterpriseIds: ['other'] }), ikm, 'PROFILE', new Set())).toBeNull();
  });

  it('staffOf: the provincial office reads every kabupaten/kota, a regional office its own, no one else any', () => {
    expect(allows(person({ role: 'OFFICER' }), { staffOf: R })).toBe(true);
    expect(allows(person({ role: 'OFFICER', regencyId: R }), { staffOf: R })).toBe(true);
    expect(allows(person({ role: 'OFFICER', regencyId: R }), { staffOf: 'other' })).toBe(false);
    expect(allows(person({ role: 'OFFICER', regencyId: R }), { staffOf: null })).toBe(false);
    expect(allows(person({ enterpriseIds: [E] }), { staffOf: R })).toBe(false);
    expect(missingScope(person({ role: 'OFFICER', regencyId: 'other' }), policies.enterpriseReaders(E, R))).toBe('staff of the kabupaten/kota or enterpriseMember');
  });

  it('an id that decodes to nothing admits staff only', () => {
    expect(allows(person({ role: 'OFFICER' }), policies.enterpriseOwnPeople(null))).toBe(true);
    expect(allows(person({ enterpriseIds: [E] }), policies.enterpriseOwnPeople(null))).toBe(false);
  });

  it("a partner's key acts for a participant only with sessions:write; its people always", () => {
    const participant = { enterpriseId: null, partnerId: P };
    expect(allows(key(['opportunities:read'], 'BUYER'), policies.participantOrStaff(participant))).toBe(false);
    expect(allows(key(['sessions:write'], 'BUYER'), policies.participantOrStaff(participant))).toBe(true);
    expect(allows(person({ role: 'PARTNER', partner: { id: P, kind: 'BUYER', funderType: null } }), policies.participantOrStaff(participant))).toBe(true);
  });

  it('requiredScope names the missing scope or role in words, never an id', () => {
    expect(missingScope(person({}), policies.enterpriseOwnPeople(E))).toBe('staff or enterpriseMember');
    expect(missingScope(key(['leads:read']), policies.funder(SCOPE.LEADS_WRITE))).toBe('LEADS_WRITE');
    expect(missingScope(person({}), { apiScope: SCOPE.SESSIONS_WRITE })).toBe('SESSIONS_WRITE');
    expect(missingScope(person({ role: 'OFFICER' }), policies.staff)).toBeNull();
    expect(requiredScopeOfPolicy(policies.staffOrPartnerActing(P, SCOPE.PARTNER_PROFILE_WRITE))).toBe('staff or (partnerMember and PARTNER_PROFILE_WRITE)');
    expect(requiredScopeOfPolicy(policies.funder(SCOPE.LEADS_READ))).toBe('partnerKind:FUNDER and LEADS_READ');
    expect(JSON.stringify(requiredScopeOfPolicy(policies.participantOrStaff({ enterpriseId: E, partnerId: P })))).not.toContain(E);
  });
});
