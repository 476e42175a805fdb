import { describe, expect, it } from 'vitest';
import {
  compareMatches,
  DEFAULT_WEIGHTS,
  scoreEnterpriseForOpportunity,
  scoreEnterpriseForPartner,
  scorePartnerForEnterprise,
  withWeightOverride,
  type Match,
} from '../../../src/domain/matching';
import { JUTA } from '../../../src/domain/money';
import {
  AS_OF,
  enterprise,
  opportunity,
  partner,
  random,
  randomEnterprise,
  randomHistory,
  randomOpportunity,
  randomPartner,
} from './support';

const none = { DEAL: 0, FOLLOW_UP: 0, NO_INTEREST: 0 };
const factors = (m: Match) => m.components.map((c) => c.factor);

describe('scoring a pair', () => {
  it('scores a buyer on product, capacity and certifications, and explains every point', () => {
    const match = scoreEnterpriseForPartner(
      partner({ volumeMin: 100, requiredCertifications: ['BATIKMARK'] }),
      enterprise({ certifications: [{ kind: 'BATIKMARK', expiresOn: null }] }),
      { asOf: AS_OF },
    );
    expect(factors(match)).toEqual(['SECTOR', 'PRODUCT', 'CAPACITY', 'CERTIFICATION', 'DISTRICT', 'READINESS', 'FEEDBACK']);
    expect(match.id).toBe('e-batik');
    // 20 + 20 + 15 + 15 + 10 × 0.6 + 10 × 11/12 + 10 × 0.5 = 90.17 → 90
    expect(match.components.map((c) => c.points)).toEqual([20, 20, 15, 15, 6, 9, 5]);
    expect(match.score).toBe(90);
  });

  it('scores a funder on ticket size and readiness, a supplier on the supply chain', () => {
    const funder = partner({ kind: 'FUNDER', funderType: 'BANK', ticketMin: 10n * JUTA, ticketMax: 500n * JUTA });
    const supplier = partner({ kind: 'SUPPLIER', productCategories: ['malam-batik'] });
    expect(factors(scoreEnterpriseForPartner(funder, enterprise(), { asOf: AS_OF }))).toEqual([
      'TICKET_SIZE',
      'READINESS',
      'SECTOR',
      'DISTRICT',
      'FEEDBACK',
    ]);
    const supply = scoreEnterpriseForPartner(supplier, enterprise(), { asOf: AS_OF });
    expect(factors(supply)[0]).toBe('SUPPLY_CHAIN');
    expect(supply.components[0]).toMatchObject({ value: 1, points: 35 });
  });

  it('gives the same score from either side; only the ranked id differs', () => {
    const p = partner({ volumeMin: 500 });
    const e = enterprise();
    const forPartner = scoreEnterpriseForPartner(p, e, { asOf: AS_OF });
    const forEnterprise = scorePartnerForEnterprise(e, p, { asOf: AS_OF });
    expect(forEnterprise).toEqual({ ...forPartner, id: 'p-buyer' });
  });

  it('lowers the score of a pair that already met with no interest, and says so', () => {
    const p = partner();
    const e = enterprise();
    const fresh = scoreEnterpriseForPartner(p, e, { asOf: AS_OF });
    const refused = scoreEnterpriseForPartner(p, e, {
      asOf: AS_OF,
      history: { pair: { ...none, NO_INTEREST: 1 }, similar: none },
    });
    expect(refused.score).toBe(fresh.score - 5);
    const feedback = refused.components.find((c) => c.factor === 'FEEDBACK')!;
    expect(feedback).toMatchObject({ value: 0, points: 0 });
    expect(feedback.reason).toContain('already met and recorded no interest (NO_INTEREST)');
  });

  it('raises the score when similar pairs closed deals, and says so', () => {
    const boosted = scoreEnterpriseForPartner(partner(), enterprise(), {
      asOf: AS_OF,
      history: { pair: none, similar: { ...none, DEAL: 2 } },
    });
    const feedback = boosted.components.find((c) => c.factor === 'FEEDBACK')!;
    expect(feedback.points).toBe(7); // 10 × (0.5 + 0.5 × 2/5)
    expect(feedback.reason).toContain('2 similar pairs (batik IKM with buyers) closed deals at earlier forums');
  });

  it('applies a forum’s weights', () => {
    const weights = withWeightOverride({ DISTRICT: 60 });
    if (!weights.ok) throw new Error(weights.message);
    const outside = partner({ districtCodes: ['33.74.01'] });
    const plain = scoreEnterpriseForPartner(outside, enterprise(), { asOf: AS_OF });
    const local = scoreEnterpriseForPartner(outside, enterprise(), { asOf: AS_OF, weights: weights.value });
    expect(local.score).toBeLessThan(plain.score);
    expect(local.components.find((c) => c.factor === 'DISTRICT')!.weight).toBeCloseTo(60 / 150, 12);
  });
});

