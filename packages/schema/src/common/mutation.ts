import type { Context } from '../context';
import type { Problem } from '../domain/problems';
import { Prisma } from '../generated/prisma/client';
import { emitAll, type OutboxEvent } from './outbox';
import { failed, type Payload, succeeded } from './payload';
import { outsideRegion, type RegionTarget } from './region';

/**
 * The one way a mutation runs: authorisation (the field's authScopes, then `authorize` for rules
 * on the record, then the staff's region over the kecamatan in `region`: common/region.ts) → validation (problems with the input, before any write) → the change in one
 * transaction → the payload. Problems, refusals thrown in the transaction and the unique
 * violations a mutation names all become `userErrors`, and nothing is written; anything else is
 * a fault and stays a top-level error.
 */

/** A Prisma client inside an interactive transaction. */
export type Tx = Prisma.TransactionClient;

/**
 * Interactive transactions of every mutation. PGlite runs one transaction at a time and
 * PostgreSQL queues writers on row locks, so a burst of requests waits its turn: maxWait covers
 * the queue, timeout one transaction; both stay below the server's 10 s execution timeout.
 */
export const TX_OPTIONS = { maxWait: 9_000, timeout: 9_000 } as const;

/** Thrown inside a mutation's transaction to roll it back and answer these problems instead. */
export class Refused extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super('refused');
    this.name = 'Refused';
  }
}

/** Rolls the transaction back with these problems. */
export function refuse(...problems: Problem[]): never {
  throw new Refused(problems);
}

/** Rolls the transaction back when there is any problem. */
export function refuseIf(problems: readonly Problem[]): void {
  if (problems.length > 0) throw new Refused(problems);
}

/** Domain problems (paths below `input`) as the caller sees them (paths from `input`). */
export function underInput(problems: readonly Problem[]): Problem[] {
  return problems.map((p) => ({ ...p, field: ['input', ...p.field] }));
}

/**
 * True for a unique-constraint violation (P2002), as a racing insert raises; with `column`, only
 * one on that column (Prisma names it in `meta` differently per driver adapter).
 */
export function isUniqueViolation(error: unknown, column?: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') return false;
  if (column === undefined) return true;
  const meta = JSON.stringify(error.meta ?? {});
  return meta.includes(`"${column}"`) || meta.includes(`(${column})`) || meta.includes(`_${column}_key`);
}

export interface MutationSteps<T> {
  /** Rules on the record beyond the field's authScopes; throws a top-level FORBIDDEN. */
  authorize?: () => void | Promise<void>;
  /**
   * The kecamatan the change touches (the record's, and one it moves to): regional staff get a
   * FORBIDDEN user error for each outside their office's kabupaten/kota (common/region.ts), before
   * validation. Required: a change of no region's record says so with NOT_REGIONAL.
   */
  region: () => readonly RegionTarget[] | Promise<readonly RegionTarget[]>;
  /** Problems with the input, found before anything is written; all are reported at once. */
  validate?: () => readonly Problem[] | Promise<readonly Problem[]>;
  /** The change, in one transaction; `refuse()` inside rolls it back. */
  run: (tx: Tx) => Promise<T>;
  /** The outbox events the change reports, written in its transaction (common/outbox.ts). */
  events?: (record: T, tx: Tx) => readonly OutboxEvent[] | Promise<readonly OutboxEvent[]>;
  /** What a unique violation means here (e.g. a slug taken by a racing insert); null: a fault. */
  onUniqueViolation?: (error: unknown) => Problem | null;
  /** Only for work that is allowed longer than TX_OPTIONS (the scheduler's time limit). */
  transaction?: { maxWait: number; timeout: number };
}

/** Runs a mutation's steps and answers its payload. */
export async function runMutation<T>(ctx: Context, steps: MutationSteps<T>): Promise<Payload<T>> {
  await steps.authorize?.();
  // Only staff of a kabupaten/kota's office have a limit: for everyone else the targets are not even looked up.
  const outside = ctx.viewer.regencyId === null ? [] : await outsideRegion(ctx, await steps.region());
  if (outside.length > 0) return failed(outside);
  const problems = (await steps.validate?.()) ?? [];
  if (problems.length > 0) return failed([...problems]);
  try {
    let emitted = 0;
    const record = await ctx.prisma.$transaction(async (tx) => {
      const done = await steps.run(tx);
      emitted = (await emitAll(tx, (await steps.events?.(done, tx)) ?? [], ctx.now)).length;
      return done;
    }, steps.transaction ?? TX_OPTIONS);
    // After the commit: subscribers read the outbox from their last event on.
    if (emitted > 0) ctx.push?.announce();
    return succeeded(record);
  } catch (error) {
    if (error instanceof Refused) return failed([...error.problems]);
    const taken = isUniqueViolation(error) ? steps.onUniqueViolation?.(error) : null;
    if (taken) return failed([taken]);
    throw error;
  }
}

/** `{ field: null }` for each field of a payload with several records. */
export type NoRecords<T> = { [K in keyof T]: null };

/** runMutation for a payload with several records, e.g. `{ enterprise, product, userErrors }`. */
export async function runMutationInto<T extends object>(
  ctx: Context,
  steps: MutationSteps<T>,
  none: NoRecords<T>,
): Promise<(T | NoRecords<T>) & { userErrors: Problem[] }> {
  const { record, userErrors } = await runMutation(ctx, steps);
  return record ? { ...record, userErrors } : { ...none, userErrors };
}
