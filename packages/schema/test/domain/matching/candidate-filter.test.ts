import { describe, expect, it } from 'vitest';
import {
  askOfOpportunity,
  askOfPartner,
  enterpriseCandidatesForOpportunity,
  enterpriseCandidatesForPartner,
  partnerCandidatesForEnterprise,
  scoreEnterpriseForOpportunity,
  scoreEnterpriseForPartner,
  SECTOR_LEVEL,
  type CounterpartAsk,
  type CounterpartProfile,
  type EnterpriseCandidateFilter,
  type EnterpriseProfile,
  type Match,
  type PartnerCandidateFilter,
} from '../../../src/domain/matching';
import { regencyCodeOf } from '../../../src/domain/regions';
import { AS_OF, enterprise, opportunity, partner, random, randomEnterprise, randomOpportunity, randomPartner } from './support';

/** The filters' documented semantics in JS, as the SQL the GraphQL layer writes must behave. */
function enterprisePasses(f: EnterpriseCandidateFilter, e: EnterpriseProfile): boolean {
  if (f.excludeEnterpriseId === e.id) return false;
  if (f.districtCodeIn !== null && !f.districtCodeIn.includes(e.districtCode)) return false;
  if (f.regencyCodeIn !== null && !f.regencyCodeIn.includes(regencyCodeOf(e.districtCode))) return false;
  if (f.fit === null) return true;
  const { sectorIn, kbliStartsWithAny, productCategoryIn } = f.fit;
  return (
    sectorIn.includes(e.sector) ||
    e.kbliCodes.some((k) => kbliStartsWithAny.some((p) => k.code.startsWith(p))) ||
    e.products.some((p) => productCategoryIn.includes(p.category))
  );
}

function partnerPasses(f: PartnerCandidateFilter, p: CounterpartProfile): boolean {
  if (f.kindIn !== null && !f.kindIn.includes(p.kind)) return false;
  if (p.districtCodes.length > 0 && !p.districtCodes.includes(f.servesDistrictCode)) return false;
  if (p.regencyCodes.length > 0 && !p.regencyCodes.includes(f.servesRegencyCode)) return false;
  if (p.sectors.length + p.kbliPrefixes.length + p.productCategories.length === 0) return true;
  const { sectorsContain, kbliPrefixGroupIn, soughtCategoriesOverlap, suppliedCategoriesOverlap } = f.fit;
  const categories = p.kind === 'SUPPLIER' ? suppliedCategoriesOverlap : soughtCategoriesOverlap;
  return (
    p.sectors.includes(sectorsContain) ||
    p.kbliPrefixes.some((prefix) => kbliPrefixGroupIn.includes(prefix.slice(0, 2))) ||
    p.productCategories.some((c) => categories.includes(c))
  );
}

/** The claim of candidate-filter.ts: outside the set, the fit components the counterpart states are (near) zero. */
function leaks(match: Match, ask: CounterpartAsk): string[] {
  const value = (factor: string) => match.components.find((c) => c.factor === factor)?.value;
  if (value('DISTRICT') === 0) return [];
  const found: string[] = [];
  const stated = (n: number) => n > 0;
  const sector = value('SECTOR');
  if (stated(ask.sectors.length + ask.kbliPrefixes.length) && sector !== undefined && sector > SECTOR_LEVEL.KATEGORI_C) {
    found.push(`SECTOR ${sector}`);
  }
  if (stated(ask.productCategories.length) && (value('PRODUCT') ?? 0) > 0) found.push('PRODUCT');
  if (stated(ask.productCategories.length) && ask.volume !== null && (value('CAPACITY') ?? 0) > 0) found.push('CAPACITY');
  if ((value('SUPPLY_CHAIN') ?? 0) > 0) found.push('SUPPLY_CHAIN');
  return found.map((f) => `${match.id}: ${f} is not zero outside the candidate set`);
}

