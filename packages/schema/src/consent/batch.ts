import { batchLoader } from '../common/batch';
import type { Context } from '../context';

/** Role of people by id, to tell a grant the enterprise gave from one Disperin recorded for it. */
export function userRoleLoader(ctx: Context) {
  return batchLoader(ctx, 'userRole', async (ids) => {
    const rows = await ctx.prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, role: true } });
    return new Map(rows.map((r) => [r.id, r.role]));
  });
}

/**
 * Partner rows by id (audit records keep the id only). `use` names the field asking: each field's
 * nodes arrive together, so one loader per field makes one statement per field, whatever the
 * order in which the database answers the fields' own queries.
 */
export function partnerLoader(ctx: Context, use: string) {
  return batchLoader(ctx, `partner:${use}`, async (ids) => {
    const rows = await ctx.prisma.partner.findMany({ where: { id: { in: ids } } });
    return new Map(rows.map((r) => [r.id, r]));
  });
}
