import { ANONYMOUS, type Viewer } from '@temu-bisnis/schema';
import type { PrismaClient } from '@temu-bisnis/schema/prisma';
import { API_KEY_PREFIX, hashSecret, USER_TOKEN_PREFIX } from '@temu-bisnis/schema/auth/secrets';

export class AuthenticationError extends Error {
  override name = 'AuthenticationError';
}

/**
 * Resolves `Authorization: Bearer <secret>` to a Viewer. No header means anonymous; a header that
 * does not name a live token or key is an error, so a typo never silently downgrades a caller.
 */
export async function authenticate(prisma: PrismaClient, header: string | null, now: Date): Promise<Viewer> {
  if (!header) return ANONYMOUS;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw new AuthenticationError('The Authorization header must be "Bearer <token or API key>".');
  const secret = match[1]!;
  if (secret.startsWith(USER_TOKEN_PREFIX)) return viewerForToken(prisma, secret, now);
  if (secret.startsWith(API_KEY_PREFIX)) return viewerForApiKey(prisma, secret, now);
  throw new AuthenticationError('Unknown kind of credential.');
}

async function viewerForToken(prisma: PrismaClient, secret: string, now: Date): Promise<Viewer> {
  const token = await prisma.accessToken.findUnique({
    where: { hash: hashSecret(secret) },
    include: {
      user: { include: { memberships: { include: { partner: { select: { id: true, kind: true, funderType: true } } } } } },
    },
  });
  if (!token || token.revokedAt || token.expiresAt <= now) {
    throw new AuthenticationError('The sign-in token is unknown, expired or revoked.');
  }
  const { user } = token;
  const partnerMembership = user.memberships.find((m) => m.partner);
  return {
    userId: user.id,
    apiKeyId: null,
    role: user.role,
    enterpriseIds: user.memberships.flatMap((m) => (m.enterpriseId ? [m.enterpriseId] : [])),
    partner: partnerMembership?.partner ?? null,
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
  return {
    userId: null,
    apiKeyId: key.id,
    role: null,
    enterpriseIds: [],
    partner,
    scopes: key.scopes,
  };
}
