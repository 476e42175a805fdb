import type { Prisma } from '@temu-bisnis/schema/prisma';
import { districtId, REGISTRY_OPENED_AT } from './districts';
import { stableId } from './ids';
import type { SentraData } from './reference-data';

export function sentraId(slug: string): string {
  return stableId('sentra', slug);
}

/** The 20 Sentra IKM, each with its landmark in its kecamatan. */
export function buildSentra(sentra: readonly SentraData[]): Prisma.SentraCreateManyInput[] {
  return sentra.map((s) => ({
    id: sentraId(s.slug),
    slug: s.slug,
    name: s.name,
    description: s.description,
    landmark: s.landmark,
    districtId: districtId(s.district),
    sector: s.sector,
    flagshipProducts: s.flagshipProducts,
    programStage: s.programStage,
    isDemo: true,
    createdAt: REGISTRY_OPENED_AT,
    updatedAt: REGISTRY_OPENED_AT,
  }));
}
