import { kbliGroup } from '../kbli';
import { regencyCodeOf } from '../regions';
import { askOfOpportunity, askOfPartner, type CounterpartAsk } from './counterpart';
import { fedPrefixes, inputCategoriesFeeding } from './supply-chain';
import type { CounterpartProfile, EnterpriseProfile, OpportunityProfile, PartnerKind, Sector } from './types';

/**
 * The pre-filter the GraphQL layer pushes into SQL before scoring, so the scorer runs over
 * candidates only, not over every IKM of the city.
 *
 * A candidate must be served and must fit at least one fit criterion the counterpart states:
 * its sectors, its KBLI prefixes (down to a shared golongan pokok, the coarsest near fit), its
 * product categories, or, for a supplier, a supply-chain link from its goods. A counterpart that
 * states none of them is open to every IKM: `fit` is null.
 *
 * A partner's regencyCodes are a hard limit, not a fit: an IKM outside the kabupaten/kota it
 * serves is never proposed to it, nor it to that IKM, however well they fit.
 *
 * Why no good match is lost: for a pair outside the candidate set, either DISTRICT is 0 (the IKM
 * lies outside the kecamatan the counterpart serves), or the pair fails every stated fit criterion,
 * and then
 * - SECTOR is at most its kategori C floor (SECTOR_LEVEL.KATEGORI_C) when sectors or KBLI are stated,
 * - PRODUCT is 0 when product categories are stated,
 * - CAPACITY is 0 when product categories and a volume are stated (no product of a sought category),
 * - SUPPLY_CHAIN is 0.
 * A fit criterion the counterpart does not state gives every IKM the same value, so it cannot tell
 * candidates apart. CERTIFICATION, TICKET_SIZE, READINESS and FEEDBACK are never filtered on: they
 * rank candidates but say nothing of whether the two sides trade the same goods. What is dropped is
 * thus an IKM that has nothing the counterpart asked for, however ready or certified it is.
 */

/** Over Enterprise rows. Empty lists in `fit` match nothing; `fit` null matches every IKM. */
export type EnterpriseCandidateFilter = {
  status: 'ACTIVE';
  /** The IKM that posted the opportunity, which does not answer itself. */
  excludeEnterpriseId: string | null;
  /** The enterprise's district code is one of these; null: the whole city. */
  districtCodeIn: string[] | null;
  /** The enterprise's kabupaten/kota code is one of these (a partner's regencyCodes); null: anywhere. */
  regencyCodeIn: string[] | null;
  /** Passes when any holds: sector ∈ sectorIn; a KBLI code starts with one of kbliStartsWithAny; a product's category ∈ productCategoryIn. */
  fit: { sectorIn: Sector[]; kbliStartsWithAny: string[]; productCategoryIn: string[] } | null;
};

function enterpriseCandidates(ask: CounterpartAsk, regencyCodes: readonly string[] = []): EnterpriseCandidateFilter {
  const stated =
    ask.sectors.length + ask.kbliPrefixes.length + ask.productCategories.length + ask.supplied.length > 0;
  const groups = ask.kbliPrefixes.map(kbliGroup);
  return {
    status: 'ACTIVE',
    excludeEnterpriseId: ask.excludedEnterpriseId,
    districtCodeIn: ask.districtCodes.length > 0 ? [...ask.districtCodes] : null,
    regencyCodeIn: regencyCodes.length > 0 ? [...regencyCodes] : null,
    fit: stated
      ? {
          sectorIn: [...ask.sectors],
          kbliStartsWithAny: [...new Set([...groups, ...fedPrefixes(ask.supplied)])],
          productCategoryIn: [...ask.productCategories],
        }
      : null,
  };
}

export function enterpriseCandidatesForPartner(partner: CounterpartProfile): EnterpriseCandidateFilter {
  // A partner that names the kabupaten/kota it serves is never proposed an IKM elsewhere.
  return enterpriseCandidates(askOfPartner(partner), partner.regencyCodes);
}

/** Throws a RangeError for the kinds no IKM answers, like scoreEnterpriseForOpportunity. */
export function enterpriseCandidatesForOpportunity(opportunity: OpportunityProfile): EnterpriseCandidateFilter {
  return enterpriseCandidates(askOfOpportunity(opportunity));
}

/**
 * Over Partner rows, the same criteria seen from the IKM. A partner passes `fit` when it states
 * no sectors, KBLI prefixes or product categories (openToAll), or when any holds:
 * - `sectors` contains sectorsContain;
 * - a `kbliPrefixes` element's first two digits are in kbliPrefixGroupIn
 *   (SQL: EXISTS (SELECT 1 FROM unnest("kbliPrefixes") p WHERE left(p, 2) = ANY($groups)));
 * - a partner of kind ≠ SUPPLIER has a `productCategories` element in soughtCategoriesOverlap;
 * - a SUPPLIER has a `productCategories` element in suppliedCategoriesOverlap (goods that feed
 *   the IKM's industry).
 */
export type PartnerCandidateFilter = {
  status: 'ACTIVE';
  kindIn: PartnerKind[] | null;
  /** `districtCodes` is empty (whole city) or contains this code. */
  servesDistrictCode: string;
  /** `regencyCodes` is empty (the whole province) or contains this code: the IKM's kabupaten/kota. */
  servesRegencyCode: string;
  fit: {
    sectorsContain: Sector;
    kbliPrefixGroupIn: string[];
    soughtCategoriesOverlap: string[];
    suppliedCategoriesOverlap: string[];
  };
};

export function partnerCandidatesForEnterprise(
  enterprise: EnterpriseProfile,
  kinds: readonly PartnerKind[] | null = null,
): PartnerCandidateFilter {
  const codes = enterprise.kbliCodes.map((k) => k.code);
  return {
    status: 'ACTIVE',
    kindIn: kinds === null ? null : [...kinds],
    servesDistrictCode: enterprise.districtCode,
    servesRegencyCode: regencyCodeOf(enterprise.districtCode),
    fit: {
      sectorsContain: enterprise.sector,
      kbliPrefixGroupIn: [...new Set(codes.map(kbliGroup))],
      soughtCategoriesOverlap: [...new Set(enterprise.products.map((p) => p.category))],
      suppliedCategoriesOverlap: inputCategoriesFeeding(codes),
    },
  };
}
