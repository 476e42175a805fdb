import type {
  CertificationKind,
  FinancingPurpose,
  OpportunityKind,
  OpportunityStatus,
  Prisma,
  Sector,
} from '@temu-bisnis/schema/prisma';
import { formatRupiah, JUTA } from '@temu-bisnis/schema/domain/money';
import { searchText } from '@temu-bisnis/schema/domain/search';
import { addDays, between, endOfDayWib, maxDate, minDate, REFERENCE_INSTANT } from './clock';
import type { EnterpriseProfile } from './enterprises';
import { CERTIFICATION_LABEL } from './identifiers';
import { stableId } from './ids';
import type { PartnerProfile } from './partners';
import { formatCount, niceQuantity, rupiah } from './quantities';
import { type Random, randomFor } from './random';
import { type Catalogue, categoryInfo, labelOf, type PartnerData, type ReferenceData, type SizeClassName, typicalCapacity } from './reference-data';

/** A financing request an enterprise posted; the financing generator turns it into a FinancingNeed. */
export interface FinancingRequest {
  opportunityId: string;
  enterprise: EnterpriseProfile;
  amount: bigint;
  purpose: FinancingPurpose;
  tenorMonths: number;
  createdAt: Date;
  status: OpportunityStatus;
}

export interface OpportunityRows {
  opportunities: Prisma.OpportunityCreateManyInput[];
  financingRequests: FinancingRequest[];
}

type Row = Prisma.OpportunityCreateManyInput;
type Draft = Omit<Row, 'id' | 'status' | 'validFrom' | 'validUntil' | 'isDemo' | 'searchText' | 'createdAt' | 'updatedAt'>;

/** Chance that an enterprise posts each kind of opportunity. */
export const ENTERPRISE_POST_CHANCE: Partial<Record<OpportunityKind, number>> = {
  SELL_OFFER: 0.16,
  SUPPLY_REQUEST: 0.09,
  DISTRIBUTION_REQUEST: 0.07,
  FINANCING_REQUEST: 0.08,
};

const FINANCING_AMOUNT: Record<SizeClassName, [number, number]> = {
  MICRO: [10_000_000, 150_000_000],
  SMALL: [100_000_000, 800_000_000],
  MEDIUM: [500_000_000, 3_000_000_000],
};

const PURPOSE_TITLE: Record<FinancingPurpose, string> = {
  WORKING_CAPITAL: 'Modal kerja bahan baku',
  INVESTMENT: 'Investasi mesin dan peralatan produksi',
  EXPORT: 'Modal kerja pesanan ekspor',
};

/** Certifications a buyer can sensibly ask of a sector's products. */
const CERTIFICATIONS_BY_SECTOR: Partial<Record<Sector, CertificationKind[]>> = {
  FOOD_BEVERAGE: ['HALAL', 'PIRT', 'BPOM', 'HACCP', 'ISO_22000'],
  CHEMICAL_HERBAL: ['HALAL', 'BPOM', 'PIRT'],
  BATIK: ['BATIKMARK', 'GREEN_INDUSTRY'],
  WOOD_FURNITURE: ['SVLK'],
  CRAFT: ['SVLK'],
};

export function buildOpportunities(
  data: ReferenceData,
  enterprises: readonly EnterpriseProfile[],
  partners: readonly PartnerProfile[],
): OpportunityRows {
  const out: OpportunityRows = { opportunities: [], financingRequests: [] };
  const catalogue = data.catalogue;

  for (const partner of partners) {
    const rng = randomFor(`opportunities:partner:${partner.data.slug}`);
    out.opportunities.push(...partnerPosts(rng, catalogue, partner, partner.createdAt, (n) => stableId('opportunity', `partner:${partner.data.slug}#${n}`)));
  }

  for (const enterprise of enterprises) {
    const rng = randomFor(`opportunities:enterprise:${enterprise.nib}`);
    const posts = enterprisePosts(rng, catalogue, enterprise, ENTERPRISE_POST_CHANCE, enterprise.createdAt, (n) => stableId('opportunity', `enterprise:${enterprise.nib}#${n}`));
    for (const { row, financing } of posts) {
      out.opportunities.push(row);
      if (financing) {
        out.financingRequests.push({ opportunityId: row.id!, enterprise, ...financing, createdAt: row.createdAt as Date, status: row.status! });
      }
    }
  }
  return out;
}

