/**
 * The URLs of a forum's printable HTML pages, built here (ForumParticipant.agendaUrl,
 * Forum.wallPlanUrl) and parsed here (the API server's forum-page route): one module owns them.
 * Database ids (UUIDs) keep them URL-safe; the route accepts a URL-encoded global ID as well.
 */
export const FORUM_PAGE_PREFIX = '/forums/';

export function agendaPath(forumId: string, participantId: string): string {
  return `${FORUM_PAGE_PREFIX}${forumId}/agenda/${participantId}`;
}

export function wallPlanPath(forumId: string): string {
  return `${FORUM_PAGE_PREFIX}${forumId}/wall-plan`;
}

const AGENDA_PATH = /^\/forums\/([^/]+)\/agenda\/([^/]+)\/?$/;
const WALL_PLAN_PATH = /^\/forums\/([^/]+)\/wall-plan\/?$/;

/** A forum page a path names, with its id segments as they stand in the path (still URL-encoded). */
export type ForumPage = { page: 'agenda'; forumId: string; participantId: string } | { page: 'wall-plan'; forumId: string };

/** The page `pathname` names (agendaPath or wallPlanPath, a trailing slash allowed), or null. */
export function forumPageOf(pathname: string): ForumPage | null {
  const agenda = AGENDA_PATH.exec(pathname);
  if (agenda) return { page: 'agenda', forumId: agenda[1]!, participantId: agenda[2]! };
  const wall = WALL_PLAN_PATH.exec(pathname);
  return wall ? { page: 'wall-plan', forumId: wall[1]! } : null;
}
