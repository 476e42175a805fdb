import { describe, expect, it } from 'vitest';
import {
  askOfOpportunity,
  askOfPartner,
  DISTRICT_LEVEL,
  NO_HISTORY,
  SECTOR_LEVEL,
  SUPPLY_LEVEL,
  type CounterpartProfile,
  type EnterpriseProfile,
  type OpportunityProfile,
  type PairHistory,
} from '../../../src/domain/matching';
import {
  capacityFit,
  certificationFit,
  type Component,
  districtFit,
  feedbackFit,
  productFit,
  readinessFit,
  sectorFit,
  supplyChainFit,
  ticketFit,
} from '../../../src/domain/matching/components';
import { JUTA } from '../../../src/domain/money';
import { AS_OF, day, enterprise, opportunity, partner } from './support';

function run(
  component: Component,
  e: Partial<EnterpriseProfile>,
  p: Partial<CounterpartProfile>,
  history: PairHistory = NO_HISTORY,
) {
  return component(enterprise(e), askOfPartner(partner(p)), { asOf: AS_OF, history });
}

function runOpportunity(component: Component, e: Partial<EnterpriseProfile>, o: Partial<OpportunityProfile>) {
  return component(enterprise(e), askOfOpportunity(opportunity(o)), { asOf: AS_OF, history: NO_HISTORY });
}

describe('sector/KBLI fit', () => {
  const weaving = { sector: 'TEXTILE' as const, kbliCodes: [{ code: '13121', isPrimary: true }] };

  it('gives full credit for exactly the code sought', () => {
    const fit = run(sectorFit, {}, { kbliPrefixes: ['13134'] });
    expect(fit).toMatchObject({ factor: 'SECTOR', value: SECTOR_LEVEL.SOUGHT });
    expect(fit.reason).toBe('KBLI 13134 is exactly the code the buyer seeks, in group 13 (Industri tekstil).');
  });

  it('gives full credit for a code under a sought prefix', () => {
    const fit = run(sectorFit, {}, { sectors: [], kbliPrefixes: ['13'] });
    expect(fit.value).toBe(SECTOR_LEVEL.SOUGHT);
    expect(fit.reason).toContain('falls under prefix 13');
  });

  it('ranks near fits by how deep the codes agree: subgolongan > golongan > golongan pokok', () => {
    const sub = run(sectorFit, weaving, { sectors: [], kbliPrefixes: ['13122'] });
    const gol = run(sectorFit, weaving, { sectors: [], kbliPrefixes: ['13134'] });
    const pokok = run(sectorFit, weaving, { sectors: [], kbliPrefixes: ['1392'] });
    expect([sub.value, gol.value, pokok.value]).toEqual([
      SECTOR_LEVEL.SUBGOLONGAN,
      SECTOR_LEVEL.GOLONGAN,
      SECTOR_LEVEL.GOLONGAN_POKOK,
    ]);
    expect(sub.reason).toContain('subgolongan 1312');
    expect(gol.reason).toContain('golongan 131 ');
    expect(pokok.reason).toMatch(/^Same KBLI group 13 \(Industri tekstil\) as 1392/);
  });

  it('gives the sector alone less than a KBLI match when KBLI are listed, full credit when not', () => {
    const food = { sector: 'FOOD_BEVERAGE' as const, kbliCodes: [{ code: '21022', isPrimary: true }] };
    const listed = run(sectorFit, food, { sectors: ['FOOD_BEVERAGE'], kbliPrefixes: ['1071'] });
    expect(listed.value).toBe(SECTOR_LEVEL.SECTOR);
    expect(listed.reason).toContain('seeks the food and beverage (makanan dan minuman) sector, though not KBLI 21022');
    expect(run(sectorFit, food, { sectors: ['FOOD_BEVERAGE'], kbliPrefixes: [] }).value).toBe(SECTOR_LEVEL.SOUGHT);
  });

  it('falls to the kategori C floor when only manufacturing is shared', () => {
    const fit = run(sectorFit, {}, { sectors: ['METAL'], kbliPrefixes: ['25'] });
    expect(fit.value).toBe(SECTOR_LEVEL.KATEGORI_C);
    expect(fit.reason).toContain('Both are in manufacturing (kategori C');
  });

  it('is open when the counterpart names no sector or KBLI, and zero for an IKM with no code', () => {
    expect(run(sectorFit, {}, { sectors: [], kbliPrefixes: [] }).value).toBe(1);
    expect(run(sectorFit, { kbliCodes: [] }, { sectors: ['METAL'], kbliPrefixes: ['25'] }).value).toBe(0);
  });

  it('names the primary code when several codes fit equally', () => {
    const fit = run(
      sectorFit,
      { kbliCodes: [{ code: '13121', isPrimary: false }, { code: '13134', isPrimary: true }] },
      { sectors: [], kbliPrefixes: ['13'] },
    );
    expect(fit.reason).toContain('KBLI 13134');
  });
});

