import { describe, expect, it } from 'vitest';
import { type Audience, mayReceive, PRIVATE, type Receiver } from '../../src/domain/push/audience';

const E = '0190a000-0000-7000-8000-00000000000e';
const P = '0190a000-0000-7000-8000-00000000000p';
const nobody: Receiver = { partnerId: null, funderType: null, enterpriseIds: [], consented: () => false };
const at = (a: Partial<Audience>): Audience => ({ ...PRIVATE, ...a });

describe('mayReceive', () => {
  it('public events reach everyone; private ones nobody outside the audience', () => {
    expect(mayReceive(nobody, at({ public: true }))).toBe(true);
    expect(mayReceive(nobody, PRIVATE)).toBe(false);
  });
  it('a named partner or enterprise receives; another does not', () => {
    expect(mayReceive({ ...nobody, partnerId: P }, at({ partnerIds: [P] }))).toBe(true);
    expect(mayReceive({ ...nobody, partnerId: 'other' }, at({ partnerIds: [P] }))).toBe(false);
    expect(mayReceive({ ...nobody, enterpriseIds: ['x', E] }, at({ enterpriseIds: [E] }))).toBe(true);
    expect(mayReceive({ ...nobody, enterpriseIds: ['x'] }, at({ enterpriseIds: [E] }))).toBe(false);
  });
  it('a funder subtype receives only its own subtype', () => {
    expect(mayReceive({ ...nobody, partnerId: P, funderType: 'BANK' }, at({ funderType: 'BANK' }))).toBe(true);
    expect(mayReceive({ ...nobody, partnerId: P, funderType: 'BPR' }, at({ funderType: 'BANK' }))).toBe(false);
  });
  it('a consent-gated event needs an active consent of that enterprise for that scope', () => {
    const gated = at({ consentEnterpriseId: E, consentScope: 'NEEDS' });
    const holds = (scope: string) => ({ ...nobody, partnerId: P, consented: (e: string, s: string) => e === E && s === scope });
    expect(mayReceive(holds('NEEDS'), gated)).toBe(true);
    expect(mayReceive(holds('FINANCIALS'), gated)).toBe(false);
    expect(mayReceive(nobody, gated)).toBe(false);
  });
});

describe('mayReceive: people and staff', () => {
  const U = '0190a000-0000-7000-8000-0000000000aa';
  it('a person named in the audience receives, another person does not; staff only when the event is for staff', () => {
    expect(mayReceive({ ...nobody, userId: U }, at({ userIds: [U] }))).toBe(true);
    expect(mayReceive({ ...nobody, userId: 'other' }, at({ userIds: [U] }))).toBe(false);
    expect(mayReceive(nobody, at({ userIds: [U] }))).toBe(false);
    expect(mayReceive({ ...nobody, staff: true }, at({ staff: true }))).toBe(true);
    expect(mayReceive({ ...nobody, staff: true }, at({ enterpriseIds: [E] }))).toBe(false);
    expect(mayReceive({ ...nobody, staff: false }, at({ staff: true }))).toBe(false);
  });
});
