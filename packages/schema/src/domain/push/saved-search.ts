/**
 * Whether a newly posted opportunity matches a partner's saved search (issue 16: "opportunities by
 * kind/category/kecamatan/amount"). Every criterion left empty matches anything; an opportunity
 * without districts is for the whole city (as the opportunities filter reads it) and so lies in
 * every kecamatan; amounts match when the two ranges overlap, an open end overlapping everything.
 */
export interface SearchCriteria {
  kinds: readonly string[];
  productCategories: readonly string[];
  districtCodes: readonly string[];
  amountMin: bigint | null;
  amountMax: bigint | null;
}

export interface PostedOpportunity {
  kind: string;
  productCategory: string | null;
  districtCodes: readonly string[];
  amountMin: bigint | null;
  amountMax: bigint | null;
}

export function matchesSearch(search: SearchCriteria, o: PostedOpportunity): boolean {
  if (search.kinds.length > 0 && !search.kinds.includes(o.kind)) return false;
  if (search.productCategories.length > 0 && (o.productCategory === null || !search.productCategories.includes(o.productCategory))) return false;
  if (search.districtCodes.length > 0 && o.districtCodes.length > 0 && !o.districtCodes.some((d) => search.districtCodes.includes(d))) return false;
  const low = o.amountMin ?? o.amountMax;
  const high = o.amountMax ?? o.amountMin;
  if (search.amountMin !== null && high !== null && high < search.amountMin) return false;
  if (search.amountMax !== null && low !== null && low > search.amountMax) return false;
  return true;
}

/**
 * A funder's search over financing leads, matched on what the anonymised lead shows (as the leads
 * list's amountBand, purpose, sector and districtCode filters read it): its KUR band, purpose, and
 * the sector and kecamatan of its release, a value generalised away (null) matching no criterion
 * that names one. The match says nothing the lead list does not show.
 */
export interface LeadCriteria {
  amountBands: readonly string[];
  purposes: readonly string[];
  sectors: readonly string[];
  districtCodes: readonly string[];
}

export interface ShownLead {
  amountBand: string;
  purpose: string;
  sector: string | null;
  districtCode: string | null;
}

export function matchesLeadSearch(search: LeadCriteria, lead: ShownLead): boolean {
  const fits = (wanted: readonly string[], shown: string | null) => wanted.length === 0 || (shown !== null && wanted.includes(shown));
  return fits(search.amountBands, lead.amountBand) && fits(search.purposes, lead.purpose) && fits(search.sectors, lead.sector) && fits(search.districtCodes, lead.districtCode);
}
