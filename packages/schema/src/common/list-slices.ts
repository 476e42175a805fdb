import { defaultFieldResolver, type GraphQLSchema, getNamedType, isListType, isNonNullType, isObjectType } from 'graphql';
import type { Context } from '../context';
import { selectsOnlyPlannedId } from './planned-id';
import { requestCache } from './request-cache';

/** Items of a list completed per turn of the event loop. */
const SLICE = 10;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const isPromiseLike = (value: unknown): value is PromiseLike<unknown> => typeof (value as PromiseLike<unknown> | null)?.then === 'function';

/** A request's slices still to come, and the batches waiting for them. */
type Slices = { pending: number; batches: (() => void)[] };
const slicesOf = (ctx: Context) => requestCache<Slices>(ctx, 'slices', () => ({ pending: 0, batches: [] }));

/**
 * Runs `dispatch` (a batch loader's statement) once every slice of the request has been released:
 * the keys asked for by every row of a sliced list join one batch, so a page costs the same
 * statements at any size.
 */
export function afterSlices(ctx: Context, dispatch: () => void): void {
  const slices = slicesOf(ctx);
  if (slices.pending === 0) dispatch();
  else slices.batches.push(dispatch);
}

function releaseBatches(slices: Slices): void {
  if (slices.pending > 0) return; // a list in the last slice has slices of its own
  for (const dispatch of slices.batches.splice(0)) dispatch();
}

/**
 * A long list's items as values for its first slice and promises for the rest, each slice a turn
 * of the event loop after the one before. graphql-js completes a list of values in one go (a page of
 * 50 nested rows is milliseconds of microtasks with no I/O between them); in slices, a /healthz
 * probe or another request's answer gets a turn between them (issue 13, goal 4).
 */
function inSlices(ctx: Context, value: unknown): unknown {
  if (!Array.isArray(value) || value.length <= SLICE) return value;
  const slices = slicesOf(ctx);
  let turn = Promise.resolve();
  return value.map((item: unknown, i) => {
    if (i < SLICE) return item;
    if (i % SLICE === 0) {
      slices.pending += 1;
      turn = turn.then(nextTurn).then(() => {
        slices.pending -= 1;
        // The batches wait one more turn: for the rows of this slice to ask for their keys.
        if (slices.pending === 0) setImmediate(() => releaseBatches(slices));
      });
    }
    return turn.then(() => item);
  });
}

/**
 * Every field that returns a list of objects completes it in slices (`inSlices`). The subscription
 * root is left alone: its resolvers map events, not pages; so is a list of planned reads' global IDs
 * (one field per row, no work to share out: the database builds the rows).
 */
export function completeListsInSlices(schema: GraphQLSchema): void {
  const subscription = schema.getSubscriptionType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type === subscription) continue;
    for (const field of Object.values(type.getFields())) {
      const listType = isNonNullType(field.type) ? field.type.ofType : field.type;
      if (!isListType(listType) || !isObjectType(getNamedType(listType))) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: Context, info) => {
        const result = resolve(source, args, context, info);
        if (selectsOnlyPlannedId(info.fieldNodes)) return result;
        return isPromiseLike(result) ? result.then((value) => inSlices(context, value)) : inSlices(context, result);
      };
    }
  }
}
