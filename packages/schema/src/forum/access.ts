import { SCOPE } from '../auth/key-scopes';
import { allows, policies } from '../auth/policies';
import { hasApiScope, isStaff, type Viewer } from '../auth/viewer';
import { NO_ID } from '../domain/identifiers/uuid';
import type { Prisma } from '../generated/prisma/client';

/**
 * Who may see and do what at a forum.
 *
 * - Disperin staff (ADMIN, OFFICER): see everything; lifecycle, scheduling and no-shows are theirs alone.
 *   What they change, they change at the forums of their own office's kabupaten/kota only (the
 *   provincial office: all): every mutation names its forum's region (forum/service/region.ts).
 * - A participant's own people: members of the registered enterprise, members of the registered
 *   partner, and the partner's API keys carrying `SESSIONS_WRITE`. They see the participant's
 *   private data (attendees, availability, cap, requests, agenda) and act for it.
 * - Everyone: forums that are not DRAFT, their slots, tables, participant organisations and statistics.
 */
interface ParticipantOwner {
  enterpriseId: string | null;
  partnerId: string | null;
}

/** True when the viewer acts for this participant (not counting staff): policies.participantOwnPeople. */
export function actsFor(viewer: Viewer, p: ParticipantOwner): boolean {
  return allows(viewer, policies.participantOwnPeople(p));
}

/** Prisma filter: participants the viewer acts for (matches nothing for anyone else). */
export function ownParticipantsWhere(viewer: Viewer): Prisma.ForumParticipantWhereInput {
  const or: Prisma.ForumParticipantWhereInput[] = [];
  if (viewer.enterpriseIds.length > 0) or.push({ enterpriseId: { in: [...viewer.enterpriseIds] } });
  if (viewer.partner && hasApiScope(viewer, SCOPE.SESSIONS_WRITE)) or.push({ partnerId: viewer.partner.id });
  return or.length > 0 ? { OR: or } : { id: NO_ID };
}

/** Forums the viewer may see: every one for staff, all but drafts for everyone else. */
export function visibleForumsWhere(viewer: Viewer): Prisma.MatchmakingSessionWhereInput {
  return isStaff(viewer) ? {} : { status: { not: 'DRAFT' } };
}

/** Meetings the viewer may see: all for staff, those with a seat of its own participants otherwise. */
export function visibleMeetingsWhere(viewer: Viewer): Prisma.MeetingWhereInput {
  return isStaff(viewer) ? {} : { seats: { some: { participant: ownParticipantsWhere(viewer) } } };
}

/** Requests the viewer may see: all for staff, those it sent or received otherwise. */
export function visibleRequestsWhere(viewer: Viewer): Prisma.MeetingRequestWhereInput {
  if (isStaff(viewer)) return {};
  const own = ownParticipantsWhere(viewer);
  return { OR: [{ requester: own }, { recipient: own }] };
}
