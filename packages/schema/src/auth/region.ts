import { batchLoader } from '../common/batch';
import type { Context } from '../context';
import { NO_ID } from '../domain/identifiers/uuid';
import type { Prisma } from '../generated/prisma/client';
import type { UserRole } from '../generated/prisma/enums';
import { allows, policies } from './policies';
import { isStaffRole } from './viewer';

/**
 * Viewer.regencyId of a person (common/region.ts applies it to changes, the functions below to reads): for staff, their office's
 * kabupaten/kota, null for the provincial office, and NO_ID (matching none, never the whole
 * province) without an office; null for everyone else, whom the rule does not concern.
 */
export function viewerRegencyOf(role: UserRole, office: { regencyId: string | null } | null): string | null {
  if (!isStaffRole(role)) return null;
  return office ? office.regencyId : NO_ID;
}

/**
 * The kabupaten/kota (Regency id) of each IKM a request asks about, for policies.staffOf: looked
 * up (one statement per level of the request) only for an officer of a kabupaten/kota's office, the
 * one caller it decides for; null for everyone else.
 */
export async function enterpriseRegency(ctx: Context, enterpriseId: string): Promise<string | null> {
  if (ctx.viewer.regencyId === null) return null;
  const load = batchLoader<string>(ctx, 'enterpriseRegency', async (ids) => {
    const rows = await ctx.prisma.enterprise.findMany({ where: { id: { in: ids } }, select: { id: true, district: { select: { regencyId: true } } } });
    return new Map(rows.map((r) => [r.id, r.district.regencyId]));
  });
  return (await load(enterpriseId)) ?? null;
}

/** A forum's kabupaten/kota as enterpriseRegency gives an IKM's: its kecamatan's, or without one its organising office's. */
export async function forumRegency(ctx: Context, forumId: string): Promise<string | null> {
  if (ctx.viewer.regencyId === null) return null;
  const load = batchLoader<string | null>(ctx, 'forumRegency', async (ids) => {
    const rows = await ctx.prisma.matchmakingSession.findMany({
      where: { id: { in: ids } },
      select: { id: true, organiserRegencyId: true, district: { select: { regencyId: true } } },
    });
    return new Map(rows.map((r) => [r.id, r.district?.regencyId ?? r.organiserRegencyId]));
  });
  return (await load(forumId)) ?? null;
}

/** Whether the caller, being staff, reads this forum's staff-only data (a forum that does not exist: only the provincial office, which then finds none). */
export async function staffReadsForum(ctx: Context, forumId: string): Promise<boolean> {
  return allows(ctx.viewer, { staffOf: await forumRegency(ctx, forumId) });
}

/** policies.enterpriseReaders for this IKM. */
export async function enterpriseReadersOf(ctx: Context, enterpriseId: string) {
  return policies.enterpriseReaders(enterpriseId, await enterpriseRegency(ctx, enterpriseId));
}

/** Whether the caller reads this IKM's staff-only data as one of its own people (policies.enterpriseReaders). */
export async function readsAsOwnPeople(ctx: Context, enterpriseId: string): Promise<boolean> {
  return allows(ctx.viewer, await enterpriseReadersOf(ctx, enterpriseId));
}

/** The IKM whose staff-only data staff read in lists: all of them, or those of the officer's kabupaten/kota. */
export function staffEnterprisesWhere(viewer: Context['viewer']): Prisma.EnterpriseWhereInput {
  return viewer.regencyId === null ? {} : { district: { regencyId: viewer.regencyId } };
}

/** The forums whose staff-only data staff read in lists: all, or those of the officer's kabupaten/kota (forumRegency's rule). */
export function staffForumsWhere(viewer: Context['viewer']): Prisma.MatchmakingSessionWhereInput {
  const regencyId = viewer.regencyId;
  return regencyId === null ? {} : { OR: [{ district: { regencyId } }, { districtId: null, organiserRegencyId: regencyId }] };
}
