import type {
  CertificationKind,
  CounterpartProfile,
  EnterpriseProfile,
  OpportunityKind,
  OpportunityProfile,
  PartnerKind,
  Sector,
} from '../../../src/domain/matching';

export const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
export const AS_OF = day('2026-06-01');

/** A batik IKM in Kampung Batik Malon, Gunungpati; override what a test is about. */
export function enterprise(over: Partial<EnterpriseProfile> = {}): EnterpriseProfile {
  return {
    id: 'e-batik',
    sector: 'BATIK',
    kbliCodes: [{ code: '13134', isPrimary: true }],
    products: [{ category: 'batik-tulis', monthlyCapacity: 200, unit: 'lembar' }],
    districtCode: '33.74.12',
    districtName: 'Gunungpati',
    sentra: { id: 's-malon', name: 'Kampung Batik Malon' },
    certifications: [],
    annualTurnover: 800_000_000n,
    businessCapital: null,
    bookkeeping: 'ACCOUNTING_APP',
    foundedOn: day('2022-06-01'),
    financingNeed: null,
    ...over,
  };
}

/** A city-wide buyer of batik with no other conditions; override what a test is about. */
export function partner(over: Partial<CounterpartProfile> = {}): CounterpartProfile {
  return {
    id: 'p-buyer',
    kind: 'BUYER',
    funderType: null,
    sectors: ['BATIK'],
    kbliPrefixes: ['13134'],
    productCategories: ['batik-tulis'],
    districtCode: '33.74.01',
    districtCodes: [],
    regencyCodes: [],
    volumeMin: null,
    volumeMax: null,
    ticketMin: null,
    ticketMax: null,
    requiredCertifications: [],
    ...over,
  };
}

export function opportunity(over: Partial<OpportunityProfile> = {}): OpportunityProfile {
  return {
    id: 'o-1',
    kind: 'BUY_REQUEST',
    sector: 'BATIK',
    kbliPrefixes: ['13134'],
    productCategory: 'batik-tulis',
    quantity: null,
    unit: null,
    amountMin: null,
    amountMax: null,
    districtCodes: [],
    requiredCertifications: [],
    poster: { enterpriseId: null, districtCode: null, sentraId: null },
    ...over,
  };
}

