import { requestCache } from '../common/request-cache';
import type { Context } from '../context';

export interface Counterparts {
  enterpriseIds: ReadonlySet<string>;
  partnerIds: ReadonlySet<string>;
}

/**
 * The organisations the caller's own organisation has an accepted meeting request with, at any
 * forum and in either direction: after both sides said yes to meeting, each may call the other, so
 * contact details open up between them. One statement per request, however many contacts it shows.
 */
export function meetingCounterparts(ctx: Context): Promise<Counterparts> {
  return requestCache(ctx, 'auth:meetingCounterparts', async () => {
    const { partner, enterpriseIds } = ctx.viewer;
    const mine = [...(partner ? [{ partnerId: partner.id }] : []), ...enterpriseIds.map((enterpriseId) => ({ enterpriseId }))];
    const found = { enterpriseIds: new Set<string>(), partnerIds: new Set<string>() };
    if (mine.length === 0) return found;
    const requests = await ctx.prisma.meetingRequest.findMany({
      where: { status: 'ACCEPTED', OR: [{ requester: { OR: mine } }, { recipient: { OR: mine } }] },
      select: {
        requester: { select: { enterpriseId: true, partnerId: true } },
        recipient: { select: { enterpriseId: true, partnerId: true } },
      },
    });
    const isMine = (p: { enterpriseId: string | null; partnerId: string | null }) =>
      (p.partnerId !== null && p.partnerId === partner?.id) || (p.enterpriseId !== null && enterpriseIds.includes(p.enterpriseId));
    for (const { requester, recipient } of requests) {
      const other = isMine(requester) ? recipient : requester;
      if (other.enterpriseId) found.enterpriseIds.add(other.enterpriseId);
      if (other.partnerId) found.partnerIds.add(other.partnerId);
    }
    return found;
  });
}