describe('enterprise candidates for a partner', () => {
  it('describes the sectors, KBLI groups, categories and served kecamatan', () => {
    const filter = enterpriseCandidatesForPartner(
      partner({ sectors: ['BATIK'], kbliPrefixes: ['13134', '1411'], productCategories: ['batik-tulis'], districtCodes: ['33.74.12'] }),
    );
    expect(filter).toEqual({
      status: 'ACTIVE',
      excludeEnterpriseId: null,
      districtCodeIn: ['33.74.12'],
      regencyCodeIn: null,
      fit: { sectorIn: ['BATIK'], kbliStartsWithAny: ['13', '14'], productCategoryIn: ['batik-tulis'] },
    });
  });

  it('keeps a partner serving named kabupaten/kota to IKM inside them, and IKM outside away from it', () => {
    const demakOnly = partner({ regencyCodes: ['33.21'] });
    expect(enterpriseCandidatesForPartner(demakOnly).regencyCodeIn).toEqual(['33.21']);
    expect(enterpriseCandidatesForPartner(partner()).regencyCodeIn).toBeNull();
    const inSemarang = partnerCandidatesForEnterprise(enterprise({ districtCode: '33.74.12' }));
    expect(inSemarang.servesRegencyCode).toBe('33.74');
    expect(partnerPasses(inSemarang, demakOnly)).toBe(false);
    expect(partnerPasses(partnerCandidatesForEnterprise(enterprise({ districtCode: '33.21.01' })), demakOnly)).toBe(true);
  });

  it('adds the industries a supplier’s goods feed, and not its goods as products', () => {
    const filter = enterpriseCandidatesForPartner(
      partner({ kind: 'SUPPLIER', sectors: [], kbliPrefixes: [], productCategories: ['plat-besi'] }),
    );
    expect(filter.fit).toEqual({ sectorIn: [], kbliStartsWithAny: ['25', '28'], productCategoryIn: [] });
  });

  it('is open to every IKM of the city when the partner states nothing', () => {
    const filter = enterpriseCandidatesForPartner(
      partner({ kind: 'FUNDER', sectors: [], kbliPrefixes: [], productCategories: [], districtCodes: [] }),
    );
    expect(filter).toMatchObject({ districtCodeIn: null, fit: null });
  });

  it('keeps the poster of an opportunity out of its own candidates', () => {
    const filter = enterpriseCandidatesForOpportunity(
      opportunity({ kind: 'SUPPLY_REQUEST', poster: { enterpriseId: 'e-poster', districtCode: null, sentraId: null } }),
    );
    expect(filter.excludeEnterpriseId).toBe('e-poster');
  });
});

describe('partner candidates for an enterprise', () => {
  it('describes the sector, KBLI groups, products and the inputs of its industry', () => {
    const filter = partnerCandidatesForEnterprise(enterprise(), ['SUPPLIER']);
    expect(filter).toMatchObject({
      status: 'ACTIVE',
      kindIn: ['SUPPLIER'],
      servesDistrictCode: '33.74.12',
      servesRegencyCode: '33.74',
      fit: { sectorsContain: 'BATIK', kbliPrefixGroupIn: ['13'], soughtCategoriesOverlap: ['batik-tulis'] },
    });
    expect(filter.fit.suppliedCategoriesOverlap).toEqual(
      expect.arrayContaining(['kain-mori', 'malam-batik', 'kayu-pewarna', 'pewarna-sintetis']),
    );
    expect(filter.fit.suppliedCategoriesOverlap).not.toContain('plat-besi');
  });
});

describe('the pre-filter loses no match (seeded random pairs)', () => {
  const r = random(33_74);

  it('outside the set, every stated fit component is zero or at its floor', () => {
    const found: string[] = [];
    let outside = 0;
    for (let i = 0; i < 3000; i += 1) {
      const e = randomEnterprise(r, `e-${i}`);
      const p = randomPartner(r, `p-${i}`);
      if (!enterprisePasses(enterpriseCandidatesForPartner(p), e)) {
        outside += 1;
        found.push(...leaks(scoreEnterpriseForPartner(p, e, { asOf: AS_OF }), askOfPartner(p)));
      }
      const o = randomOpportunity(r, `o-${i}`);
      if (!enterprisePasses(enterpriseCandidatesForOpportunity(o), e) && o.poster.enterpriseId !== e.id) {
        outside += 1;
        found.push(...leaks(scoreEnterpriseForOpportunity(o, e, { asOf: AS_OF }), askOfOpportunity(o)));
      }
    }
    expect(found).toEqual([]);
    expect(outside).toBeGreaterThan(500); // the property was exercised
  });

  it('the two filters agree: an IKM is a candidate for a partner exactly when the partner is one for the IKM', () => {
    const disagreements: string[] = [];
    for (let i = 0; i < 3000; i += 1) {
      const e = randomEnterprise(r, `e-${i}`);
      const p = randomPartner(r, `p-${i}`);
      const one = enterprisePasses(enterpriseCandidatesForPartner(p), e);
      const other = partnerPasses(partnerCandidatesForEnterprise(e), p);
      if (one !== other) disagreements.push(`${e.id} × ${p.id}: ${one} vs ${other}`);
    }
    expect(disagreements).toEqual([]);
  });
});
