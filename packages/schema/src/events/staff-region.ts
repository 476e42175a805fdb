import type { Viewer } from '../auth/viewer';
import { decodedGlobalId } from '../common/global-id';
import { staffOffersWhere } from '../consortium/region';
import type { Context } from '../context';

/**
 * Whether a member of staff reads the record an event for staff is about, as the queries decide
 * (auth/region.ts): staff of a kabupaten/kota's office read their own region's consortium offers
 * and shares only. Events for staff are about those two; any other subject reaches regional staff
 * not at all, so a new kind of staff event stays within the provincial office until it has a rule.
 */
export async function staffReadsSubject(ctx: Pick<Context, 'prisma'>, viewer: Viewer, subjectId: string): Promise<boolean> {
  if (viewer.regencyId === null) return true;
  const subject = decodedGlobalId(subjectId);
  const offer = staffOffersWhere(viewer);
  if (subject?.typename === 'ConsortiumOffer') return (await ctx.prisma.consortiumOffer.count({ where: { AND: [{ id: subject.id }, offer] } })) > 0;
  if (subject?.typename === 'ConsortiumShare') return (await ctx.prisma.consortiumShare.count({ where: { id: subject.id, offer } })) > 0;
  return false;
}
