import { describe, expect, it } from 'vitest';
import { CurrentCredit as PrismaCurrentCredit } from '../../../src/generated/prisma/enums';
import { CONCURRENT_CREDIT_EXCEPTIONS, currentCreditRule, type CurrentCredit } from '../../../src/domain/readiness';
import { assess, evaluate, lead, outcomes } from './fixtures';

const holding = (currentCredit: CurrentCredit) => lead({ enterprise: { currentCredit } });

describe('NO_CURRENT_COMMERCIAL_CREDIT', () => {
  it('lists the concurrent credits the KUR guideline allows', () => {
    const listed = CONCURRENT_CREDIT_EXCEPTIONS.join(' | ');
    for (const term of ['KPR', 'KKB', 'kartu kredit', 'resi gudang', 'surat keputusan pensiun', 'keperluan rumah tangga']) {
      expect(listed).toContain(term);
    }
    expect(currentCreditRule.description).toContain(listed.split(' | ')[0]);
  });

  it('passes with no current credit', () => {
    expect(evaluate(currentCreditRule, holding('NONE'))).toEqual({ outcome: 'PASS', reason: 'No current credit is recorded.' });
  });

  it('passes consumer credit and names the exceptions', () => {
    const result = evaluate(currentCreditRule, holding('CONSUMER'));
    expect(result.outcome).toBe('PASS');
    expect(result.reason).toMatch(/^Current credit is consumer credit, which KUR allows alongside it while repayment is current \(kolektibilitas lancar\): home-ownership credit \(kredit pemilikan rumah, KPR\);/);
    for (const exception of CONCURRENT_CREDIT_EXCEPTIONS) expect(result.reason).toContain(exception);
  });

  it('fails a commercial productive loan: the lead is not eligible', () => {
    const result = evaluate(currentCreditRule, holding('COMMERCIAL_PRODUCTIVE'));
    expect(result.outcome).toBe('FAIL');
    expect(result.reason).toMatch(/^Current credit is a commercial working-capital or investment loan \(kredit produktif komersial\), which bars KUR;/);
    expect(assess(holding('COMMERCIAL_PRODUCTIVE'))).toMatchObject({ verdict: 'NOT_ELIGIBLE', scheme: null });
  });

  it('asks for the statement of an existing KUR instead of barring it', () => {
    expect(evaluate(currentCreditRule, holding('KUR'))).toEqual({
      outcome: 'MISSING_DOCUMENT',
      reason:
        'A KUR is already running; a further KUR is possible only from the same Penyalur KUR, with repayment current (kolektibilitas lancar) and within the scheme ceiling, so the statement of the existing KUR (bank, outstanding balance, collectibility) is needed.',
    });
    const result = assess(holding('KUR'));
    expect(result).toMatchObject({ verdict: 'NEEDS_DOCUMENTS', scheme: 'MIKRO' });
    expect(outcomes(result).NO_CURRENT_COMMERCIAL_CREDIT).toBe('MISSING_DOCUMENT');
  });

  it('handles every CurrentCredit value of the database enum', () => {
    for (const credit of Object.values(PrismaCurrentCredit)) {
      expect(['PASS', 'FAIL', 'MISSING_DOCUMENT']).toContain(evaluate(currentCreditRule, holding(credit)).outcome);
    }
  });
});
