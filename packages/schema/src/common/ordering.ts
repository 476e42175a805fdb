import { builder } from '../builder';

export const OrderDirection = builder.enumType('OrderDirection', {
  description: 'Sort direction.',
  values: {
    ASC: { description: 'Ascending: A→Z, oldest first, smallest first.' },
    DESC: { description: 'Descending: Z→A, newest first, largest first.' },
  },
});

export type Direction = 'asc' | 'desc';

/**
 * Turns `[{ field, direction }]` into a Prisma orderBy and appends the id, so every order is total
 * and cursors stay stable when rows share a sort value.
 */
export function toOrderBy<Field extends string, Clause>(
  orders: readonly { field: Field; direction?: 'ASC' | 'DESC' | null }[] | null | undefined,
  clause: (field: Field, direction: Direction) => Clause,
  fallback: Clause[],
): (Clause | { id: Direction })[] {
  const clauses = (orders ?? []).map((o) => clause(o.field, o.direction === 'DESC' ? 'desc' : 'asc'));
  const last = orders?.at(-1)?.direction === 'DESC' ? 'desc' : 'asc';
  return [...(clauses.length > 0 ? clauses : fallback), { id: clauses.length > 0 ? last : 'asc' }];
}
