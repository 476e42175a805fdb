import { describe, expect, it } from 'vitest';
import { businessAgeRule, MIN_BUSINESS_AGE_MONTHS } from '../../../src/domain/readiness';
import { AS_OF, day, evaluate, lead } from './fixtures';

const foundedOn = (iso: string) => lead({ enterprise: { foundedOn: day(iso) } });

describe('BUSINESS_AGE_MIN_6_MONTHS (as of 2026-07-15)', () => {
  it('is six months', () => {
    expect(MIN_BUSINESS_AGE_MONTHS).toBe(6);
  });

  it.each([
    ['2026-02-15', 5, 'FAIL'],
    ['2026-01-16', 5, 'FAIL'], // one day short of the sixth month
    ['2026-01-15', 6, 'PASS'], // the sixth monthly anniversary
    ['2025-12-15', 7, 'PASS'],
  ])('founded %s: %i months, %s', (founded, months, outcome) => {
    expect(evaluate(businessAgeRule, foundedOn(founded))).toEqual({
      outcome,
      reason: `Business has run ${months} months; KUR needs at least 6 (usia usaha minimal 6 bulan).`,
    });
  });

  it('says "1 month" in the singular', () => {
    expect(evaluate(businessAgeRule, foundedOn('2026-06-15')).reason).toBe(
      'Business has run 1 month; KUR needs at least 6 (usia usaha minimal 6 bulan).',
    );
  });

  it('fails a founding date after the assessment date as 0 months', () => {
    expect(evaluate(businessAgeRule, foundedOn('2026-08-01'))).toMatchObject({
      outcome: 'FAIL',
      reason: expect.stringContaining('has run 0 months'),
    });
  });

  it('reads the age on the assessment date, not today', () => {
    const input = foundedOn('2026-01-15');
    expect(evaluate(businessAgeRule, input, day('2026-07-14')).outcome).toBe('FAIL');
    expect(evaluate(businessAgeRule, input, AS_OF).outcome).toBe('PASS');
  });
});
