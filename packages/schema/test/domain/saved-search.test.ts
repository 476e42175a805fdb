import { describe, expect, it } from 'vitest';
import { matchesSearch, type PostedOpportunity, type SearchCriteria } from '../../src/domain/push/saved-search';

const any: SearchCriteria = { kinds: [], productCategories: [], districtCodes: [], amountMin: null, amountMax: null };
const offer: PostedOpportunity = { kind: 'SELL_OFFER', productCategory: 'batik-tulis', districtCodes: ['33.74.12'], amountMin: 10_000_000n, amountMax: 20_000_000n };

describe('matchesSearch', () => {
  it('an empty search matches everything', () => expect(matchesSearch(any, offer)).toBe(true));
  it('kind and category must be among those saved', () => {
    expect(matchesSearch({ ...any, kinds: ['SELL_OFFER'] }, offer)).toBe(true);
    expect(matchesSearch({ ...any, kinds: ['BUY_REQUEST'] }, offer)).toBe(false);
    expect(matchesSearch({ ...any, productCategories: ['batik-tulis'] }, offer)).toBe(true);
    expect(matchesSearch({ ...any, productCategories: ['batik-cap'] }, offer)).toBe(false);
    expect(matchesSearch({ ...any, productCategories: ['batik-cap'] }, { ...offer, productCategory: null })).toBe(false);
  });
  it('kecamatan: shared, or the whole city', () => {
    expect(matchesSearch({ ...any, districtCodes: ['33.74.12', '33.74.01'] }, offer)).toBe(true);
    expect(matchesSearch({ ...any, districtCodes: ['33.74.01'] }, offer)).toBe(false);
    expect(matchesSearch({ ...any, districtCodes: ['33.74.01'] }, { ...offer, districtCodes: [] })).toBe(true);
  });
  it('amount ranges overlap at their boundaries, not beyond', () => {
    expect(matchesSearch({ ...any, amountMin: 20_000_000n }, offer)).toBe(true);
    expect(matchesSearch({ ...any, amountMin: 20_000_001n }, offer)).toBe(false);
    expect(matchesSearch({ ...any, amountMax: 10_000_000n }, offer)).toBe(true);
    expect(matchesSearch({ ...any, amountMax: 9_999_999n }, offer)).toBe(false);
    expect(matchesSearch({ ...any, amountMin: 1n, amountMax: 2n }, { ...offer, amountMin: null, amountMax: null })).toBe(true);
    expect(matchesSearch({ ...any, amountMin: 15_000_000n }, { ...offer, amountMax: null })).toBe(false);
  });
});