describe('product-category fit', () => {
  it('credits a category the buyer seeks and names it', () => {
    const fit = run(productFit, {}, { productCategories: ['batik-tulis', 'ecoprint'] });
    expect(fit).toMatchObject({ value: 1, reason: 'Makes batik tulis, which the buyer seeks.' });
  });

  it('gives nothing for no overlap and says what each side has', () => {
    const fit = run(productFit, {}, { productCategories: ['olahan-ikan'] });
    expect(fit.value).toBe(0);
    expect(fit.reason).toBe('Makes none of the categories the buyer seeks (olahan ikan); it makes batik tulis.');
  });

  it('is open when no category is named', () => {
    expect(run(productFit, {}, { productCategories: [] }).value).toBe(1);
  });
});

describe('capacity against volume', () => {
  it('gives full credit when monthly capacity exactly equals the volume', () => {
    const fit = run(capacityFit, {}, { volumeMin: 200, volumeMax: 1500 });
    expect(fit.value).toBe(1);
    expect(fit.reason).toBe(
      "Monthly capacity (kapasitas produksi) of 200 lembar of batik tulis meets the buyer's minimum of 200 a month (it takes up to 1.500).",
    );
  });

  it('gives proportional credit one unit below, with both numbers', () => {
    const fit = run(capacityFit, { products: [{ category: 'batik-tulis', monthlyCapacity: 199, unit: 'lembar' }] }, { volumeMin: 200 });
    expect(fit.value).toBeCloseTo(0.995, 10);
    expect(fit.reason).toBe(
      "Monthly capacity (kapasitas produksi) of 199 lembar of batik tulis covers 99% of the buyer's minimum of 200 a month.",
    );
  });

  it('adds products of the sought categories in one unit only', () => {
    const products = [
      { category: 'batik-tulis', monthlyCapacity: 150, unit: 'lembar' },
      { category: 'batik-cap', monthlyCapacity: 100, unit: 'Lembar' },
      { category: 'batik-cap', monthlyCapacity: 900, unit: 'kg' },
      { category: 'ecoprint', monthlyCapacity: 5000, unit: 'lembar' },
    ];
    const fit = run(capacityFit, { products }, { productCategories: ['batik-tulis', 'batik-cap'], volumeMin: 1000 });
    expect(fit.value).toBeCloseTo(0.9, 10); // 900 kg beats 250 lembar; ecoprint is not sought
    expect(fit.reason).toContain('900 kg of batik cap');
  });

  it('compares an opportunity quantity in its unit', () => {
    const fit = runOpportunity(capacityFit, {}, { quantity: 400, unit: 'lembar' });
    expect(fit.value).toBe(0.5);
    expect(fit.reason).toContain('the 400 lembar the buy request asks for');
    const wrongUnit = runOpportunity(capacityFit, {}, { quantity: 400, unit: 'kg' });
    expect(wrongUnit).toMatchObject({ value: 0 });
    expect(wrongUnit.reason).toBe('Makes no batik tulis counted in kg, so nothing covers the 400 kg the buy request asks for.');
  });

  it('gives full credit when no volume is asked', () => {
    expect(run(capacityFit, { products: [] }, { volumeMin: null, volumeMax: 500 }).value).toBe(1);
  });
});

