import { callingFunderOf, type ProtectedAccess, protectedAccessOf } from '../auth/policies';
import { auditRead, heldScopes } from '../consent/access';
import type { Context } from '../context';
import type { ConsentScope } from '../domain/consent';
import { NO_ID } from '../domain/identifiers/uuid';
import type { ReadinessInput } from '../domain/readiness';
import type { LeadStatus } from '../generated/prisma/enums';
import { assess, type AssessmentResult } from './readiness';

/**
 * What a funder sees of a lead, as plain functions of the lead's row: the FinancingLead fields
 * (types.ts) and the planned read of a page of leads (lead-plan.ts) both answer through them, so
 * the two cannot differ in what they disclose or audit.
 */

/** A lead's row with its enterprise's grants to the calling funder (heldGrantsSelect). */
export type WithGrants = { enterpriseId: string; enterprise: { consents: Parameters<typeof heldScopes>[1] } };

/** The calling funder's partner id, or an id no row has. */
export function funderIdOf(ctx: Context): string {
  return callingFunderOf(ctx.viewer)?.id ?? ctx.viewer.partner?.id ?? NO_ID;
}

/** A lead's scopes and accesses, worked out once per lead of a request (a page asks each several times). */
type Held = { ctx: Context; scopes: Set<ConsentScope>; access: Map<ConsentScope | 'ANY', ProtectedAccess> };
const held = new WeakMap<WithGrants, Held>();

function heldOf(n: WithGrants, ctx: Context): Held {
  let known = held.get(n);
  if (known?.ctx !== ctx) held.set(n, (known = { ctx, scopes: heldScopes(n.enterpriseId, n.enterprise.consents, ctx), access: new Map() }));
  return known;
}

export const leadScopes = (n: WithGrants, ctx: Context) => heldOf(n, ctx).scopes;

/** A lead is read by funders only (policies.funder), never by staff: no kabupaten/kota is needed. */
export function leadAccess(n: WithGrants, scope: ConsentScope | 'ANY', ctx: Context): ProtectedAccess {
  const { scopes, access } = heldOf(n, ctx);
  let known = access.get(scope);
  if (known === undefined) access.set(scope, (known = protectedAccessOf(ctx.viewer, { id: n.enterpriseId, regencyId: null }, scope, scopes)));
  return known;
}

export const leadOpen = (n: { status: string }) => n.status === 'OPEN';

/** The lead's status in the calling funder's pipeline: NEW until it acts. */
export const leadStatus = (n: { reviews: readonly { status: LeadStatus }[] }): LeadStatus => n.reviews[0]?.status ?? 'NEW';

export const leadConsentScopes = (n: WithGrants, ctx: Context) => [...leadScopes(n, ctx)].sort();

/** The fields a funder's read of a lead's enterprise and readiness is audited under. */
export const AUDITED = { identity: 'identity', readiness: 'financingReadiness' } as const;

/** Whether the enterprise is named to the caller (any active consent); a funder's read is audited. */
export const leadIdentityShown = (n: WithGrants, ctx: Context) => auditRead(leadAccess(n, 'ANY', ctx), n.enterpriseId, [AUDITED.identity], ctx);

/** The KUR readiness of the amount under FINANCIALS consent (audited), or null. */
export function leadReadiness(n: WithGrants & { amount: bigint; enterprise: ReadinessInput['enterprise'] }, ctx: Context): AssessmentResult | null {
  return auditRead(leadAccess(n, 'FINANCIALS', ctx), n.enterpriseId, [AUDITED.readiness], ctx) ? assess(n.enterprise, n.amount, ctx) : null;
}
