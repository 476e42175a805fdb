import { ANONYMOUS, type Viewer } from '@temu-bisnis/schema';
import { honouredScopes, LEAD_SCOPES } from '@temu-bisnis/schema/auth/key-scopes';
import type { PrismaClient } from '@temu-bisnis/schema/prisma';
import { hashSecret, isWellFormedSecret, USER_TOKEN_PREFIX } from '@temu-bisnis/schema/auth/secrets';

export class AuthenticationError extends Error {
  override name = 'AuthenticationError';
}

/** The secret of `Authorization: Bearer <secret>`; null without the header. */
export function bearerSecret(header: string | null): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw new AuthenticationError('The Authorization header must be "Bearer <token or API key>".');
  const secret = match[1]!;
  // Checked before any lookup: a value that cannot be a secret of ours never reaches the database.
  if (!isWellFormedSecret(secret)) throw new AuthenticationError('Unknown kind of credential.');
  return secret;
}

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
  if (!token || token.revokedAt || token.expiresAt <= now) {
    throw new AuthenticationError('The sign-in token is unknown, expired or revoked.');
  }
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
  if (!key || key.revokedAt || (key.expiresAt && key.expiresAt <= now) || key.partner.status !== 'ACTIVE') {
    throw new AuthenticationError('The API key is unknown, expired or revoked.');
  }
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
