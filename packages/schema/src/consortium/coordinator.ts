import { isStaff, type Viewer } from '../auth/viewer';
import { forbidden } from '../common/errors';
import { idOf } from '../common/global-id';
import { refuse, runMutation } from '../common/mutation';
import { failed } from '../common/payload';
import { userError } from '../common/user-errors';
import type { Context } from '../context';

/**
 * The sentra's coordinator (koordinator sentra): a person of one of its active members, named by
 * Disperin staff. The coordinator proposes consortium offers for that sentra, sends and withdraws
 * them, records deliveries and is the buyer's one contact; staff do all of it for any offer.
 */

const f = (...path: string[]) => ['input', ...path];

/** Whether the viewer runs the offer: staff, or the offer's contact person. */
export function runsOffer(viewer: Viewer, offer: { contactUserId: string | null }): boolean {
  return isStaff(viewer) || (viewer.userId !== null && offer.contactUserId === viewer.userId);
}

/**
 * Who may propose an offer for this sentra (null: an ad-hoc group): staff for any; the sentra's
 * coordinator for its own. Anyone else is FORBIDDEN, before anything is read from the input.
 */
export async function demandProposer(ctx: Context, sentraId: string | null): Promise<void> {
  if (isStaff(ctx.viewer)) return;
  const sentra = sentraId && ctx.viewer.userId ? await ctx.prisma.sentra.findUnique({ where: { id: sentraId }, select: { coordinatorUserId: true } }) : null;
  if (sentra && sentra.coordinatorUserId === ctx.viewer.userId) return;
  throw forbidden("Only Disperin staff, or a sentra's coordinator for its own sentra, propose a consortium offer.", 'staff or sentraCoordinator');
}

export interface CoordinatorSetInput {
  sentraId: string | number;
  userId?: string | null;
}

/** sentraCoordinatorSet: staff name the sentra's coordinator, or clear it (userId null). */
export async function setSentraCoordinator(ctx: Context, input: CoordinatorSetInput) {
  const sentraId = idOf(String(input.sentraId), 'Sentra');
  const sentra = sentraId ? await ctx.prisma.sentra.findUnique({ where: { id: sentraId }, select: { id: true, districtId: true } }) : null;
  if (!sentraId || !sentra) return failed([userError('NOT_FOUND', f('sentraId'), 'No sentra has this ID.')]);
  const userId = input.userId ?? null;
  return runMutation(ctx, {
    region: () => [{ districtId: sentra.districtId, field: f('sentraId') }],
    run: async (tx) => {
      if (userId !== null) {
        const person = await tx.user.findUnique({
          where: { id: userId },
          select: { memberships: { where: { enterprise: { sentraId, status: 'ACTIVE' } }, select: { id: true } } },
        });
        if (!person) refuse({ code: 'NOT_FOUND', field: f('userId'), message: 'No person has this ID.' });
        if (person.memberships.length === 0) refuse({ code: 'INVALID_VALUE', field: f('userId'), message: 'The coordinator must be a person of one of the sentra’s active members.' });
      }
      return tx.sentra.update({ where: { id: sentraId }, data: { coordinatorUserId: userId } });
    },
  });
}
