import { badFilter } from '../common/errors';
import { isRegencyCodeFormat } from '../domain/regions';
import type { Prisma } from '../generated/prisma/client';

/** Jawa Tengah has 35 kabupaten/kota: a longer list cannot be meant. */
const MAX_REGENCY_CODES = 35;

/** A list filter's `regencyCodes`, trimmed; a malformed or too long list is BAD_USER_INPUT (never echoing it). */
export function regencyCodesFilter(codes: readonly string[] | null | undefined): string[] | null {
  if (codes == null) return null;
  if (codes.length > MAX_REGENCY_CODES) throw badFilter('regencyCodes', `at most ${MAX_REGENCY_CODES} codes.`);
  const trimmed = codes.map((c) => c.trim());
  const bad = trimmed.findIndex((c) => !isRegencyCodeFormat(c));
  if (bad !== -1) throw badFilter('regencyCodes', `item ${bad} is not a Kemendagri kabupaten/kota code, NN.NN (e.g. 33.74 for Kota Semarang).`);
  return trimmed;
}

/**
 * Kecamatan of these kabupaten/kota, as a relation filter on a record's district: Prisma writes it
 * as `districtId IN (SELECT id FROM "District" … WHERE regency code IN …)`, which the unique index
 * (regencyId, name) and the records' districtId indexes serve.
 */
export function districtInRegencies(codes: readonly string[]): Prisma.DistrictWhereInput {
  return { regency: { code: { in: [...codes] } } };
}
