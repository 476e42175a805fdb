import type { Tx } from '../common/mutation';
import type { Context } from '../context';
import { isDistrictCode } from '../district/codes';

/**
 * The kecamatan a buy request is delivered to: those it names (Opportunity.districtCodes), else
 * the buyer's own kecamatan; none when neither is known. An ad-hoc group is formed around them.
 */
export async function deliveryCodes(db: Tx | Context['prisma'], request: { districtCodes: readonly string[] | null; partnerId: string | null }): Promise<string[]> {
  // A row written without the list (not through the API) holds NULL.
  const named = (request.districtCodes ?? []).filter(isDistrictCode);
  if (named.length > 0) return named;
  if (!request.partnerId) return [];
  const buyer = await db.partner.findUnique({ where: { id: request.partnerId }, select: { district: { select: { code: true } } } });
  return buyer?.district ? [buyer.district.code] : [];
}
