import type { ExecutionArgs, ExecutionResult } from 'graphql';
import { decodedGlobalId } from '../common/global-id';
import type { Context } from '../context';
import { PLANNED_ID } from '../common/planned-id';
import type { Plan, PlannedPosition } from './compile';

type Execute = (args: ExecutionArgs) => unknown;

/** Runs one SQL statement with parameters and returns its rows (the database's own driver, beside Prisma). */
export type ReadSql = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/** A place holding a planned object's global ID, to be replaced by the object. */
type Slot = { holder: Record<string, unknown>; key: string; globalId: string };

/** Every slot along `path` in the answer (lists crossed), null answers skipped. */
function slotsOf(value: unknown, path: string[], at: number, out: Slot[]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value) slotsOf(item, path, at, out);
    return;
  }
  const holder = value as Record<string, unknown>;
  const key = path[at]!;
  if (at < path.length - 1) {
    slotsOf(holder[key], path, at + 1, out);
    return;
  }
  const inner = holder[key];
  if (Array.isArray(inner)) {
    inner.forEach((item, i) => {
      const globalId = (item as Record<string, unknown> | null)?.[PLANNED_ID];
      if (typeof globalId === 'string') out.push({ holder: inner as unknown as Record<string, unknown>, key: String(i), globalId });
    });
  } else {
    const globalId = (inner as Record<string, unknown> | null | undefined)?.[PLANNED_ID];
    if (typeof globalId === 'string') out.push({ holder, key, globalId });
  }
}

/** Reads the objects of one position in one statement and puts them in place; false if one vanished. */
async function fill(position: PlannedPosition, slots: Slot[], now: Date, read: ReadSql): Promise<boolean> {
  if (slots.length === 0) return true;
  const ids: string[] = [];
  for (const slot of slots) {
    const decoded = decodedGlobalId(slot.globalId);
    if (decoded?.typename !== position.typename) return false;
    ids.push(decoded.id);
  }
  const [row] = await read(position.sql, position.usesNow ? [ids, now.toISOString()] : [ids]);
  const objects = JSON.parse(String(row?.j)) as (Record<string, unknown> | null)[];
  if (objects.length !== slots.length || objects.some((o) => o === null)) return false;
  slots.forEach((slot, i) => {
    slot.holder[slot.key] = objects[i];
  });
  return true;
}

/**
 * Runs an operation by its plan: the reduced operation through the resolvers (root fields, their
 * arguments and authorisation, pagination, counts), then one statement per planned position for
 * the objects it listed. Anything unexpected (an error in the reduced answer, a row deleted between
 * the two reads) runs the whole operation through the resolvers instead, so the answer is always
 * the one they would give.
 */
export async function executePlanned(plan: Plan, args: ExecutionArgs, execute: Execute, read: ReadSql): Promise<unknown> {
  const reduced = (await execute({ ...args, document: plan.document })) as ExecutionResult;
  if (!reduced || typeof reduced !== 'object' || !('data' in reduced) || reduced.errors?.length || !reduced.data) return execute(args);
  const { now } = args.contextValue as Context;
  const filled = await Promise.all(
    plan.positions.map((position) => {
      const slots: Slot[] = [];
      slotsOf(reduced.data, position.path, 0, slots);
      return fill(position, slots, now, read);
    }),
  );
  return filled.every(Boolean) ? reduced : execute(args);
}
