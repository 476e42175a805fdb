import { ANONYMOUS, type Viewer } from '@temu-bisnis/schema';
import { honouredScopes, LEAD_SCOPES } from '@temu-bisnis/schema/auth/key-scopes';
import type { PrismaClient } from '@temu-bisnis/schema/prisma';
import { hashSecret, isWellFormedSecret, USER_TOKEN_PREFIX } from '@temu-bisnis/schema/auth/secrets';

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
export async function authenticate(prisma: PrismaClient, header: string | null, now: Date): Promise<Viewer> {
  const secret = bearerSecret(header);
  if (secret === null) return ANONYMOUS;
  return secret.startsWith(USER_TOKEN_PREFIX) ? viewerForToken(prisma, secret, now) : viewerForApiKey(prisma, secret, now);
}

async function viewerForToken(prisma: PrismaClient, secret: string, now: Date): Promise<Viewer> {
  const token = await prisma.accessToken.findUnique({
    where: { hash: hashSecret(secret) },
    include: {
      user: {
        include: {
          memberships: { include: { partner: { select: { id: true, kind: true, funderType: true, status: true } } } },
        },
      },
    },
  });
  if (!token) throw refusal('sign-in token', 'unknown', NEW_TOKEN);
  if (token.revokedAt) throw refusal('sign-in token', 'revoked', NEW_TOKEN);
  if (token.expiresAt <= now) throw refusal('sign-in token', 'expired', NEW_TOKEN);
  const { user } = token;
  // An archived partner's members no longer act for it, exactly as its API keys stop working
  // (partnerArchive). An archived enterprise's members keep their rights: they are the data
  // subjects of its record and must still be able to read it and revoke consents (UU 27/2022).
  const partnerMembership = user.memberships.find((m) => m.partner?.status === 'ACTIVE');
  const { status: _status, ...partner } = partnerMembership?.partner ?? { status: null };
  return {
    userId: user.id,
    apiKeyId: null,
    role: user.role,
    enterpriseIds: user.memberships.flatMap((m) => (m.enterpriseId ? [m.enterpriseId] : [])),
    partner: partnerMembership ? (partner as NonNullable<Viewer['partner']>) : null,
    scopes: null,
  };
}

async function viewerForApiKey(prisma: PrismaClient, secret: string, now: Date): Promise<Viewer> {
  const key = await prisma.apiKey.findUnique({
    where: { hash: hashSecret(secret) },
    include: { partner: { select: { id: true, kind: true, funderType: true, status: true } } },
  });
  if (!key) throw refusal('API key', 'unknown', NEW_KEY);
  // An archived partner's keys stop working as if revoked (partnerArchive).
  if (key.revokedAt || key.partner.status !== 'ACTIVE') throw refusal('API key', 'revoked', NEW_KEY);
  if (key.expiresAt && key.expiresAt <= now) throw refusal('API key', 'expired', NEW_KEY);
  // Last-used time is for support; it must not make every request wait on a write.
  void prisma.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } }).catch(() => {});
  const { status: _status, ...partner } = key.partner;
  // Only a key with a lead scope needs the second look-up.
  const creatorIsMember =
    key.createdById !== null &&
    key.scopes.some((s) => LEAD_SCOPES.includes(s)) &&
    (await prisma.organisationMembership.count({ where: { userId: key.createdById, partnerId: partner.id } })) > 0;
  return {
    userId: null,
    apiKeyId: key.id,
    role: null,
    enterpriseIds: [],
    partner,
    scopes: honouredScopes(key.scopes, { createdByMember: creatorIsMember }),
  };
}

/** The outcome of authenticating a request: the caller, or why its credential was refused. */
export type Authentication = { viewer: Viewer } | { error: AuthenticationError };

/** authenticate, with a refused credential as a value (faults still throw). */
export async function authenticateRequest(prisma: PrismaClient, header: string | null, now: Date): Promise<Authentication> {
  try {
    return { viewer: await authenticate(prisma, header, now) };
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
