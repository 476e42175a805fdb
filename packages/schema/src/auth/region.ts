import type { Context } from '../context';
import { NO_ID } from '../domain/identifiers/uuid';
import { type Problem, problem } from '../domain/problems';
import { isStaff, type Viewer } from './viewer';

/**
 * The regional rule of Disperin staff, in one place: an officer of a kabupaten/kota's office
 * creates, changes and archives only records (IKM, sentra, forums) whose kecamatan lies in that
 * kabupaten/kota; the provincial office's staff serve all of Jawa Tengah. Mutations name the
 * kecamatan their change touches (the record's, and a new one it moves to) and runMutation asks
 * this before anything is written; staff-only reads narrow themselves with `staffRegionOf`.
 */

/** A kecamatan a change touches, and the input field that names the record or the kecamatan. */
export interface RegionTarget {
  /** null: the record has no kecamatan (e.g. a forum venue outside the registry's map); any staff may act. */
  districtId: string | null;
  field: string[];
}

/**
 * Viewer.regencyId of a person from their office: the office's kabupaten/kota, null for the
 * provincial office; a person without an office serves no kabupaten/kota (NO_ID matches none),
 * never the whole province.
 */
export function viewerRegencyOf(office: { regencyId: string | null } | null): string | null {
  return office ? office.regencyId : NO_ID;
}

/** The one kabupaten/kota a staff member is limited to; null when not limited (provincial staff, or not staff). */
export function staffRegionOf(viewer: Viewer): string | null {
  return isStaff(viewer) ? viewer.regencyId : null;
}

/** FORBIDDEN user errors for the targets outside the caller's region; none for everyone but regional staff. */
export async function outsideRegion(ctx: Context, targets: readonly RegionTarget[]): Promise<Problem[]> {
  const region = staffRegionOf(ctx.viewer);
  if (region === null) return [];
  const ids = targets.flatMap((t) => (t.districtId ? [t.districtId] : []));
  if (ids.length === 0) return [];
  const districts = await ctx.prisma.district.findMany({ where: { id: { in: ids } }, select: { id: true, regencyId: true } });
  const regencyOf = new Map(districts.map((d) => [d.id, d.regencyId]));
  return targets
    .filter((t) => t.districtId !== null && regencyOf.get(t.districtId) !== region)
    .map((t) =>
      problem('FORBIDDEN', t.field, "This record's kabupaten/kota is outside the region of your Disperin office: its own office or the provincial office may change it."),
    );
}
