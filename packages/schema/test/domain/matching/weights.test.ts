import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WEIGHT_POINTS,
  DEFAULT_WEIGHTS,
  scoreEnterpriseForPartner,
  withWeightOverride,
  type CounterpartRole,
  type WeightTable,
} from '../../../src/domain/matching';
import { AS_OF, enterprise, partner } from './support';

const ROLES: CounterpartRole[] = ['BUYER', 'SUPPLIER', 'DISTRIBUTOR', 'FUNDER'];
const sum = (values: object) => Object.values(values).reduce((a: number, b: number) => a + b, 0);

function table(result: ReturnType<typeof withWeightOverride>): WeightTable {
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe('default weights', () => {
  it.each(ROLES)('%s: points sum to 100 and weights to 1', (role) => {
    expect(sum(DEFAULT_WEIGHT_POINTS[role])).toBe(100);
    expect(sum(DEFAULT_WEIGHTS[role])).toBeCloseTo(1, 12);
  });

  it('weighs what each kind of partner cares about most', () => {
    expect(DEFAULT_WEIGHTS.FUNDER).toMatchObject({ TICKET_SIZE: 0.3, READINESS: 0.3 });
    expect(DEFAULT_WEIGHTS.SUPPLIER.SUPPLY_CHAIN).toBe(0.35);
    expect(Object.keys(DEFAULT_WEIGHTS.BUYER)).toEqual(
      expect.arrayContaining(['PRODUCT', 'CAPACITY', 'CERTIFICATION']),
    );
  });
});

describe('withWeightOverride (a forum’s weights)', () => {
  it('re-weights a factor for every role that scores it and renormalises', () => {
    const weights = table(withWeightOverride({ DISTRICT: 30 }));
    expect(weights.BUYER.DISTRICT).toBeCloseTo(30 / 120, 12);
    expect(weights.BUYER.SECTOR).toBeCloseTo(20 / 120, 12);
    expect(weights.FUNDER.DISTRICT).toBeCloseTo(30 / 115, 12);
    for (const role of ROLES) expect(sum(weights[role])).toBeCloseTo(1, 12);
  });

  it('leaves roles that do not score the factor alone', () => {
    const weights = table(withWeightOverride({ TICKET_SIZE: 50 }));
    expect(weights.BUYER).toEqual(DEFAULT_WEIGHTS.BUYER);
    expect(weights.FUNDER.TICKET_SIZE).toBeCloseTo(50 / 120, 12);
  });

  it('rejects a negative weight and names the factor', () => {
    expect(withWeightOverride({ FEEDBACK: -1 })).toEqual({
      ok: false,
      code: 'INVALID_WEIGHTS',
      factor: 'FEEDBACK',
      message: 'The weight of FEEDBACK must be a number of at least 0.',
    });
  });

  it('rejects weights that are not finite numbers and unknown factors', () => {
    expect(withWeightOverride({ SECTOR: Number.NaN })).toMatchObject({ ok: false, factor: 'SECTOR' });
    expect(withWeightOverride({ SECTOR: Number.POSITIVE_INFINITY })).toMatchObject({ ok: false, factor: 'SECTOR' });
    expect(withWeightOverride({ DISTRCT: 5 } as never)).toMatchObject({ ok: false, factor: 'DISTRCT' });
  });

  it('rejects an override that leaves a role nothing to score', () => {
    const result = withWeightOverride({ SUPPLY_CHAIN: 0, SECTOR: 0, DISTRICT: 0, READINESS: 0, FEEDBACK: 0 });
    expect(result).toMatchObject({ ok: false, factor: null });
    expect(!result.ok && result.message).toContain('a supplier nothing to score');
  });

  it('switches a factor off at weight 0: it is not listed and the rest fill 100', () => {
    const weights = table(withWeightOverride({ FEEDBACK: 0 }));
    const perfect = enterprise({ bookkeeping: 'AUDITED_STATEMENTS', districtCode: '33.74.01' });
    const match = scoreEnterpriseForPartner(partner(), perfect, { asOf: AS_OF, weights });
    expect(match.components.map((c) => c.factor)).not.toContain('FEEDBACK');
    expect(match.score).toBe(100);
  });
});
