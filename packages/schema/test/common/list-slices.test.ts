import { execute, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { batchLoader } from '../../src/common/batch';
import { completeListsInSlices } from '../../src/common/list-slices';
import type { Context } from '../../src/context';

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ n: i }));

/** A page of rows, each with a label fetched by a batch loader; every batch's keys are recorded. */
function schemaOf(list: () => unknown, batches: number[][]) {
  const Row = new GraphQLObjectType<{ n: number }, Context>({
    name: 'Row',
    fields: {
      n: { type: GraphQLInt },
      label: {
        type: GraphQLString,
        resolve: (r, _args, ctx) =>
          batchLoader<string>(ctx, 'labels', async (keys) => {
            batches.push(keys.map(Number));
            return new Map(keys.map((k) => [k, `row ${k}`]));
          })(String(r.n)),
      },
    },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { rows: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Row))), resolve: list } } }),
  });
  completeListsInSlices(schema);
  return schema;
}

const run = (schema: GraphQLSchema, query: string) => execute({ schema, document: parse(query), contextValue: {} as Context });

describe('lists completed in slices', () => {
  it('answers the same page, in order, from values and from promises, with one batch for every row', async () => {
    for (const resolve of [() => rows(35), async () => rows(35)]) {
      const batches: number[][] = [];
      const result = await run(schemaOf(resolve, batches), '{ rows { n label } }');
      expect(result.errors).toBeUndefined();
      expect(result.data?.rows).toEqual(rows(35).map((r) => ({ n: r.n, label: `row ${r.n}` })));
      expect(batches).toEqual([rows(35).map((r) => r.n)]);
    }
  });

  it('lets the event loop run between slices of a long list, not within a short one', async () => {
    const turnsDuring = async (n: number) => {
      let turns = 0;
      let done = false;
      const count = () => {
        if (done) return;
        turns += 1;
        setImmediate(count);
      };
      setImmediate(count);
      await run(schemaOf(() => rows(n), []), '{ rows { n } }');
      done = true;
      return turns;
    };
    expect(await turnsDuring(10)).toBe(0);
    // 50 rows: the first slice at once, the other four a turn apart.
    expect(await turnsDuring(50)).toBeGreaterThanOrEqual(4);
  });
});
