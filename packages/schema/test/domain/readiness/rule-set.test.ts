import { describe, expect, it } from 'vitest';
import {
  assessReadiness,
  KUR_2026_1,
  NoRuleSetInForceError,
  RULE_SETS,
  ruleSetInForce,
  type RuleSet,
} from '../../../src/domain/readiness';
import { day, lead } from './fixtures';

describe('rule set registry', () => {
  it('lists sets oldest first, each version once, each date a real YYYY-MM-DD', () => {
    const dates = RULE_SETS.map((set) => set.effectiveFrom);
    expect(dates).toEqual([...dates].sort());
    expect(new Set(RULE_SETS.map((set) => set.version)).size).toBe(RULE_SETS.length);
    for (const date of dates) expect(day(date).toISOString().slice(0, 10)).toBe(date);
  });

  it.each(RULE_SETS.map((set) => [set.version, set] as const))('%s: unique rule ids, each described and cited', (_, set) => {
    const ids = set.rules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of set.rules) {
      expect(rule.id).toMatch(/^[A-Z0-9_]+$/);
      expect(rule.description.length).toBeGreaterThan(40);
      expect(rule.source.length).toBeGreaterThan(20);
    }
  });

  it('starts with Permenko Perekonomian 1/2026, version 2026.1, from 2026-01-01', () => {
    expect(RULE_SETS[0]).toBe(KUR_2026_1);
    expect(KUR_2026_1).toMatchObject({
      version: '2026.1',
      effectiveFrom: '2026-01-01',
      source: 'Permenko Perekonomian No. 1 Tahun 2026 tentang Pedoman Pelaksanaan Kredit Usaha Rakyat',
    });
  });
});

describe('ruleSetInForce', () => {
  it('applies 2026.1 from its first day', () => {
    expect(ruleSetInForce(day('2026-01-01'))).toBe(KUR_2026_1);
    expect(ruleSetInForce(day('2030-06-30'))).toBe(KUR_2026_1);
  });

  // Decision: no fallback to the earliest set. Before 2026 KUR ran under Permenko 1/2022 as
  // amended, and judging a 2025 lead by 2026 rules would misstate the law of that time.
  it('throws for the day before the first rule set, to the last millisecond of that UTC day', () => {
    for (const asOf of [day('2025-12-31'), new Date('2025-12-31T23:59:59.999Z')]) {
      expect(() => ruleSetInForce(asOf)).toThrow(NoRuleSetInForceError);
    }
    expect(() => assessReadiness(lead(), { asOf: day('2025-12-31') })).toThrow(
      'No KUR readiness rule set is in force on 2025-12-31; the earliest takes effect on 2026-01-01.',
    );
  });

  it('carries a code and the dates on the error', () => {
    try {
      ruleSetInForce(day('2025-12-31'));
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'READINESS_RULES_NOT_IN_FORCE', asOf: '2025-12-31', earliest: '2026-01-01' });
    }
  });

  it('switches to a later version on its effectiveFrom, keeping the earlier one for dates before it', () => {
    const later: RuleSet = { ...KUR_2026_1, version: '2027.1', effectiveFrom: '2027-01-01', source: 'a later regulation' };
    const registry = [KUR_2026_1, later];
    expect(ruleSetInForce(day('2026-12-31'), registry)).toBe(KUR_2026_1);
    expect(ruleSetInForce(day('2027-01-01'), registry)).toBe(later);
  });
});
