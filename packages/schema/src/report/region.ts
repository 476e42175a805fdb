import { badInput, forbidden } from '../common/errors';
import type { Context } from '../context';
import { isRegencyCodeFormat } from '../domain/regions';

/**
 * The kabupaten/kota a staff-only report covers: a regional officer's own always (asking for
 * another is FORBIDDEN), else the one asked for, else the whole province (null).
 */
export async function reportRegency(ctx: Context, code: string | null | undefined): Promise<string | null> {
  const own = ctx.viewer.regencyId;
  if (code == null) return own;
  const trimmed = code.trim();
  if (!isRegencyCodeFormat(trimmed)) throw badInput('regencyCode must be a Kemendagri kabupaten/kota code, NN.NN (e.g. 33.74).', ['regencyCode']);
  const regency = await ctx.prisma.regency.findUnique({ where: { code: trimmed }, select: { id: true } });
  if (!regency) throw badInput('regencyCode names no kabupaten/kota of Jawa Tengah.', ['regencyCode']);
  if (own !== null && regency.id !== own) throw forbidden("Reports of another kabupaten/kota are for its own office or the provincial office.", 'staff of the kabupaten/kota');
  return regency.id;
}
