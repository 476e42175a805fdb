import { describe, expect, it } from 'vitest';
import { type LeadCriteria, matchesLeadSearch, matchesSearch, type PostedOpportunity, type SearchCriteria, type ShownLead } from '../../src/domain/push/saved-search';

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

describe('matchesLeadSearch: on what the anonymised lead shows', () => {
  const none: LeadCriteria = { amountBands: [], purposes: [], sectors: [], districtCodes: [] };
  const lead: ShownLead = { amountBand: 'KUR_MIKRO', purpose: 'WORKING_CAPITAL', sector: 'BATIK', districtCode: '33.74.12' };
  it('an empty search matches any lead', () => expect(matchesLeadSearch(none, lead)).toBe(true));
  it('each criterion must hold', () => {
    expect(matchesLeadSearch({ ...none, amountBands: ['KUR_MIKRO', 'KUR_KECIL'], sectors: ['BATIK'], districtCodes: ['33.74.12'], purposes: ['WORKING_CAPITAL'] }, lead)).toBe(true);
    expect(matchesLeadSearch({ ...none, amountBands: ['KUR_KECIL'] }, lead)).toBe(false);
    expect(matchesLeadSearch({ ...none, purposes: ['EXPORT'] }, lead)).toBe(false);
    expect(matchesLeadSearch({ ...none, sectors: ['METAL'] }, lead)).toBe(false);
    expect(matchesLeadSearch({ ...none, districtCodes: ['33.74.01'] }, lead)).toBe(false);
  });
  it('a sector or kecamatan generalised away matches no search that names one, only one that names none', () => {
    const generalised = { ...lead, sector: null, districtCode: null };
    expect(matchesLeadSearch({ ...none, sectors: ['BATIK'] }, generalised)).toBe(false);
    expect(matchesLeadSearch({ ...none, districtCodes: ['33.74.12'] }, generalised)).toBe(false);
    expect(matchesLeadSearch({ ...none, amountBands: ['KUR_MIKRO'] }, generalised)).toBe(true);
  });
});