describe('district and sentra proximity', () => {
  it('ranks same sentra = same kecamatan > served kecamatan > whole city > outside', () => {
    const sentra = runOpportunity(districtFit, {}, {
      kind: 'SUPPLY_REQUEST',
      poster: { enterpriseId: 'e-other', districtCode: '33.74.12', sentraId: 's-malon' },
    });
    const kecamatan = run(districtFit, {}, { districtCode: '33.74.12' });
    const served = run(districtFit, {}, { districtCodes: ['33.74.12', '33.74.10'] });
    const city = run(districtFit, {}, { districtCodes: [] });
    const outside = run(districtFit, {}, { districtCodes: ['33.74.10'] });
    expect([sentra, kecamatan, served, city, outside].map((f) => f.value)).toEqual([
      DISTRICT_LEVEL.SAME_KECAMATAN,
      DISTRICT_LEVEL.SAME_KECAMATAN,
      DISTRICT_LEVEL.SERVED,
      DISTRICT_LEVEL.WHOLE_CITY,
      0,
    ]);
    expect(sentra.reason).toBe('Both are in the same Sentra IKM (Kampung Batik Malon) in Gunungpati.');
    expect(kecamatan.reason).toBe('Same kecamatan (Gunungpati) as the buyer.');
    expect(served.reason).toBe('The buyer serves Gunungpati, one of the 2 kecamatan it lists.');
    expect(city.reason).toBe('The buyer serves the whole city (Kota Semarang), Gunungpati included.');
    expect(outside.reason).toBe('Gunungpati is outside the one kecamatan the buyer serves.');
  });

  it('lets a served list win over an office next door', () => {
    expect(run(districtFit, {}, { districtCode: '33.74.12', districtCodes: ['33.74.10'] }).value).toBe(0);
  });
});

describe('certifications required against held', () => {
  it('gives full credit when none is required', () => {
    expect(run(certificationFit, {}, { requiredCertifications: [] })).toMatchObject({
      value: 1,
      reason: 'The buyer requires no certification.',
    });
  });

  it('says which required certification is held', () => {
    const fit = run(certificationFit, { certifications: [{ kind: 'HALAL', expiresOn: null }] }, { requiredCertifications: ['HALAL'] });
    expect(fit).toMatchObject({ value: 1, reason: 'Holds Halal certification (sertifikat halal) required by the buyer.' });
  });

  it('names every missing one when all are missing', () => {
    const fit = run(certificationFit, {}, { requiredCertifications: ['HALAL', 'PIRT'] });
    expect(fit.value).toBe(0);
    expect(fit.reason).toBe(
      'Missing Halal certification (sertifikat halal) and PIRT (Pangan Industri Rumah Tangga) permit required by the buyer.',
    );
  });

  it('gives the share held and treats an expired certificate as missing', () => {
    const certifications = [
      { kind: 'PIRT' as const, expiresOn: AS_OF }, // valid through its expiry day
      { kind: 'HALAL' as const, expiresOn: day('2026-05-31') },
    ];
    const fit = run(certificationFit, { certifications }, { requiredCertifications: ['HALAL', 'PIRT'] });
    expect(fit.value).toBe(0.5);
    expect(fit.reason).toBe(
      'Missing Halal certification (sertifikat halal) (expired on 2026-05-31) required by the buyer; holds PIRT (Pangan Industri Rumah Tangga) permit.',
    );
  });
});

