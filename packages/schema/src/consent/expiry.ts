import { emitAll } from '../common/outbox';
import type { PrismaClient } from '../generated/prisma/client';
import { consentEvent } from './events';

/** Consents expired per transaction; a sweep runs batches until none is left. */
const BATCH = 200;

/**
 * The expiry sweeper: marks each consent whose end date has passed (and that was not revoked)
 * expired, once, and writes its `consent.expired` event in the same transaction. The rows are
 * claimed with `FOR UPDATE SKIP LOCKED` and the update re-checks `expiredAt IS NULL`, so sweepers
 * running at once (several dispatchers, the CLI) never write one consent's event twice. Answers how
 * many consents it expired.
 */
export async function expireConsents(prisma: PrismaClient, now: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const expired = await prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        UPDATE "Consent" c SET "expiredAt" = ${now}
        WHERE c.id IN (
          SELECT k.id FROM "Consent" k
          WHERE k."expiredAt" IS NULL AND k."expiresAt" <= ${now}
            AND NOT EXISTS (SELECT 1 FROM "ConsentRevocation" r WHERE r."consentId" = k.id)
          ORDER BY k."expiresAt", k.id
          LIMIT ${BATCH}
          FOR UPDATE SKIP LOCKED)
          AND c."expiredAt" IS NULL
        RETURNING c.id`;
      const consents = await tx.consent.findMany({ where: { id: { in: rows.map((r) => r.id) } }, orderBy: [{ expiresAt: 'asc' }, { id: 'asc' }] });
      await emitAll(tx, consents.map((consent) => consentEvent('consent.expired', consent)), now);
      return consents.length;
    });
    total += expired;
    if (expired < BATCH) return total;
  }
}
