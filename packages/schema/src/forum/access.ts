import { SCOPE } from '../auth/key-scopes';
import { allows, policies } from '../auth/policies';
import { hasApiScope, isStaff, type Viewer } from '../auth/viewer';
import { forumRegency, staffForumsWhere } from '../auth/region';
import type { Context } from '../context';
import { NO_ID } from '../domain/identifiers/uuid';
import type { Prisma } from '../generated/prisma/client';

/**
 * Who may see and do what at a forum.
 *
 * - Disperin staff (ADMIN, OFFICER): see everything of the forums of their own office's
 *   kabupaten/kota (the provincial office: of all; common/region.ts), and of the others what everyone
 *   sees; lifecycle, scheduling and no-shows are theirs alone. What they change, they change at the
 *   forums of their own kabupaten/kota only: every mutation names its forum's region (forum/service/region.ts).
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

/** The private data of a participant: its own people, and the staff of its forum's kabupaten/kota. */
export async function participantReadersOf(ctx: Context, p: ParticipantOwner & { sessionId: string }) {
  return policies.participantReaders(p, await forumRegency(ctx, p.sessionId));
}

/** Forums the viewer may see: all but drafts, and for staff their kabupaten/kota's drafts too (every draft: the provincial office). */
export function visibleForumsWhere(viewer: Viewer): Prisma.MatchmakingSessionWhereInput {
  if (!isStaff(viewer)) return { status: { not: 'DRAFT' } };
  return viewer.regencyId === null ? {} : { OR: [{ status: { not: 'DRAFT' } }, staffForumsWhere(viewer)] };
}

/** Meetings the viewer may see: staff those of their kabupaten/kota's forums, everyone else those with a seat of its own participants. */
export function visibleMeetingsWhere(viewer: Viewer): Prisma.MeetingWhereInput {
  if (isStaff(viewer)) return viewer.regencyId === null ? {} : { session: staffForumsWhere(viewer) };
  return { seats: { some: { participant: ownParticipantsWhere(viewer) } } };
}

/** Requests the viewer may see: staff those of their kabupaten/kota's forums, everyone else those it sent or received. */
export function visibleRequestsWhere(viewer: Viewer): Prisma.MeetingRequestWhereInput {
  if (isStaff(viewer)) return viewer.regencyId === null ? {} : { session: staffForumsWhere(viewer) };
  const own = ownParticipantsWhere(viewer);
  return { OR: [{ requester: own }, { recipient: own }] };
}
