import { ANONYMOUS, type Viewer } from '@temu-bisnis/schema';
import { honouredScopes } from '@temu-bisnis/schema/auth/key-scopes';
import { viewerRegencyOf } from '@temu-bisnis/schema/auth/region';
import type { FunderType, PartnerKind, RecordStatus, UserRole } from '@temu-bisnis/schema/prisma';
import { hashSecret, isWellFormedSecret, USER_TOKEN_PREFIX } from '@temu-bisnis/schema/auth/secrets';
import type { Database } from '../db/connection';

/**
 * Why a credential was refused, sent as `extensions.reason`. EXPIRED and REVOKED are only ever
 * told to the holder of the real secret (its hash matched a stored one); a guessed or mistyped
 * secret is UNKNOWN, so the answer reveals nothing about keys the caller does not hold.
 */
export type RefusalReason = 'MALFORMED' | 'UNKNOWN' | 'EXPIRED' | 'REVOKED';

export class AuthenticationError extends Error {
  override name = 'AuthenticationError';
  constructor(
    message: string,
    readonly reason: RefusalReason,
  ) {
    super(message);
  }
}

/**
 * The secret of `Authorization: Bearer <secret>`; null without the header. "Bearer " pasted twice
 * (a copied "Bearer tb_key_…" after a client's own "Bearer ") is understood: it is unambiguous.
 */
export function bearerSecret(header: string | null): string | null {
  if (!header) return null;
  const match = /^(?:Bearer\s+)+(\S+)$/i.exec(header.trim());
  if (!match) throw new AuthenticationError('The Authorization header must be "Bearer <token or API key>".', 'MALFORMED');
  const secret = match[1]!;
  // Checked before any lookup: a value that cannot be a secret of ours never reaches the database.
  if (!isWellFormedSecret(secret)) {
    throw new AuthenticationError('Unknown kind of credential: expected a sign-in token (tb_user_…) or an API key (tb_key_…).', 'MALFORMED');
  }
  return secret;
}

/** The refusal of a stored token or key that is no longer live, or of a secret that matches none. */
function refusal(what: 'sign-in token' | 'API key', state: 'unknown' | 'expired' | 'revoked', renew: string): AuthenticationError {
  if (state === 'unknown') return new AuthenticationError(`The ${what} is not recognised: check that it was copied whole.`, 'UNKNOWN');
  return new AuthenticationError(`The ${what} has ${state === 'expired' ? 'expired' : 'been revoked'}; ${renew}`, state === 'expired' ? 'EXPIRED' : 'REVOKED');
}

const NEW_TOKEN = 'sign in again for a new one.';
const NEW_KEY = 'a member of the partner can create a new one (apiKeyCreate).';

/**
 * Resolves `Authorization: Bearer <secret>` to a Viewer. No header means anonymous; a header that
 * does not name a live token or key is an error, so a typo never silently downgrades a caller.
 */
export async function authenticate(db: Database, header: string | null, now: Date): Promise<Viewer> {
  const secret = bearerSecret(header);
  if (secret === null) return ANONYMOUS;
  return secret.startsWith(USER_TOKEN_PREFIX) ? viewerForToken(db, secret, now) : viewerForApiKey(db, secret, now);
}

/**
 * Every authenticated request runs one of the two look-ups below, so each is one statement through
 * the driver (Prisma's query pipeline cost more CPU than the database's work), prepared on
 * PostgreSQL. Times are compared in SQL: the columns are UTC timestamps without a zone, as Prisma
 * writes them, and `now` goes in as UTC the same way.
 */
const TOKEN_SQL = `SELECT u.id AS "userId", u.role::text AS role, u."officeId" IS NOT NULL AS "hasOffice",
  (SELECT o."regencyId" FROM "DisperinOffice" o WHERE o.id = u."officeId") AS "officeRegencyId", t."revokedAt" IS NOT NULL AS revoked, t."expiresAt" <= $2::timestamp(3) AS expired,
  COALESCE((SELECT json_agg(json_build_object('enterpriseId', m."enterpriseId",
      'partner', CASE WHEN p.id IS NULL THEN NULL ELSE json_build_object('id', p.id, 'kind', p.kind, 'funderType', p."funderType", 'status', p.status) END)
    ORDER BY m."createdAt", m.id)
    FROM "OrganisationMembership" m LEFT JOIN "Partner" p ON p.id = m."partnerId" WHERE m."userId" = u.id), '[]') AS memberships
FROM "AccessToken" t JOIN "User" u ON u.id = t."userId" WHERE t.hash = $1`;

