import { type Problem, problem } from '../domain/problems';
import type { PrismaClient } from '../generated/prisma/client';

const DISTRICT_CODE = /^33\.74\.(0[1-9]|1[0-6])$/;

/** A Kemendagri code of one of the 16 kecamatan of Kota Semarang, 33.74.01 to 33.74.16. */
export function isDistrictCode(code: string): boolean {
  return DISTRICT_CODE.test(code);
}

/**
 * The one answer every mutation gives to a district code that names no kecamatan of Kota
 * Semarang: INVALID_VALUE (a code is a value, not the ID of a record). Kemendagri numbers the
 * 16 kecamatan 33.74.01 to 33.74.16.
 */
export function unknownDistrict(field: string[]): Problem {
  return problem('INVALID_VALUE', field, 'This is not the Kemendagri code of a kecamatan of Kota Semarang (33.74.01 to 33.74.16).');
}

/** The id of the district with this code; undefined, with the problem added, for an unknown code. */
export async function districtIdOf(
  prisma: Pick<PrismaClient, 'district'>,
  code: string,
  field: string[],
  problems: Problem[],
): Promise<string | undefined> {
  const district = await prisma.district.findUnique({ where: { code: code.trim() }, select: { id: true } });
  if (!district) problems.push(unknownDistrict(field));
  return district?.id;
}
