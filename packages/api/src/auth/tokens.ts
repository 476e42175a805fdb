import type { PrismaClient } from '@temu-bisnis/schema/prisma';
import { hashSecret, newSecret, USER_TOKEN_PREFIX } from '@temu-bisnis/schema/auth/secrets';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Issues a sign-in token for a person; the secret is returned once and only its hash is kept. */
export async function issueUserToken(
  prisma: PrismaClient,
  email: string,
  { ttlDays = 30, now = new Date() }: { ttlDays?: number; now?: Date } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const user = await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user) throw new Error(`No user has the e-mail address ${email}.`);
  const token = newSecret(USER_TOKEN_PREFIX);
  const expiresAt = new Date(now.getTime() + ttlDays * DAY_MS);
  await prisma.accessToken.create({ data: { userId: user.id, hash: hashSecret(token), expiresAt } });
  return { token, expiresAt };
}
