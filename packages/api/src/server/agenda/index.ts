import type { IncomingMessage } from 'node:http';
import { type Context, encodeGlobalID } from '@temu-bisnis/schema';
import { USER_TOKEN_PREFIX } from '@temu-bisnis/schema/auth/secrets';
import { isAnonymous } from '@temu-bisnis/schema/auth/viewer';
import { isUuid } from '@temu-bisnis/schema/domain/identifiers/uuid';
import { FORUM_PAGE_PREFIX, forumPageOf } from '@temu-bisnis/schema/forum/paths';
import type { Viewer } from '@temu-bisnis/schema';
import { type DocumentNode, parse } from 'graphql';
import type { Authentication } from '../../auth/authenticate';
import type { Route, RouteRequest } from '../route';
import { type AgendaParticipant, agendaPage, errorPage, type ForumHead, type WallPlan, wallPlanPage } from './pages';

/**
 * Printable HTML pages of a Temu Bisnis forum, served by the API server beside /graphql:
 *
 *   GET /forums/:forumId/agenda/:participantId   a participant's agenda
 *   GET /forums/:forumId/wall-plan                the table × slot grid for the wall at the venue
 *
 * The ids are the database ids (UUIDs) that ForumParticipant.agendaUrl and Forum.wallPlanUrl put
 * in the path; a URL-encoded global ID of the right type works too.
 *
 * Authorisation is the API's own: the page runs a GraphQL query through the schema as the caller,
 * so it shows exactly what the caller may read there.
 * - Agenda: Disperin staff of the forum's kabupaten/kota or the provincial office (auth/region.ts),
 *   and the participant's own people (members of its enterprise or partner,
 *   the partner's API keys with SESSIONS_WRITE). Anyone else: 401 without credentials, 403 with.
 * - Wall plan: public while the forum is SCHEDULED or IN_PROGRESS (it hangs at the venue and shows
 *   organisation names only); the staff who read the agenda always.
 * - Credentials: `Authorization: Bearer <token or API key>`, or `?token=<sign-in token>` so that a
 *   person can open or print the page in a browser. The query parameter takes a person's sign-in
 *   token only (tb_user_…, which expires); API keys are long-lived and must use the header. The
 *   request log never records query strings, and responses say `Referrer-Policy: no-referrer`
 *   and `Cache-Control: no-store`, so the token does not travel further.
 * - Responses: 200 text/html (UTF-8); 400, 401, 403, 404, 405 as small HTML pages. Every value is
 *   HTML-escaped; the Content-Security-Policy allows no script at all.
 */
export { FORUM_PAGE_PREFIX };

const FORUM_FIELDS = `id title venue address date timeZone status district { name }`;

const AGENDA_QUERY = parse(/* GraphQL */ `
  query ForumAgendaPage($forumId: ID!, $participantId: ID!) {
    forum: node(id: $forumId) { ... on Forum { ${FORUM_FIELDS} } }
    participant: node(id: $participantId) {
      ... on ForumParticipant {
        id
        name
        side
        attendees
        forum { id }
        agenda {
          localStartTime
          localEndTime
          timeZone
          tableName
          status
          checkedIn
          counterpart { name }
          counterpartProfile { name side partnerKind funderType sectors districtName summary products offers }
        }
      }
    }
  }
`);

const WALL_PLAN_QUERY = parse(/* GraphQL */ `
  query ForumWallPlanPage($forumId: ID!) {
    forum: node(id: $forumId) {
      ... on Forum {
        ${FORUM_FIELDS}
        wallPlan {
          tables { name }
          rows { label isBreak cells { participantNames status } }
        }
      }
    }
  }
`);

class PageError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A path segment as a global ID of `typename`: a UUID, or an (URL-encoded) global ID of that type. */
function globalIdOf(segment: string, typename: string): string {
  let text: string;
  try {
    text = decodeURIComponent(segment);
  } catch {
    throw new PageError(404, 'Halaman ini tidak ada.');
  }
  if (isUuid(text)) return encodeGlobalID(typename, text.toLowerCase());
  const decoded = Buffer.from(text, 'base64').toString('utf8');
  const [type, id] = decoded.split(':');
  if (type === typename && id && isUuid(id)) return text;
  throw new PageError(404, 'Halaman ini tidak ada.');
}

