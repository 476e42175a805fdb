import { JAWA_TENGAH, regencyKindOf } from '@temu-bisnis/schema/domain/regions';
import type { Prisma } from '@temu-bisnis/schema/prisma';
import { stableId } from './ids';
import type { DistrictData, PeopleData, RegencyData } from './reference-data';

/** When the reference rows (regions, offices, sentra) were registered in the demo registry. */
export const REGISTRY_OPENED_AT = new Date('2025-01-06T01:00:00.000Z');

/** Kota Semarang: the kabupaten/kota of the demo's sentra, forums and most of its IKM. */
export const DEMO_REGENCY = '33.74';

export function regencyId(code: string): string {
  return stableId('regency', code);
}

export function districtId(code: string): string {
  return stableId('district', code);
}

export function officeId(name: string): string {
  return stableId('disperin-office', name);
}

/** The 35 kabupaten/kota of Jawa Tengah, in Kemendagri order. */
export function buildRegencies(regencies: readonly RegencyData[]): Prisma.RegencyCreateManyInput[] {
  return regencies.map((r) => ({
    id: regencyId(r.code),
    code: r.code,
    name: r.name,
    kind: regencyKindOf(r.code),
    provinceCode: JAWA_TENGAH,
    createdAt: REGISTRY_OPENED_AT,
  }));
}

/** The 576 kecamatan of Jawa Tengah, 16 of them in Kota Semarang (33.74.01–33.74.16), in Kemendagri order. */
export function buildDistricts(regencies: readonly RegencyData[]): Prisma.DistrictCreateManyInput[] {
  return regencies.flatMap((r) =>
    r.districts.map(([code, name]) => ({ id: districtId(code), code, name, regencyId: regencyId(r.code), createdAt: REGISTRY_OPENED_AT })),
  );
}

/** The Disperin offices: one per kabupaten/kota in the demo, and the provincial Dinas (no regency). */
export function buildOffices(people: PeopleData): Prisma.DisperinOfficeCreateManyInput[] {
  return people.offices.map((o) => ({
    id: officeId(o.name),
    name: o.name,
    regencyId: o.regency === null ? null : regencyId(o.regency),
    createdAt: REGISTRY_OPENED_AT,
  }));
}

/** The office serving this kabupaten/kota (null: the provincial office). */
export function officeOf(people: PeopleData, regency: string | null): string {
  const office = people.offices.find((o) => o.regency === regency);
  if (!office) throw new Error(`seed data: no Disperin office serves "${regency ?? 'the province'}"`);
  return officeId(office.name);
}

export function districtByCode(districts: readonly DistrictData[], code: string): DistrictData {
  const district = districts.find((d) => d.code === code);
  if (!district) throw new Error(`seed data: unknown kecamatan code "${code}"`);
  return district;
}