/** What an IKM's posts are drawn from: a demo profile, or a synthetic IKM's rows (synthetic-enterprises.ts). */
export type EnterprisePoster = Pick<EnterpriseProfile, 'id' | 'name' | 'line' | 'size' | 'districtCode' | 'isNew' | 'products' | 'kbli' | 'certifications'>;

/** What a partner's posts are drawn from: a demo profile, or a synthetic partner's row (synthetic.ts). */
export interface PartnerPoster {
  id: string;
  /** The name without the "(demo)" mark, for titles. */
  shortName: string;
  data: Pick<PartnerData, 'kind' | 'offers' | 'sectors' | 'kbliPrefixes' | 'productCategories' | 'districtCodes' | 'volume' | 'requiredCertifications' | 'programmes'>;
}

/**
 * An IKM's posts: each kind with its chance, numbered from 1 for `idOf`, dated from `registeredAt`
 * (nobody posts before they are registered).
 */
export function enterprisePosts(
  rng: Random,
  catalogue: Catalogue,
  enterprise: EnterprisePoster,
  chances: Partial<Record<OpportunityKind, number>>,
  registeredAt: Date,
  idOf: (n: number) => string,
): { row: Row; financing?: Pick<FinancingRequest, 'amount' | 'purpose' | 'tenorMonths'> }[] {
  const posts: { row: Row; financing?: Pick<FinancingRequest, 'amount' | 'purpose' | 'tenorMonths'> }[] = [];
  for (const [kind, p] of Object.entries(chances) as [OpportunityKind, number][]) {
    if (!rng.chance(p)) continue;
    if (kind === 'DISTRIBUTION_REQUEST' && enterprise.isNew) continue;
    const { draft, financing } = enterpriseDraft(rng, catalogue, enterprise, kind);
    posts.push({ row: finish(rng, idOf(posts.length + 1), draft, registeredAt), financing });
  }
  return posts;
}

/** A partner's posts, numbered from 1 for `idOf`, dated from `registeredAt`. */
export function partnerPosts(rng: Random, catalogue: Catalogue, partner: PartnerPoster, registeredAt: Date, idOf: (n: number) => string): Row[] {
  return partnerDrafts(rng, catalogue, partner).map((draft, i) => finish(rng, idOf(i + 1), draft, registeredAt));
}

function partnerDrafts(rng: Random, catalogue: Catalogue, partner: PartnerPoster): Draft[] {
  const p = partner.data;
  const base = { partnerId: partner.id, districtCodes: p.districtCodes };
  const [volumeMin, volumeMax] = p.volume ?? [1, 1];
  switch (p.kind) {
    case 'BUYER':
      return rng.sample(p.productCategories, rng.int(2, Math.min(3, p.productCategories.length))).map((category) => {
        const info = categoryInfo(catalogue, category);
        const quantity = orderQuantity(rng, catalogue, category, volumeMin, volumeMax);
        const sector = info.line.sector;
        const title = rng.pick([
          `Dicari pemasok ${info.label} untuk ${partner.shortName}`,
          `Kebutuhan rutin ${info.label}: ${formatCount(quantity)} ${info.unit} per bulan`,
          `Pengadaan ${info.label} ${partner.shortName}`,
        ]);
        return {
          ...base,
          kind: 'BUY_REQUEST',
          title,
          description: `${partner.shortName} membeli ${info.label} dari IKM Kota Semarang. ${p.offers}`,
          sector,
          kbliPrefixes: [info.line.kbli[0]!.slice(0, 4)],
          productCategory: category,
          quantity,
          unit: info.unit,
          amountMin: info.price ? rupiah(quantity * info.price[0], 100_000n) : null,
          amountMax: info.price ? rupiah(quantity * info.price[1], 100_000n) : null,
          requiredCertifications: (p.requiredCertifications ?? []).filter((c) => certificationFits(c, sector)),
        };
      });
    case 'SUPPLIER':
      return p.productCategories.map((category) => {
        const info = categoryInfo(catalogue, category);
        const input = catalogue.lines.flatMap((l) => l.inputs).find((i) => i.category === category);
        const sector = p.sectors.includes(info.line.sector) ? info.line.sector : (p.sectors[0] ?? null);
        return {
          ...base,
          kind: 'SUPPLY_OFFER',
          title: rng.pick([`${input?.name ?? info.label}: harga grosir untuk IKM`, `Penawaran pasokan ${info.label} dari ${partner.shortName}`]),
          description: p.offers,
          sector,
          kbliPrefixes: p.kbliPrefixes,
          productCategory: category,
          quantity: niceQuantity(rng.int(Math.round((volumeMin + volumeMax) / 2), volumeMax)),
          unit: input?.unit ?? info.unit,
          requiredCertifications: [],
        };
      });
    case 'DISTRIBUTOR':
      return rng.sample(p.productCategories, rng.int(1, 2)).map((category) => {
        const info = categoryInfo(catalogue, category);
        const minimum = orderQuantity(rng, catalogue, category, volumeMin, volumeMin);
        return {
          ...base,
          kind: 'DISTRIBUTION_OFFER',
          title: rng.pick([
            `Kemitraan distribusi ${info.label} bersama ${partner.shortName}`,
            `Membuka pemasok baru ${info.label} untuk jaringan distribusi`,
          ]),
          description: `${p.offers} Volume minimum ${formatCount(minimum)} ${info.unit} per bulan.`,
          sector: info.line.sector,
          kbliPrefixes: p.kbliPrefixes,
          productCategory: category,
          quantity: minimum,
          unit: info.unit,
          requiredCertifications: [],
        };
      });
    case 'FUNDER':
      return (p.programmes ?? []).map((programme) => ({
        ...base,
        kind: 'FINANCING_OFFER',
        title: `${programme.name} — ${partner.shortName}`,
        description: `${p.offers} Plafon ${formatRupiah(BigInt(programme.min))}–${formatRupiah(BigInt(programme.max))}, tenor sampai ${programme.tenorMonths} bulan.`,
        sector: null,
        kbliPrefixes: p.kbliPrefixes,
        productCategory: null,
        amountMin: BigInt(programme.min),
        amountMax: BigInt(programme.max),
        requiredCertifications: [],
      }));
  }
}

