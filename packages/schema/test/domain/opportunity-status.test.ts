import { describe, expect, it } from 'vitest';
import { hasLapsed, isOpportunityActive, opportunityStatus } from '../../src/domain/opportunity-status';

const validFrom = new Date('2026-11-01T00:00:00.000Z');
const validUntil = new Date('2026-11-30T16:59:59.999Z');
const at = (ms: number) => new Date(validUntil.getTime() + ms);

describe('opportunityStatus: EXPIRED is derived from validUntil at read time', () => {
  it('is OPEN exactly at validUntil (the last valid instant)', () => {
    expect(opportunityStatus({ status: 'OPEN', validUntil }, at(0))).toBe('OPEN');
    expect(hasLapsed(validUntil, at(0))).toBe(false);
  });

  it('is OPEN 1 ms before validUntil', () => {
    expect(opportunityStatus({ status: 'OPEN', validUntil }, at(-1))).toBe('OPEN');
  });

  it('is EXPIRED 1 ms after validUntil', () => {
    expect(opportunityStatus({ status: 'OPEN', validUntil }, at(1))).toBe('EXPIRED');
    expect(hasLapsed(validUntil, at(1))).toBe(true);
  });

  it.each(['CLOSED', 'FULFILLED'] as const)('keeps a stored %s after validUntil (closing wins over expiry)', (status) => {
    expect(opportunityStatus({ status, validUntil }, at(1))).toBe(status);
    expect(opportunityStatus({ status, validUntil }, at(-1))).toBe(status);
  });
});

describe('isOpportunityActive: OPEN and inside [validFrom, validUntil]', () => {
  const base = { status: 'OPEN' as const, validFrom, validUntil };

  it('is not active before validFrom, though its status is OPEN', () => {
    const now = new Date(validFrom.getTime() - 1);
    expect(opportunityStatus(base, now)).toBe('OPEN');
    expect(isOpportunityActive(base, now)).toBe(false);
  });

  it('is active exactly at validFrom and exactly at validUntil', () => {
    expect(isOpportunityActive(base, validFrom)).toBe(true);
    expect(isOpportunityActive(base, at(0))).toBe(true);
  });

  it('is not active 1 ms after validUntil (EXPIRED)', () => {
    expect(isOpportunityActive(base, at(1))).toBe(false);
  });

  it.each(['CLOSED', 'FULFILLED'] as const)('is never active when %s', (status) => {
    expect(isOpportunityActive({ ...base, status }, new Date('2026-11-15T00:00:00Z'))).toBe(false);
  });
});