describe('scoring an IKM for an opportunity', () => {
  it('scores a buy request like a buyer, with its quantity and certifications', () => {
    const match = scoreEnterpriseForOpportunity(
      opportunity({ quantity: 400, unit: 'lembar', requiredCertifications: ['BATIKMARK'] }),
      enterprise(),
      { asOf: AS_OF },
    );
    expect(factors(match)).toEqual(factors(scoreEnterpriseForPartner(partner(), enterprise(), { asOf: AS_OF })));
    expect(match.components.find((c) => c.factor === 'CAPACITY')).toMatchObject({ value: 0.5, points: 8 });
    expect(match.components.find((c) => c.factor === 'CERTIFICATION')).toMatchObject({ value: 0, points: 0 });
  });

  it('scores a financing offer like a funder', () => {
    const match = scoreEnterpriseForOpportunity(
      opportunity({ kind: 'FINANCING_OFFER', amountMin: 10n * JUTA, amountMax: 100n * JUTA }),
      enterprise({ financingNeed: 100n * JUTA }),
      { asOf: AS_OF },
    );
    expect(match.components[0]).toMatchObject({ factor: 'TICKET_SIZE', value: 1, points: 30 });
  });

  it('refuses the kinds no IKM answers', () => {
    for (const kind of ['DISTRIBUTION_REQUEST', 'FINANCING_REQUEST'] as const) {
      expect(() => scoreEnterpriseForOpportunity(opportunity({ kind }), enterprise(), { asOf: AS_OF })).toThrow(RangeError);
    }
  });
});