/** mulberry32: a small seeded generator, so the random pairs are the same on every run. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  const some = <T>(items: readonly T[], max: number): T[] => [
    ...new Set(Array.from({ length: int(0, max) }, () => pick(items))),
  ];
  const maybe = <T>(value: T): T | null => (next() < 0.3 ? null : value);
  return { next, int, pick, some, maybe };
}

const SECTORS: Sector[] = ['FOOD_BEVERAGE', 'BATIK', 'TEXTILE', 'GARMENT', 'WOOD_FURNITURE', 'METAL', 'CRAFT', 'CHEMICAL_HERBAL'];
const CODES = ['10392', '10710', '10794', '10219', '13134', '13121', '13921', '14111', '16221', '31001', '25111', '28250', '32903', '21022', '20231'];
const PREFIXES = ['10', '107', '1079', '13', '13134', '1312', '14', '1411', '16', '31', '25', '28', '32', '21', '2023'];
const CATEGORIES = ['batik-tulis', 'batik-cap', 'makanan-ringan', 'olahan-ikan', 'furnitur-kayu', 'kain-mori', 'malam-batik', 'plat-besi', 'kemasan-plastik', 'kayu-olahan', 'tepung', 'finishing', 'logam-konstruksi'];
const UNITS = ['kg', 'pcs', 'lembar'];
const DISTRICTS = Array.from({ length: 16 }, (_, i) => `33.74.${String(i + 1).padStart(2, '0')}`);
const CERTS: CertificationKind[] = ['HALAL', 'SNI', 'PIRT', 'BPOM', 'SVLK', 'BATIKMARK'];
const KINDS: PartnerKind[] = ['BUYER', 'SUPPLIER', 'DISTRIBUTOR', 'FUNDER'];
const ANSWERABLE: OpportunityKind[] = ['BUY_REQUEST', 'SUPPLY_OFFER', 'DISTRIBUTION_OFFER', 'FINANCING_OFFER', 'SELL_OFFER', 'SUPPLY_REQUEST'];
const JUTA = 1_000_000n;

export function randomEnterprise(r: ReturnType<typeof random>, id: string): EnterpriseProfile {
  const codes = r.some(CODES, 3);
  return enterprise({
    id,
    sector: r.pick(SECTORS),
    kbliCodes: codes.map((code, i) => ({ code, isPrimary: i === 0 })),
    products: Array.from({ length: r.int(0, 3) }, () => ({
      category: r.pick(CATEGORIES),
      monthlyCapacity: r.int(0, 3000),
      unit: r.pick(UNITS),
    })),
    districtCode: r.pick(DISTRICTS),
    sentra: r.next() < 0.5 ? { id: `s-${r.int(1, 3)}`, name: 'Sentra' } : null,
    certifications: r.some(CERTS, 3).map((kind) => ({ kind, expiresOn: r.maybe(day(r.pick(['2025-01-01', '2026-06-01', '2027-01-01']))) })),
    annualTurnover: r.maybe(BigInt(r.int(0, 60_000)) * JUTA),
    businessCapital: r.maybe(BigInt(r.int(0, 12_000)) * JUTA),
    bookkeeping: r.pick(['NONE', 'MANUAL_NOTES', 'SPREADSHEET', 'ACCOUNTING_APP', 'AUDITED_STATEMENTS'] as const),
    foundedOn: day(r.pick(['2026-05-01', '2025-12-01', '2025-12-02', '2019-03-15'])),
    financingNeed: r.maybe(BigInt(r.int(1, 3000)) * JUTA),
  });
}

export function randomPartner(r: ReturnType<typeof random>, id: string): CounterpartProfile {
  const kind = r.pick(KINDS);
  const ticketMin = r.maybe(BigInt(r.int(1, 500)) * JUTA);
  return partner({
    id,
    kind,
    funderType: kind === 'FUNDER' ? r.pick(['BANK', 'BPR', 'KOPERASI', 'FINTECH', 'VENTURE', 'GOVERNMENT_PROGRAM'] as const) : null,
    sectors: r.some(SECTORS, 2),
    kbliPrefixes: r.some(PREFIXES, 3),
    productCategories: r.some(CATEGORIES, 3),
    districtCode: r.maybe(r.pick(DISTRICTS)),
    districtCodes: r.some(DISTRICTS, 4),
    volumeMin: r.maybe(r.int(0, 2000)),
    volumeMax: r.maybe(r.int(2000, 9000)),
    ticketMin,
    ticketMax: r.maybe((ticketMin ?? 0n) + BigInt(r.int(0, 3000)) * JUTA),
    requiredCertifications: r.some(CERTS, 2),
  });
}

export function randomOpportunity(r: ReturnType<typeof random>, id: string): OpportunityProfile {
  return opportunity({
    id,
    kind: r.pick(ANSWERABLE),
    sector: r.maybe(r.pick(SECTORS)),
    kbliPrefixes: r.some(PREFIXES, 2),
    productCategory: r.maybe(r.pick(CATEGORIES)),
    quantity: r.maybe(r.int(0, 5000)),
    unit: r.maybe(r.pick(UNITS)),
    amountMin: r.maybe(BigInt(r.int(1, 100)) * JUTA),
    amountMax: r.maybe(BigInt(r.int(100, 5000)) * JUTA),
    districtCodes: r.some(DISTRICTS, 3),
    requiredCertifications: r.some(CERTS, 2),
    poster: { enterpriseId: r.maybe(`e-${r.int(0, 50)}`), districtCode: r.maybe(r.pick(DISTRICTS)), sentraId: r.maybe(`s-${r.int(1, 3)}`) },
  });
}

export function randomHistory(r: ReturnType<typeof random>) {
  const counts = (max: number) => ({ DEAL: r.int(0, max), FOLLOW_UP: r.int(0, max), NO_INTEREST: r.int(0, max) });
  return { pair: counts(2), similar: counts(12) };
}
