import { enterpriseSearchText } from '../domain/search';
import type { Tx } from '../common/mutation';

/**
 * Takes the enterprise's row lock for the rest of the transaction, so concurrent changes to one
 * enterprise (profile, products) apply one after another and the search text never misses one.
 * False when the enterprise does not exist.
 */
export async function lockEnterprise(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM "Enterprise" WHERE id = ${id}::uuid FOR UPDATE`;
  return rows.length === 1;
}

/** Recomputes searchText from the rows as they are now in the transaction. */
export async function refreshSearchText(tx: Tx, id: string): Promise<void> {
  const e = await tx.enterprise.findUniqueOrThrow({
    where: { id },
    select: {
      name: true,
      description: true,
      sentra: { select: { name: true } },
      products: { select: { name: true, category: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] },
    },
  });
  await tx.enterprise.update({
    where: { id },
    data: { searchText: enterpriseSearchText(e, e.products, e.sentra?.name) },
  });
}
