import { randomBytes } from 'node:crypto';
import type { ExecutionArgs, ExecutionResult } from 'graphql';
import { decodeGlobalID } from '@pothos/plugin-relay';
import type { Context } from '../context';
import { PLANNED_ID } from '../common/planned-id';
import type { Plan, PlannedPosition } from './compile';

type Execute = (args: ExecutionArgs) => unknown;

/** Runs one SQL statement with parameters and returns its rows (the database's own driver, beside Prisma). */
export type ReadSql = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * A planned object as the database wrote it, in an answer that is sent as JSON text: the text goes
 * into the response as it is (answerText), instead of being parsed here and written out again
 * (a tenth of a page's CPU). Anything else that serialises the answer parses it (toJSON).
 */
export class PlannedJson {
  constructor(readonly json: string) {}

  toJSON(): unknown {
    return JSON.parse(this.json);
  }
}

/** A place holding a planned object's global ID, to be replaced by the object. */
type Slot = { holder: Record<string, unknown>; key: string; globalId: string };

/** A slot once filled with a PlannedJson. */
type Filled = { holder: Record<string, unknown>; key: string; value: PlannedJson };

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

type Row = Record<string, unknown>;

/** A plan being executed: its positions' rows read ahead with a page of ids (objectsWithPage). */
type Running = { plan: Plan; read: ReadSql; ahead: Map<PlannedPosition, Row[]> };
const running = new WeakMap<Context, Running>();

/** Runs a position's statement, noting what it wrote besides reading. */
async function rowsOf(position: PlannedPosition, sql: string, params: unknown[], ctx: Context, read: ReadSql): Promise<Row[]> {
  const rows = await read(sql, params);
  position.wrote?.(rows, ctx);
  return rows;
}

/** A statement with its parameters. */
export type Statement = { sql: string; params: unknown[] };

/** `sql` with each placeholder $n numbered `to(n)`: to put one statement's parameters after another's. */
export const renumbered = (sql: string, to: (n: number) => number) => sql.replace(/\$(\d+)/g, (_p, n: string) => `$${to(Number(n))}`);

/** Each position's statement with a page's query in place of its ids, by the page's text. */
const withPages = new WeakMap<PlannedPosition, Map<string, string>>();

/** The position's statement reading the ids `page` returns ($1 given way, its other parameters one place earlier). */
function withPage(position: PlannedPosition, page: string): string {
  let known = withPages.get(position);
  if (!known) withPages.set(position, (known = new Map()));
  let sql = known.get(page);
  if (sql === undefined) known.set(page, (sql = renumbered(position.sql, (n) => (n === 1 ? 1 : n - 1)).replace('unnest($1::uuid[])', `unnest(ARRAY(${page}))`)));
  return sql;
}

/**
 * The page of a root connection read together with its objects, in one statement, when the plan
 * being executed reads the connection's objects at one position: `page(base)` is the page's query
 * (its first parameter $base+1) returning ids in order, `shown` how many of them the answer shows.
 * Its rows (each with an id) go to the root's resolver; fill then finds their objects already read.
 * Null when no plan reads that root's objects.
 */
export function objectsWithPage(ctx: Context, rootKey: string, page: (base: number) => Statement, shown: number): Promise<Row[]> | null {
  const run = running.get(ctx);
  const positions = run?.plan.positions.filter((p) => p.path[0] === rootKey) ?? [];
  const position = positions[0];
  if (!run || !position || positions.length !== 1) return null;
  const [, ...rest] = position.params([], ctx, shown);
  const ids = page(rest.length);
  return rowsOf(position, withPage(position, ids.sql), [...rest, ...ids.params], ctx, run.read).then((rows) => {
    run.ahead.set(position, rows);
    return rows;
  });
}

/**
 * Reads the objects of one position in one statement, unless they were read with their page, and
 * puts them in place, as text (noted in `filled`) or parsed; false if one vanished.
 */
async function fill(position: PlannedPosition, slots: Slot[], ctx: Context, run: Running, filled: Filled[] | null): Promise<boolean> {
  if (slots.length === 0) return true;
  const ids: string[] = [];
  for (const slot of slots) {
    // The reduced answer's own `id` fields wrote these: no need to check their form as an input's.
    const decoded = decodeGlobalID(slot.globalId);
    if (decoded.typename !== position.typename) return false;
    ids.push(decoded.id);
  }
  const ahead = run.ahead.get(position);
  const rows =
    ahead && ahead.length >= ids.length && ids.every((id, i) => ahead[i]!.id === id)
      ? ahead.slice(0, ids.length)
      : await rowsOf(position, position.sql, position.params(ids, ctx), ctx, run.read);
  if (rows.length !== slots.length) return false;
  const texts: string[] = [];
  for (const row of rows) {
    const text = row.j === null ? null : position.finish ? position.finish(row.j, ctx) : row.j;
    if (typeof text !== 'string') return false;
    texts.push(text);
  }
  slots.forEach(({ holder, key }, i) => {
    const json = texts[i]!;
    if (!filled) {
      holder[key] = JSON.parse(json);
      return;
    }
    const value = new PlannedJson(json);
    holder[key] = value;
    filled.push({ holder, key, value });
  });
  return true;
}

/**
 * The answer as JSON with each planned object's text in its place: a marker string (with a nonce no
 * data can hold) stands in each object's slot while the rest is serialised, then gives way to the
 * text. The slots get their objects back afterwards.
 */
function answerText(value: unknown, filled: readonly Filled[]): string {
  const nonce = randomBytes(8).toString('hex');
  filled.forEach(({ holder, key }, i) => {
    holder[key] = `\u0000${nonce}:${i}`;
  });
  let text: string;
  try {
    text = JSON.stringify(value);
  } finally {
    for (const { holder, key, value: object } of filled) holder[key] = object;
  }
  // JSON.stringify writes the NUL as the six characters \u0000.
  return text.replace(new RegExp(`"\\\\u0000${nonce}:(\\d+)"`, 'g'), (_marker, i: string) => filled[Number(i)]!.value.json);
}

/**
 * Runs an operation by its plan: the reduced operation through the resolvers (root fields, their
 * arguments and authorisation, pagination, counts), then one statement per planned position for
 * the objects it listed (none for a position whose page read them: objectsWithPage). Anything unexpected (an error in the reduced answer, a row deleted between
 * the two reads) runs the whole operation through the resolvers instead, so the answer is always
 * the one they would give.
 *
 * `asText`: the answer goes straight to yoga's serialisation (its `stringify`), and nothing reads
 * its data before (a response cache does: it collects the objects' types and ids). The objects are
 * then PlannedJson, written into the response as the database wrote them.
 */
export async function executePlanned(plan: Plan, args: ExecutionArgs, execute: Execute, read: ReadSql, asText = false): Promise<unknown> {
  const ctx = args.contextValue as Context;
  const run: Running = { plan, read, ahead: new Map() };
  running.set(ctx, run);
  let reduced: ExecutionResult;
  try {
    reduced = (await execute({ ...args, document: plan.document })) as ExecutionResult;
  } finally {
    running.delete(ctx);
  }
  if (!reduced || typeof reduced !== 'object' || !('data' in reduced) || reduced.errors?.length || !reduced.data) return execute(args);
  const texts: Filled[] | null = asText ? [] : null;
  const complete = await Promise.all(
    plan.positions.map((position) => {
      const slots: Slot[] = [];
      slotsOf(reduced.data, position.path, 0, slots);
      return fill(position, slots, ctx, run, texts);
    }),
  );
  if (!complete.every(Boolean)) return execute(args);
  // Yoga serialises a result with its own `stringify` when it has one.
  return texts?.length ? Object.assign(reduced, { stringify: (value: unknown) => answerText(value, texts) }) : reduced;
}
