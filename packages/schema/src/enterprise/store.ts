import { enterpriseSearchText } from '../domain/search';
import { Prisma } from '../generated/prisma/client';

/** A Prisma client inside an interactive transaction. */
export type Tx = Prisma.TransactionClient;

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

/** True for a unique-constraint violation (P2002) on the given column, as a racing insert raises. */
export function isUniqueViolation(error: unknown, column: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') return false;
  const meta = JSON.stringify(error.meta ?? {});
  return meta.includes(`"${column}"`) || meta.includes(`(${column})`) || meta.includes(`_${column}_key`);
}