/**
 * The credential of a page request: the Authorization header, else ?token= when it holds a
 * person's sign-in token. The server authenticates it once, before routing (http.ts).
 */
export function pageCredential(req: IncomingMessage): string | null {
  if (req.headers.authorization) return req.headers.authorization;
  const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
  return token?.startsWith(USER_TOKEN_PREFIX) ? `Bearer ${token}` : null;
}

/** The caller the server authenticated from pageCredential. */
function viewerOf(request: Request, url: URL, auth: Authentication): Viewer {
  const token = url.searchParams.get('token');
  if (!request.headers.get('authorization') && token !== null && !token.startsWith(USER_TOKEN_PREFIX)) {
    throw new PageError(401, '?token= menerima token masuk (sign-in token) seseorang saja; kunci API dikirim di header Authorization.');
  }
  if ('error' in auth) throw new PageError(401, 'Token tidak dikenal, kedaluwarsa atau dicabut. Silakan masuk kembali.');
  return auth.viewer;
}



function htmlResponse(status: number, body: string, head: boolean, extra: Record<string, string> = {}): Response {
  return new Response(head ? null : body, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      ...extra,
    },
  });
}

/** Runs a page's query as the caller, through yoga's context and execution (route.ts). */
async function run<T>(route: RouteRequest, context: Context, document: DocumentNode, variables: Record<string, unknown>): Promise<T> {
  const result = await route.execute<T>(document, variables, context);
  if (result.errors?.length) throw result.errors[0];
  return result.data!;
}

export const forumPagesRoute: Route = {
  matches: (pathname) => pathname.startsWith(FORUM_PAGE_PREFIX),
  serve: async (route) => {
  const { request, url, auth, logger } = route;
  const head = request.method === 'HEAD';
  try {
    if (request.method !== 'GET' && !head) throw new PageError(405, 'Gunakan GET.');
    const page = forumPageOf(url.pathname);
    if (!page) throw new PageError(404, 'Halaman ini tidak ada.');
    const viewer = viewerOf(request, url, auth);
    const context = await route.context();
    const { now } = context;
    const denied = () =>
      new PageError(isAnonymous(viewer) ? 401 : 403, isAnonymous(viewer)
        ? 'Masuk dulu: kirim header Authorization: Bearer <token>, atau buka tautan dengan ?token=<token masuk>.'
        : 'Halaman ini hanya untuk petugas Disperin dan peserta yang bersangkutan.');

    if (page.page === 'agenda') {
      const forumId = globalIdOf(page.forumId, 'Forum');
      const participantId = globalIdOf(page.participantId, 'ForumParticipant');
      const data = await run<{ forum: ForumHead | null; participant: AgendaParticipant | null }>(route, context, AGENDA_QUERY, { forumId, participantId });
      if (!data.forum?.id || !data.participant?.id || data.participant.forum.id !== data.forum.id) {
        throw new PageError(404, 'Forum atau peserta ini tidak ditemukan.');
      }
      if (data.participant.agenda === null) throw denied();
      return htmlResponse(200, agendaPage(data.forum, data.participant, now), head);
    }
    const forumId = globalIdOf(page.forumId, 'Forum');
    const data = await run<{ forum: (ForumHead & { wallPlan: WallPlan | null }) | null }>(route, context, WALL_PLAN_QUERY, { forumId });
    if (!data.forum?.id) throw new PageError(404, 'Forum ini tidak ditemukan.');
    if (!data.forum.wallPlan) {
      if (isAnonymous(viewer)) throw denied();
      throw new PageError(403, 'Denah meja terbuka untuk umum saat jadwal terbit dan pada hari forum; selain itu hanya untuk petugas Disperin.');
    }
    return htmlResponse(200, wallPlanPage(data.forum, data.forum.wallPlan, now), head);
  } catch (error) {
    if (error instanceof PageError) {
      return htmlResponse(error.status, errorPage(error.status, error.message), head, {
        ...(error.status === 401 ? { 'www-authenticate': 'Bearer' } : {}),
        ...(error.status === 405 ? { allow: 'GET, HEAD' } : {}),
      });
    }
    logger.error('forum page failed', { error: error instanceof Error ? error.message : String(error) });
    return htmlResponse(500, errorPage(500, 'Terjadi kesalahan. Coba lagi nanti.'), head);
  }
  },
};
