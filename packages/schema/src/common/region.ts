import type { Context } from '../context';
import { type Problem, problem } from '../domain/problems';

/**
 * The regional rule of Disperin staff, in one place: an officer of a kabupaten/kota's office
 * creates, changes and archives only records (IKM, sentra, forums) whose kecamatan lies in that
 * kabupaten/kota; the provincial office's staff serve all of Jawa Tengah. Viewer.regencyId holds the
 * limit (auth/region.ts sets it for staff only). Mutations name the kecamatan their change touches
 * (the record's, and a new one it moves to) and runMutation asks this before anything is written,
 * and before the input is validated: an officer of another office learns nothing of the record.
 * A forum is its kecamatan's; one without a kecamatan is its organising office's (the office of
 * the officer who created it), so an office runs the online forums it organises and no other
 * office's. Forum work done by staff on a participant's behalf (registering, answering requests,
 * check-in, outcomes, feedback, follow-ups) follows the forum (forum/service/region.ts), and a
 * consortium offer its sentra's kecamatan, or an ad-hoc group's its coordinating IKM's.
 *
 * Reading follows the same rule. Beyond the public directory (what anyone reads), an officer of a
 * kabupaten/kota's office reads the staff-only data of its own kabupaten/kota's records only: an
 * IKM's private fields and figures, contacts, consents, financing needs and data access log, and the
 * audit trail (by the IKM's kecamatan); a forum's drafts, participants' private data, requests and
 * meetings (by the forum's kecamatan, or its organising office); recommendations rank only its IKM;
 * reports count only its IKM (report/region.ts). Of another kabupaten/kota's records it reads what
 * the public reads. A record is decided by policies.staffOf with the record's kabupaten/kota (looked
 * up in auth/region.ts, for regional officers only), a list by the where clauses there.
 */

/**
 * A kecamatan a change touches, and the input field that names the record or the kecamatan. A
 * record without a kecamatan (a forum held online or outside the registry's map) belongs to the
 * kabupaten/kota in `regencyId`: a forum's organising office's; null or absent, the provincial
 * office's, which regional staff do not change.
 */
export interface RegionTarget {
  districtId: string | null;
  /** Only read when districtId is null. */
  regencyId?: string | null;
  field: string[];
}

/**
 * The region step of a change to no kabupaten/kota's record: a partner's (banks and distributors
 * serve several kabupaten/kota and have no office of their own), a funder's pipeline, the caller's
 * own keys, webhooks and saved searches. runMutation asks every mutation for its region, so that
 * leaving it out is a decision written down here, not an oversight.
 */
export const NOT_REGIONAL = (): readonly RegionTarget[] => [];

/**
 * FORBIDDEN user errors for the targets outside the caller's kabupaten/kota; none for a caller
 * without a limit. `prisma` may be a mutation's transaction, for targets found inside it.
 */
export async function outsideRegion(ctx: { prisma: Pick<Context['prisma'], 'district'>; viewer: Context['viewer'] }, targets: readonly RegionTarget[]): Promise<Problem[]> {
  const region = ctx.viewer.regencyId;
  if (region === null || targets.length === 0) return [];
  const ids = targets.flatMap((t) => (t.districtId ? [t.districtId] : []));
  const districts = ids.length === 0 ? [] : await ctx.prisma.district.findMany({ where: { id: { in: ids } }, select: { id: true, regencyId: true } });
  const regencyOf = new Map(districts.map((d) => [d.id, d.regencyId]));
  return targets
    .filter((t) => (t.districtId !== null ? regencyOf.get(t.districtId) : (t.regencyId ?? null)) !== region)
    .map((t) =>
      problem('FORBIDDEN', t.field, "This record's kabupaten/kota is outside the region of your Disperin office: its own office or the provincial office may change it."),
    );
}