function enterpriseDraft(
  rng: Random,
  catalogue: Catalogue,
  enterprise: EnterprisePoster,
  kind: OpportunityKind,
): { draft: Draft; financing?: Pick<FinancingRequest, 'amount' | 'purpose' | 'tenorMonths'> } {
  const product = rng.pick(enterprise.products);
  const base = {
    enterpriseId: enterprise.id,
    sector: enterprise.line.sector,
    kbliPrefixes: [enterprise.kbli[0]!],
    requiredCertifications: [],
  };
  const shortName = enterprise.name;
  switch (kind) {
    case 'SELL_OFFER': {
      const quantity = niceQuantity(product.monthlyCapacity * (0.4 + rng.next() * 0.4));
      return {
        draft: {
          ...base,
          kind,
          title: `${product.name} dari ${shortName}`,
          description: `Siap memasok ${formatCount(quantity)} ${product.unit} ${product.name.toLowerCase()} per bulan${enterprise.certifications.length ? `, bersertifikat ${enterprise.certifications.map((c) => CERTIFICATION_LABEL[c]).join(', ')}` : ''}.`,
          productCategory: product.category,
          quantity,
          unit: product.unit,
          amountMin: product.unitPrice ? rupiah(quantity * product.unitPrice * 0.9, 100_000n) : null,
          amountMax: product.unitPrice ? rupiah(quantity * product.unitPrice, 100_000n) : null,
          districtCodes: rng.chance(0.5) ? [] : [enterprise.districtCode],
        },
      };
    }
    case 'SUPPLY_REQUEST': {
      const input = rng.pick(enterprise.line.inputs);
      const scale = enterprise.size === 'MICRO' ? 1 : enterprise.size === 'SMALL' ? 3 : 10;
      return {
        draft: {
          ...base,
          kind,
          title: `Butuh pasokan ${input.name.toLowerCase()} untuk ${shortName}`,
          description: `Kebutuhan rutin ${labelOf(catalogue, input.category)} untuk produksi ${product.name.toLowerCase()}; dikirim ke ${shortName}.`,
          productCategory: input.category,
          quantity: niceQuantity(rng.int(input.quantity[0], input.quantity[1]) * scale),
          unit: input.unit,
          districtCodes: [enterprise.districtCode],
        },
      };
    }
    case 'DISTRIBUTION_REQUEST':
      return {
        draft: {
          ...base,
          kind,
          title: `Mencari distributor ${labelOf(catalogue, product.category)} (${shortName})`,
          description: `Kapasitas ${formatCount(product.monthlyCapacity)} ${product.unit} per bulan, mencari mitra distribusi di luar Kota Semarang.`,
          productCategory: product.category,
          quantity: product.monthlyCapacity,
          unit: product.unit,
          districtCodes: [],
        },
      };
    case 'FINANCING_REQUEST': {
      const purpose = rng.weighted<FinancingPurpose>([
        ['WORKING_CAPITAL', 60],
        ['INVESTMENT', 35],
        ['EXPORT', enterprise.size === 'MICRO' ? 0 : 5],
      ]);
      const [min, max] = FINANCING_AMOUNT[enterprise.size];
      const amount = rupiah(rng.logUniform(min, max), 5n * JUTA);
      const tenorMonths = purpose === 'INVESTMENT' ? rng.pick([24, 36, 48, 60]) : rng.pick([6, 12, 18, 24]);
      return {
        draft: {
          ...base,
          kind,
          title: `${PURPOSE_TITLE[purpose]} — ${shortName}`,
          description: `Kebutuhan dana ${formatRupiah(amount)} untuk ${PURPOSE_TITLE[purpose].toLowerCase()} (${product.name.toLowerCase()}), tenor ${tenorMonths} bulan.`,
          productCategory: product.category,
          amountMin: rupiah(Number(amount) * 0.7, 5n * JUTA),
          amountMax: amount,
          districtCodes: [enterprise.districtCode],
        },
        financing: { amount, purpose, tenorMonths },
      };
    }
    default:
      throw new Error(`seed: ${kind} is not posted by enterprises`);
  }
}

