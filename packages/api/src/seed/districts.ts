import type { Prisma } from '@temu-bisnis/schema/prisma';
import { stableId } from './ids';
import type { DistrictData } from './reference-data';

/** When the reference rows (districts, sentra) were registered in the demo registry. */
export const REGISTRY_OPENED_AT = new Date('2025-01-06T01:00:00.000Z');

export function districtId(code: string): string {
  return stableId('district', code);
}

/** The 16 kecamatan of Kota Semarang, 33.74.01–33.74.16, in Kemendagri order. */
export function buildDistricts(districts: readonly DistrictData[]): Prisma.DistrictCreateManyInput[] {
  return districts.map((d) => ({ id: districtId(d.code), code: d.code, name: d.name, createdAt: REGISTRY_OPENED_AT }));
}

export function districtByCode(districts: readonly DistrictData[], code: string): DistrictData {
  const district = districts.find((d) => d.code === code);
  if (!district) throw new Error(`seed data: unknown kecamatan code "${code}"`);
  return district;
}
