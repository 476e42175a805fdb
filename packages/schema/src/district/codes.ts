import { type Problem, problem } from '../domain/problems';
import { isDistrictCodeFormat } from '../domain/regions';
import type { PrismaClient } from '../generated/prisma/client';

/**
 * Whether the text has the shape of a Kemendagri kecamatan code, NN.NN.NN (e.g. 33.74.12). Which
 * codes exist is the District table's to say: the 576 kecamatan of Jawa Tengah.
 */
export function isDistrictCode(code: string): boolean {
  return isDistrictCodeFormat(code);
}

/** What a kecamatan code must be, for messages (never the value the caller sent). */
export const DISTRICT_CODE_RULE = 'the Kemendagri code of a kecamatan of Jawa Tengah, NN.NN.NN (e.g. 33.74.12 for Gunungpati, Kota Semarang)';

/**
 * The one answer every mutation gives to a district code that names no kecamatan in the registry:
 * INVALID_VALUE (a code is a value, not the ID of a record).
 */
export function unknownDistrict(field: string[]): Problem {
  return problem('INVALID_VALUE', field, `This is not ${DISTRICT_CODE_RULE}.`);
}

/**
 * Index of the first code that names no kecamatan in the registry (malformed, or missing from the
 * District table); -1 when all do. One query for the lot: a filter's codes are checked like this.
 */
export async function firstUnknownDistrict(prisma: Pick<PrismaClient, 'district'>, codes: readonly string[]): Promise<number> {
  const wellFormed = codes.filter(isDistrictCode);
  const rows = wellFormed.length > 0 ? await prisma.district.findMany({ where: { code: { in: wellFormed } }, select: { code: true } }) : [];
  const known = new Set(rows.map((d) => d.code));
  return codes.findIndex((c) => !known.has(c));
}

/** The id of the district with this code; undefined, with the problem added, for an unknown code. */
export async function districtIdOf(
  prisma: Pick<PrismaClient, 'district'>,
  code: string,
  field: string[],
  problems: Problem[],
): Promise<string | undefined> {
  const trimmed = code.trim();
  const district = isDistrictCode(trimmed) ? await prisma.district.findUnique({ where: { code: trimmed }, select: { id: true } }) : null;
  if (!district) problems.push(unknownDistrict(field));
  return district?.id;
}
