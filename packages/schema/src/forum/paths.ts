/**
 * Paths of the printable HTML pages the API server serves (packages/api/src/server/agenda).
 * Database ids (UUIDs) keep them URL-safe; the pages accept a URL-encoded global ID as well.
 */
export function agendaPath(forumId: string, participantId: string): string {
  return `/forums/${forumId}/agenda/${participantId}`;
}

export function wallPlanPath(forumId: string): string {
  return `/forums/${forumId}/wall-plan`;
}