type TokenRow = {
  userId: string;
  role: UserRole;
  hasOffice: boolean;
  officeRegencyId: string | null;
  revoked: boolean;
  expired: boolean;
  memberships: { enterpriseId: string | null; partner: (NonNullable<Viewer['partner']> & { status: RecordStatus }) | null }[];
};

async function viewerForToken(db: Database, secret: string, now: Date): Promise<Viewer> {
  const [token] = await db.query<TokenRow>(TOKEN_SQL, [hashSecret(secret), now.toISOString()], 'authenticate_token');
  if (!token) throw refusal('sign-in token', 'unknown', NEW_TOKEN);
  if (token.revoked) throw refusal('sign-in token', 'revoked', NEW_TOKEN);
  if (token.expired) throw refusal('sign-in token', 'expired', NEW_TOKEN);
  // An archived partner's members no longer act for it, exactly as its API keys stop working
  // (partnerArchive). An archived enterprise's members keep their rights: they are the data
  // subjects of its record and must still be able to read it and revoke consents (UU 27/2022).
  const partnerMembership = token.memberships.find((m) => m.partner?.status === 'ACTIVE');
  const { status: _status, ...partner } = partnerMembership?.partner ?? { status: null };
  return {
    userId: token.userId,
    apiKeyId: null,
    role: token.role,
    enterpriseIds: token.memberships.flatMap((m) => (m.enterpriseId ? [m.enterpriseId] : [])),
    partner: partnerMembership ? (partner as NonNullable<Viewer['partner']>) : null,
    scopes: null,
    regencyId: viewerRegencyOf(token.role, token.hasOffice ? { regencyId: token.officeRegencyId } : null),
  };
}

/**
 * Whether the key's creator still belongs to its partner is asked with the key (lead scopes depend
 * on it); `stale` says whether lastUsedAt is over a minute old.
 */
const API_KEY_SQL = `SELECT k.id, k.scopes::text[] AS scopes, k."createdById" IS NOT NULL AND EXISTS (
    SELECT 1 FROM "OrganisationMembership" m WHERE m."userId" = k."createdById" AND m."partnerId" = k."partnerId") AS "creatorIsMember",
  k."revokedAt" IS NOT NULL AS revoked, k."expiresAt" IS NOT NULL AND k."expiresAt" <= $2::timestamp(3) AS expired,
  k."lastUsedAt" IS NULL OR k."lastUsedAt" < $2::timestamp(3) - interval '1 minute' AS stale,
  p.id AS "partnerId", p.kind, p."funderType", p.status
FROM "ApiKey" k JOIN "Partner" p ON p.id = k."partnerId" WHERE k.hash = $1`;

type ApiKeyRow = {
  id: string;
  scopes: string[];
  creatorIsMember: boolean;
  revoked: boolean;
  expired: boolean;
  stale: boolean;
  partnerId: string;
  kind: PartnerKind;
  funderType: FunderType | null;
  status: RecordStatus;
};

async function viewerForApiKey(db: Database, secret: string, now: Date): Promise<Viewer> {
  const [key] = await db.query<ApiKeyRow>(API_KEY_SQL, [hashSecret(secret), now.toISOString()], 'authenticate_api_key');
  if (!key) throw refusal('API key', 'unknown', NEW_KEY);
  // An archived partner's keys stop working as if revoked (partnerArchive).
  if (key.revoked || key.status !== 'ACTIVE') throw refusal('API key', 'revoked', NEW_KEY);
  if (key.expired) throw refusal('API key', 'expired', NEW_KEY);
  // Last-used time is for support, to the minute: no request waits on it, and a program's stream
  // of requests writes it once a minute, not once per request.
  if (key.stale) void db.prisma.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } }).catch(() => {});
  return {
    userId: null,
    apiKeyId: key.id,
    role: null,
    enterpriseIds: [],
    partner: { id: key.partnerId, kind: key.kind, funderType: key.funderType },
    scopes: honouredScopes(key.scopes, { createdByMember: key.creatorIsMember }),
    regencyId: null,
  };
}

/** The outcome of authenticating a request: the caller, or why its credential was refused. */
export type Authentication = { viewer: Viewer } | { error: AuthenticationError };

/** authenticate, with a refused credential as a value (faults still throw). */
export async function authenticateRequest(db: Database, header: string | null, now: Date): Promise<Authentication> {
  try {
    return { viewer: await authenticate(db, header, now) };
  } catch (error) {
    if (error instanceof AuthenticationError) return { error };
    throw error;
  }
}

/** The viewer of an authentication; a refused credential throws its AuthenticationError. */
export function viewerOf(auth: Authentication): Viewer {
  if ('error' in auth) throw auth.error;
  return auth.viewer;
}