describe('points always add up (seeded random pairs)', () => {
  const r = random(20261217);
  const overrides = [
    undefined,
    withWeightOverride({ DISTRICT: 33, FEEDBACK: 7 }),
    withWeightOverride({ SECTOR: 1, PRODUCT: 1, CAPACITY: 1, SUPPLY_CHAIN: 1, TICKET_SIZE: 1, READINESS: 1 }),
    withWeightOverride({ CERTIFICATION: 0, READINESS: 13.7 }),
  ].map((o) => (o === undefined ? undefined : o.ok ? o.value : undefined));

  /** The broken rules of one match; collected rather than asserted one by one, to keep the loop fast. */
  function problems(match: Match): string[] {
    const found: string[] = [];
    const points = match.components.reduce((a, c) => a + c.points, 0);
    const weights = match.components.reduce((a, c) => a + c.weight, 0);
    if (points !== match.score) found.push(`points add up to ${points}, not ${match.score}`);
    if (!Number.isInteger(match.score) || match.score < 0 || match.score > 100) found.push(`score ${match.score}`);
    if (Math.abs(weights - 1) > 1e-9) found.push(`weights add up to ${weights}`);
    for (const c of match.components) {
      const share = c.weight * c.value * 100;
      if (c.value < 0 || c.value > 1) found.push(`${c.factor} value ${c.value}`);
      if (!(c.weight > 0)) found.push(`${c.factor} listed with weight ${c.weight}`);
      if (c.points < Math.floor(share - 1e-6) || c.points > Math.ceil(share + 1e-6)) {
        found.push(`${c.factor} gets ${c.points} points for a share of ${share}`);
      }
      if (!/^[A-Z].*[.]$/.test(c.reason)) found.push(`${c.factor} reason "${c.reason}"`);
    }
    return found.map((f) => `${match.id}: ${f}`);
  }

  it('for 3000 enterprise–partner pairs, from both sides', () => {
    const found: string[] = [];
    const scores = new Set<number>();
    for (let i = 0; i < 3000; i += 1) {
      const e = randomEnterprise(r, `e-${i}`);
      const p = randomPartner(r, `p-${i}`);
      const weights = r.pick(overrides);
      const options = { asOf: AS_OF, history: randomHistory(r), ...(weights ? { weights } : {}) };
      const match = scoreEnterpriseForPartner(p, e, options);
      found.push(...problems(match));
      if (scorePartnerForEnterprise(e, p, options).score !== match.score) found.push(`${match.id}: asymmetric`);
      scores.add(match.score);
    }
    expect(found).toEqual([]);
    expect(scores.size).toBeGreaterThan(50); // the random pairs spread over the scale
  });

  it('for 3000 enterprise–opportunity pairs', () => {
    const found: string[] = [];
    for (let i = 0; i < 3000; i += 1) {
      const weights = r.pick(overrides);
      const match = scoreEnterpriseForOpportunity(randomOpportunity(r, `o-${i}`), randomEnterprise(r, `e-${i}`), {
        asOf: AS_OF,
        history: randomHistory(r),
        ...(weights ? { weights } : {}),
      });
      found.push(...problems(match));
    }
    expect(found).toEqual([]);
  });
});

describe('ordering', () => {
  const r = random(7);
  const matches: Match[] = Array.from({ length: 300 }, (_, i) => ({
    id: `e-${String(r.int(0, 999)).padStart(3, '0')}-${i}`,
    score: r.int(40, 50), // few distinct scores: many ties
    components: [],
  }));

  it('sorts by score descending, then id ascending, whatever the input order', () => {
    const sorted = [...matches].sort(compareMatches);
    const shuffled = [...matches].sort(() => r.next() - 0.5).sort(compareMatches);
    expect(shuffled).toEqual(sorted);
    for (let i = 1; i < sorted.length; i += 1) {
      const [a, b] = [sorted[i - 1]!, sorted[i]!];
      expect(a.score > b.score || (a.score === b.score && a.id < b.id)).toBe(true);
    }
  });

  it('pages by cursor without skipping or repeating a match', () => {
    const sorted = [...matches].sort(compareMatches);
    const pages: Match[] = [];
    let cursor: Match | null = null;
    for (;;) {
      const after: Match | null = cursor;
      const page = [...matches]
        .filter((m) => after === null || compareMatches(m, after) > 0)
        .sort(compareMatches)
        .slice(0, 20);
      if (page.length === 0) break;
      pages.push(...page);
      cursor = page[page.length - 1]!;
    }
    expect(pages).toEqual(sorted);
  });

  it('keeps real scores in a stable order', () => {
    const e = enterprise();
    const partners = ['p-c', 'p-a', 'p-b'].map((id) => partner({ id }));
    const ranked = partners.map((p) => scorePartnerForEnterprise(e, p, { asOf: AS_OF })).sort(compareMatches);
    expect(ranked.map((m) => m.id)).toEqual(['p-a', 'p-b', 'p-c']);
  });

  it('uses the default weights when none are given', () => {
    const match = scoreEnterpriseForPartner(partner(), enterprise(), { asOf: AS_OF });
    expect(match.components.map((c) => c.weight)).toEqual(Object.values(DEFAULT_WEIGHTS.BUYER));
  });
});
