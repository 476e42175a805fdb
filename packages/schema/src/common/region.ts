import type { Context } from '../context';
import { type Problem, problem } from '../domain/problems';

/**
 * The regional rule of Disperin staff, in one place: an officer of a kabupaten/kota's office
 * creates, changes and archives only records (IKM, sentra, forums) whose kecamatan lies in that
 * kabupaten/kota; the provincial office's staff serve all of Jawa Tengah. Viewer.regencyId holds the
 * limit (auth/region.ts sets it for staff only). Mutations name the kecamatan their change touches
 * (the record's, and a new one it moves to) and runMutation asks this before anything is written.
 */

/** A kecamatan a change touches, and the input field that names the record or the kecamatan. */
export interface RegionTarget {
  /** null: the record has no kecamatan (e.g. a forum venue outside the registry's map); any staff may act. */
  districtId: string | null;
  field: string[];
}

/** FORBIDDEN user errors for the targets outside the caller's kabupaten/kota; none for a caller without a limit. */
export async function outsideRegion(ctx: Pick<Context, 'prisma' | 'viewer'>, targets: readonly RegionTarget[]): Promise<Problem[]> {
  const region = ctx.viewer.regencyId;
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
