import { INPUT_SOURCE, type SuppliedItem } from './supply-chain';
import { categoryText, FUNDER_TEXT } from './text';
import type {
  CertificationKind,
  CounterpartProfile,
  CounterpartRole,
  OpportunityKind,
  OpportunityProfile,
  Sector,
} from './types';

/**
 * What the other side of a pair asks of an IKM or offers it, whether it is a partner or an
 * opportunity: the one shape every component reads.
 *
 * A criterion the counterpart leaves empty is no requirement, so every IKM meets it: no sectors and
 * no KBLI means any manufacturing IKM, no product category any product, no certification none.
 */
export type CounterpartAsk = {
  role: CounterpartRole;
  /** How reasons name it: "the buyer", "the BPR (Bank Perekonomian Rakyat)", "the buy request". */
  noun: string;
  /** What it does with the IKM it lists: a buyer seeks them, a supplier serves them, a funder finances them. */
  verb: string;
  sectors: readonly Sector[];
  /** KBLI prefixes of the IKM it seeks or serves. */
  kbliPrefixes: readonly string[];
  /** IKM product categories it seeks (buyers, distributors). */
  productCategories: readonly string[];
  /** What it supplies to an IKM (suppliers), for the supply-chain fit. */
  supplied: readonly SuppliedItem[];
  /** The quantity, above 0, an IKM must produce: per month for a partner, in total for an opportunity. */
  volume: { quantity: number; upTo: number | null; unit: string | null; perMonth: boolean } | null;
  ticket: { min: bigint | null; max: bigint | null };
  /** Kecamatan it serves; empty means the whole city. */
  districtCodes: readonly string[];
  location: { districtCode: string | null; sentraId: string | null };
  requiredCertifications: readonly CertificationKind[];
  /** An IKM that must not be matched with it: the poster of its own opportunity. */
  excludedEnterpriseId: string | null;
};

const PARTNER_NOUN: Record<CounterpartRole, string> = {
  BUYER: 'the buyer',
  SUPPLIER: 'the supplier',
  DISTRIBUTOR: 'the distributor',
  FUNDER: 'the funder',
};

const VERB: Record<CounterpartRole, string> = {
  BUYER: 'seeks',
  SUPPLIER: 'serves',
  DISTRIBUTOR: 'seeks',
  FUNDER: 'finances',
};

function suppliedCategories(categories: readonly string[]): SuppliedItem[] {
  return categories.map((c) => ({ item: categoryText(c), kbli: INPUT_SOURCE[c] ?? null }));
}

export function askOfPartner(partner: CounterpartProfile): CounterpartAsk {
  const supplier = partner.kind === 'SUPPLIER';
  return {
    role: partner.kind,
    noun: partner.funderType ? FUNDER_TEXT[partner.funderType] : PARTNER_NOUN[partner.kind],
    verb: VERB[partner.kind],
    sectors: partner.sectors,
    kbliPrefixes: partner.kbliPrefixes,
    // A supplier's categories are what it sells, not IKM products it seeks.
    productCategories: supplier ? [] : partner.productCategories,
    supplied: supplier ? suppliedCategories(partner.productCategories) : [],
    // Capacity answers the smallest monthly order a buyer or distributor takes; a supplier's volume
    // is what it sells, and a maximum alone asks no minimum.
    volume:
      supplier || partner.volumeMin === null || partner.volumeMin <= 0
        ? null
        : { quantity: partner.volumeMin, upTo: partner.volumeMax, unit: null, perMonth: true },
    ticket: { min: partner.ticketMin, max: partner.ticketMax },
    districtCodes: partner.districtCodes,
    location: { districtCode: partner.districtCode, sentraId: null },
    requiredCertifications: partner.requiredCertifications,
    excludedEnterpriseId: null,
  };
}

/**
 * The role an opportunity's poster plays for the IKM that answers it, or null when no IKM answers
 * that kind (an IKM's distribution or financing request is for partners).
 */
export function roleOfOpportunity(kind: OpportunityKind): CounterpartRole | null {
  const roles: Record<OpportunityKind, CounterpartRole | null> = {
    BUY_REQUEST: 'BUYER',
    SUPPLY_OFFER: 'SUPPLIER',
    DISTRIBUTION_OFFER: 'DISTRIBUTOR',
    FINANCING_OFFER: 'FUNDER',
    // An IKM selling its goods supplies the IKM that buys them; one requesting supplies buys.
    SELL_OFFER: 'SUPPLIER',
    SUPPLY_REQUEST: 'BUYER',
    DISTRIBUTION_REQUEST: null,
    FINANCING_REQUEST: null,
  };
  return roles[kind];
}

const OPPORTUNITY_NOUN: Record<OpportunityKind, string> = {
  BUY_REQUEST: 'the buy request',
  SUPPLY_OFFER: 'the supply offer',
  DISTRIBUTION_OFFER: 'the distribution offer',
  FINANCING_OFFER: 'the financing offer',
  SELL_OFFER: 'the sell offer',
  SUPPLY_REQUEST: 'the supply request',
  DISTRIBUTION_REQUEST: 'the distribution request',
  FINANCING_REQUEST: 'the financing request',
};

export function askOfOpportunity(opportunity: OpportunityProfile): CounterpartAsk {
  const role = roleOfOpportunity(opportunity.kind);
  if (role === null) {
    throw new RangeError(`No IKM answers a ${opportunity.kind}: it is addressed to partners.`);
  }
  const category = opportunity.productCategory === null ? [] : [opportunity.productCategory];
  // A sell offer's KBLI and sector describe its goods, so they say what it supplies, not whom it seeks.
  const sellOffer = opportunity.kind === 'SELL_OFFER';
  const supplied =
    role !== 'SUPPLIER'
      ? []
      : [
          ...suppliedCategories(category),
          ...(sellOffer ? opportunity.kbliPrefixes.map((p) => ({ item: `KBLI ${p} goods`, kbli: p })) : []),
        ];
  const sectors = sellOffer || opportunity.sector === null ? [] : [opportunity.sector];
  return {
    role,
    noun: OPPORTUNITY_NOUN[opportunity.kind],
    verb: VERB[role],
    sectors,
    kbliPrefixes: sellOffer ? [] : opportunity.kbliPrefixes,
    productCategories: role === 'SUPPLIER' ? [] : category,
    supplied,
    volume:
      opportunity.quantity === null || opportunity.quantity <= 0 || role === 'SUPPLIER'
        ? null
        : { quantity: opportunity.quantity, upTo: null, unit: opportunity.unit, perMonth: false },
    ticket: { min: opportunity.amountMin, max: opportunity.amountMax },
    districtCodes: opportunity.districtCodes,
    location: { districtCode: opportunity.poster.districtCode, sentraId: opportunity.poster.sentraId },
    requiredCertifications: opportunity.requiredCertifications,
    excludedEnterpriseId: opportunity.poster.enterpriseId,
  };
}