describe('ticket size against the financing need', () => {
  const bpr = { kind: 'FUNDER' as const, funderType: 'BPR' as const, ticketMin: 5n * JUTA, ticketMax: 250n * JUTA };

  it.each([
    ['at the minimum', 5n * JUTA, 1],
    ['at the maximum', 250n * JUTA, 1],
    ['one rupiah below the minimum', 5n * JUTA - 1n, 0],
    ['one rupiah above the maximum', 250n * JUTA + 1n, 0],
  ])('%s', (_label, need, value) => {
    expect(run(ticketFit, { financingNeed: need }, bpr).value).toBe(value);
  });

  it('says by how much a need falls outside', () => {
    expect(run(ticketFit, { financingNeed: 5n * JUTA - 1n }, bpr).reason).toBe(
      'The Rp4.999.999 financing need (kebutuhan pembiayaan) is Rp1 below the smallest ticket of the BPR (Bank Perekonomian Rakyat), Rp5.000.000.',
    );
    expect(run(ticketFit, { financingNeed: 250n * JUTA + 1n }, bpr).reason).toContain('is Rp1 above the largest ticket');
    expect(run(ticketFit, { financingNeed: 50n * JUTA }, bpr).reason).toBe(
      'The Rp50.000.000 financing need (kebutuhan pembiayaan) is within the ticket range of the BPR (Bank Perekonomian Rakyat): from Rp5.000.000 up to Rp250.000.000.',
    );
  });

  it('needs a financing need, and takes an open range as any need', () => {
    expect(run(ticketFit, { financingNeed: null }, bpr).value).toBe(0);
    expect(run(ticketFit, { financingNeed: 1n }, { ...bpr, ticketMin: null, ticketMax: null }).value).toBe(1);
    expect(run(ticketFit, { financingNeed: 10n * JUTA * JUTA }, { ...bpr, ticketMax: null }).value).toBe(1);
  });

  it('reads a financing offer amount range as the ticket', () => {
    const fit = runOpportunity(ticketFit, { financingNeed: 20n * JUTA }, {
      kind: 'FINANCING_OFFER',
      amountMin: 25n * JUTA,
      amountMax: 100n * JUTA,
    });
    expect(fit.value).toBe(0);
    expect(fit.reason).toContain('below the smallest ticket of the financing offer');
  });
});

describe('readiness signals', () => {
  it('counts business age of 6 months, not 5 (usia usaha)', () => {
    const five = run(readinessFit, { foundedOn: day('2025-12-02') }, {});
    const six = run(readinessFit, { foundedOn: day('2025-12-01') }, {});
    expect(six.value - five.value).toBeCloseTo(1 / 3, 10);
    expect(five.reason).toContain('business has run 5 months (usia usaha), under the 6 months lenders ask for');
    expect(six.reason).toContain('business has run 6 months (usia usaha);');
  });

  it('explains bookkeeping, age and size class in one sentence', () => {
    expect(run(readinessFit, { foundedOn: day('2022-06-01') }, {})).toMatchObject({
      value: (0.75 + 1 + 1) / 3,
      reason:
        'Keeps books in an accounting app (pembukuan); business has run 4 years (usia usaha); a micro enterprise (usaha mikro), so an IKM under PP 7/2021.',
    });
  });

  it('climbs the bookkeeping ladder a quarter at a time', () => {
    const values = (['NONE', 'MANUAL_NOTES', 'SPREADSHEET', 'ACCOUNTING_APP', 'AUDITED_STATEMENTS'] as const).map(
      (bookkeeping) => run(readinessFit, { bookkeeping }, {}).value,
    );
    expect(values.map((v) => Math.round((v - 2 / 3) * 12))).toEqual([0, 1, 2, 3, 4]);
  });

  it('does not count a large business or an unknown size as an IKM', () => {
    const large = run(readinessFit, { annualTurnover: 60_000n * JUTA }, {});
    const unknown = run(readinessFit, { annualTurnover: null, businessCapital: null }, {});
    expect(large.value).toBeCloseTo((0.75 + 1) / 3, 10);
    expect(large.reason).toContain('a large enterprise (usaha besar) under PP 7/2021, so not an IKM');
    expect(unknown.reason).toContain('size class under PP 7/2021 is unknown');
  });
});

