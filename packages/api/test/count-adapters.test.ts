import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/connection';
import { openTestDatabase } from './support/database';

/**
 * Prisma's `count({ take, skip })` reaches the database without the primary-key order Prisma gives
 * it (db/count-adapters.ts), so that an index of the filter counts the rows: the counts must stay
 * what Prisma's own statement counts, for any window.
 */
let db: Database;
beforeAll(async () => {
  db = await openTestDatabase({ seeded: true });
});
afterAll(() => db?.close());

describe('a count with take and skip', () => {
  it.each([
    [{ sector: 'FOOD_BEVERAGE' as const }],
    [{ status: 'ACTIVE' as const, district: { code: '33.74.12' } }],
    [{ products: { some: { category: 'batik-tulis' } } }],
    [{ name: { startsWith: 'zz-nothing' } }],
  ])('counts the rows of its window: %j', async (where) => {
    const all = await db.prisma.enterprise.count({ where });
    for (const [take, skip] of [[1, 0], [5, 0], [all + 10, 0], [3, 2], [10, all]]) {
      expect(await db.prisma.enterprise.count({ where, take, skip })).toBe(Math.max(0, Math.min(take!, all - skip!)));
    }
  });
});