/**
 * Status and validity window relative to the reference date: mostly open and current, some open
 * but not yet started, some open but lapsed (read as EXPIRED), some closed or fulfilled.
 */
function finish(rng: Random, id: string, draft: Draft, ownerCreatedAt: Date): Row {
  const now = REFERENCE_INSTANT;
  const r = rng.next();
  let status: OpportunityStatus = 'OPEN';
  let validFrom: Date;
  let validUntil: Date;
  if (r < 0.7) {
    validFrom = addDays(now, -rng.int(3, 120));
    validUntil = addDays(now, rng.int(10, 180));
  } else if (r < 0.74) {
    validFrom = addDays(now, rng.int(3, 30));
    validUntil = addDays(validFrom, rng.int(30, 120));
  } else if (r < 0.84) {
    validFrom = addDays(now, -rng.int(100, 330));
    validUntil = addDays(now, -rng.int(1, 60));
  } else {
    status = r < 0.93 ? 'CLOSED' : 'FULFILLED';
    validFrom = addDays(now, -rng.int(60, 330));
    validUntil = addDays(validFrom, rng.int(45, 180));
  }
  // Nobody posts before they are registered.
  const earliest = addDays(ownerCreatedAt, 1);
  if (validFrom < earliest) {
    const length = validUntil.getTime() - validFrom.getTime();
    validFrom = earliest;
    validUntil = new Date(Math.max(validFrom.getTime() + length, addDays(validFrom, 14).getTime()));
  }
  validUntil = endOfDayWib(validUntil);
  const createdAt = validFrom > now ? between(earliest, now, rng.next) : validFrom;
  const updatedAt = status === 'OPEN' ? createdAt : between(createdAt, minDate(validUntil, addDays(now, -1)), rng.next);
  return {
    ...draft,
    id,
    status,
    validFrom,
    validUntil,
    isDemo: true,
    searchText: searchText(draft.title, draft.description, draft.productCategory),
    createdAt,
    updatedAt: maxDate(updatedAt, createdAt),
  };
}

/**
 * A partner's monthly volume for one category, kept within what a handful of IKM can make: between
 * half and four times the largest monthly capacity of a micro producer of that category.
 */
function orderQuantity(rng: Random, catalogue: Catalogue, category: string, min: number, max: number): number {
  const typical = typicalCapacity(catalogue, category);
  const wanted = rng.int(min, max);
  return niceQuantity(typical > 0 ? Math.min(Math.max(wanted, typical / 2), typical * 4) : wanted);
}

function certificationFits(kind: CertificationKind, sector: Sector): boolean {
  const specific = Object.values(CERTIFICATIONS_BY_SECTOR).flat();
  if (!specific.includes(kind)) return true; // SNI, ISO 9001 and the like fit any sector
  return (CERTIFICATIONS_BY_SECTOR[sector] ?? []).includes(kind);
}