describe('supply-chain fit', () => {
  const supplier = { kind: 'SUPPLIER' as const, sectors: [], kbliPrefixes: [] };

  it('links a supplier of kain mori to a batik maker, citing the table', () => {
    const fit = run(supplyChainFit, {}, { ...supplier, productCategories: ['kain-mori'] });
    expect(fit.value).toBe(SUPPLY_LEVEL.PRIMARY);
    expect(fit.reason).toBe(
      "The supplier offers kain mori (KBLI 1312): woven cloth (kain mori) for finishing and batik, a main input of KBLI 13134, after BPS's 2016 input–output table.",
    );
  });

  it('links natural dyes to batik but not to weaving', () => {
    expect(run(supplyChainFit, {}, { ...supplier, productCategories: ['kayu-pewarna'] }).value).toBe(1);
    const weaving = { kbliCodes: [{ code: '13121', isPrimary: true }] };
    expect(run(supplyChainFit, weaving, { ...supplier, productCategories: ['kayu-pewarna'] }).value).toBe(0);
  });

  it('links basic metals to fabricated metal and credits a secondary line less', () => {
    const metal = { kbliCodes: [{ code: '25111', isPrimary: true }] };
    expect(run(supplyChainFit, metal, { ...supplier, productCategories: ['plat-besi'] }).value).toBe(1);
    const secondary = { kbliCodes: [{ code: '13134', isPrimary: true }, { code: '25111', isPrimary: false }] };
    const fit = run(supplyChainFit, secondary, { ...supplier, productCategories: ['plat-besi'] });
    expect(fit.value).toBe(SUPPLY_LEVEL.SECONDARY);
    expect(fit.reason).toContain('a main input of KBLI 25111, a secondary line of the IKM');
  });

  it('names goods that feed nothing of the IKM', () => {
    const fit = run(supplyChainFit, {}, { ...supplier, productCategories: ['semen', 'aksesoris-jahit'] });
    expect(fit.value).toBe(0);
    expect(fit.reason).toContain('offers semen and aksesoris jahit, not a main input of KBLI 13134');
  });

  it('reads a sell offer by its goods: another IKM’s packaging feeds a food maker', () => {
    const food = { sector: 'FOOD_BEVERAGE' as const, kbliCodes: [{ code: '10794', isPrimary: true }] };
    const fit = runOpportunity(supplyChainFit, food, {
      kind: 'SELL_OFFER',
      sector: 'RUBBER_PLASTIC',
      kbliPrefixes: ['22220'],
      productCategory: null,
    });
    expect(fit.value).toBe(1);
    expect(fit.reason).toContain('plastic packaging (kemasan plastik) for food');
  });
});

describe('feedback from earlier forums', () => {
  const none = { DEAL: 0, FOLLOW_UP: 0, NO_INTEREST: 0 };

  it('is neutral without history', () => {
    const fit = run(feedbackFit, {}, {});
    expect(fit.value).toBe(0.5);
    expect(fit.reason).toBe(
      'This pair has not met before; no similar pairs (batik IKM with buyers) have met at earlier forums: forum history leaves this match neutral.',
    );
  });

  it('penalises a pair that already met with no interest', () => {
    const fit = run(feedbackFit, {}, {}, { pair: { ...none, NO_INTEREST: 1 }, similar: none });
    expect(fit.value).toBe(0);
    expect(fit.reason).toMatch(/^This pair already met and recorded no interest \(NO_INTEREST\) once;.*lowers this match\.$/);
  });

  it('moves with similar pairs: deals up, no interest down', () => {
    const deals = run(feedbackFit, {}, {}, { pair: none, similar: { ...none, DEAL: 2 } });
    const refusals = run(feedbackFit, {}, {}, { pair: none, similar: { ...none, NO_INTEREST: 2 } });
    expect(deals.value).toBeCloseTo(0.5 + 0.5 * (2 / 5), 10);
    expect(refusals.value).toBeCloseTo(0.5 - 0.5 * (2 / 5), 10);
    expect(deals.reason).toContain('2 similar pairs (batik IKM with buyers) closed deals at earlier forums');
    expect(deals.reason).toContain('raises this match');
    expect(refusals.reason).toContain('2 similar pairs (batik IKM with buyers) had no interest at earlier forums');
  });
});
