import { setTimeout as sleep } from 'node:timers/promises';
import type { PrismaClient } from '@temu-bisnis/schema/prisma';

/** One use of a key: which credential, which key, which request (see sealing.ts). */
export interface KeyUse {
  credential: string;
  keyHash: string;
  requestHash: string;
}

export interface StoreTimes {
  /** How long a running claim holds the key; past it the claim counts as abandoned (its process died). */
  leaseMs: number;
  /** How long a repeat waits for the first request to finish before it is told to come back. */
  waitMs: number;
}

/** What a request with a key may do: run (it holds the claim), replay the first answer, or be refused. */
export type Settled =
  | { kind: 'claimed'; id: string }
  | { kind: 'replay'; status: number; response: Uint8Array }
  | { kind: 'reused' }
  | { kind: 'in-use' };

/**
 * The unique (credential, keyHash) row is the lock: the insert that creates it claims the key, in
 * every API process at once, and a repeat polls the row until the first request has answered
 * (bounded by waitMs). A row past its expiry (an answer older than the retention, or an abandoned
 * claim) is deleted on sight and the key claimed afresh.
 */
export async function settle(prisma: PrismaClient, use: KeyUse, times: StoreTimes): Promise<Settled> {
  const { credential, keyHash } = use;
  const deadline = Date.now() + times.waitMs;
  for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
    const now = new Date();
    const row = await prisma.idempotencyKey.findUnique({ where: { credential_keyHash: { credential, keyHash } } });
    if (!row || row.expiresAt <= now) {
      if (row) await prisma.idempotencyKey.deleteMany({ where: { id: row.id, expiresAt: { lte: now } } });
      const [claimed] = await prisma.idempotencyKey.createManyAndReturn({
        data: [{ ...use, expiresAt: new Date(now.getTime() + times.leaseMs) }],
        skipDuplicates: true,
        select: { id: true },
      });
      if (claimed) return { kind: 'claimed', id: claimed.id };
      continue; // another request claimed it between our read and our insert
    }
    if (row.requestHash !== use.requestHash) return { kind: 'reused' };
    if (row.status !== null && row.response) return { kind: 'replay', status: row.status, response: row.response };
    if (Date.now() >= deadline) return { kind: 'in-use' };
    await sleep(pause);
  }
}

/** Keeps the first answer for `retentionMs`; a claim taken over after its lease matches no row. */
export async function complete(
  prisma: PrismaClient,
  id: string,
  answer: { status: number; response: Uint8Array<ArrayBuffer> },
  retentionMs: number,
): Promise<void> {
  await prisma.idempotencyKey.updateMany({
    where: { id, status: null },
    data: { ...answer, expiresAt: new Date(Date.now() + retentionMs) },
  });
}

/** Gives the key back: the request was refused before anything could change, so a repeat may run. */
export async function release(prisma: PrismaClient, id: string): Promise<void> {
  await prisma.idempotencyKey.deleteMany({ where: { id, status: null } });
}

/** Deletes every expired row (answers past retention, abandoned claims). */
export async function sweep(prisma: PrismaClient, now: Date): Promise<number> {
  return (await prisma.idempotencyKey.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}
