import { hasApiScope, isStaff, type Viewer } from '../auth/viewer';
import { requestCache } from '../common/request-cache';
import type { Context } from '../context';
import {
  activeScopes,
  type ConsentGrant,
  type ConsentScope,
  type Funder,
  isConsentActive,
} from '../domain/consent';
import { scopeValue } from '../access/scopes';

/**
 * Who may read an enterprise's consent-protected data, and the audit of every such read by a
 * funder. The rules themselves are the pure functions of domain/consent; this module loads the
 * rows they need, once per request, and notes the reads.
 */


/**
 * The funder a request acts for: a person of a FUNDER partner, or that partner's API key carrying
 * `leads:read`. Null for everyone else (staff, IKM, buyers, suppliers, distributors, anonymous).
 */
export function callingFunder(viewer: Viewer): Funder | null {
  if (viewer.partner?.kind !== 'FUNDER') return null;
  if (!hasApiScope(viewer, scopeValue('LEADS_READ'))) return null;
  return { id: viewer.partner.id, funderType: viewer.partner.funderType };
}

/** Staff and the enterprise's own members read its data without consent (and without an audit row). */
export function isOwnerOrStaff(enterpriseId: string, viewer: Viewer): boolean {
  return isStaff(viewer) || viewer.enterpriseIds.includes(enterpriseId);
}

/**
 * Every grant that may name the calling funder and is active at the request's instant, by
 * enterprise: ONE statement per request however many enterprises or leads the request shows.
 * The database narrows by recipient and dates; isConsentActive has the last word, so SQL and the
 * domain rule cannot drift apart. A revocation written by an earlier request is seen here, so it
 * takes effect on the very next request.
 */
export function funderGrants(ctx: Context): Promise<Map<string, ConsentGrant[]>> {
  return requestCache(ctx, 'consent:funderGrants', async () => {
    const funder = callingFunder(ctx.viewer);
    const byEnterprise = new Map<string, ConsentGrant[]>();
    if (!funder) return byEnterprise;
    for (const grant of await activeGrants(ctx.prisma, funder, ctx.now)) {
      byEnterprise.set(grant.enterpriseId, [...(byEnterprise.get(grant.enterpriseId) ?? []), grant]);
    }
    return byEnterprise;
  });
}

/** The grants that may name `funder` and are active at `now`, of every enterprise or of one. */
async function activeGrants(
  db: Pick<Context['prisma'], 'consent'>,
  funder: Funder,
  now: Date,
  enterpriseId?: string,
): Promise<ConsentGrant[]> {
  const recipients = [{ funderId: funder.id }, ...(funder.funderType ? [{ funderId: null, funderType: funder.funderType }] : [])];
  const rows = await db.consent.findMany({
    where: {
      ...(enterpriseId ? { enterpriseId } : {}),
      OR: recipients,
      grantedAt: { lte: now },
      expiresAt: { gt: now },
      // A revocation is written with the instant of the request that revokes, so any revocation
      // row means revoked by now; a revocation dated later would also deny, the safe side.
      revocation: { is: null },
    },
    select: { enterpriseId: true, funderId: true, funderType: true, scopes: true, grantedAt: true, expiresAt: true },
  });
  return rows.map((row) => ({ ...row, revokedAt: null })).filter((grant) => isConsentActive(grant, now));
}

/**
 * The scopes an enterprise's active consent gives a funder at `now`, read through `db` (a
 * transaction, so that the check and the change it allows see one state). Unlike funderScopes it
 * does not depend on the caller's key holding leads:read: the consent is the funder's.
 */
export async function scopesGrantedTo(
  db: Pick<Context['prisma'], 'consent'>,
  enterpriseId: string,
  funder: Funder,
  now: Date,
): Promise<Set<ConsentScope>> {
  return activeScopes(await activeGrants(db, funder, now, enterpriseId), { enterpriseId, funder, at: now });
}

/** The scopes the calling funder holds for this enterprise now; empty for non-funders. */
export async function funderScopes(enterpriseId: string, ctx: Context): Promise<Set<ConsentScope>> {
  const funder = callingFunder(ctx.viewer);
  if (!funder) return new Set();
  const grants = (await funderGrants(ctx)).get(enterpriseId) ?? [];
  return activeScopes(grants, { enterpriseId, funder, at: ctx.now });
}

/** Enterprise ids whose active consent gives the calling funder `scope` (one statement per request). */
export async function enterprisesWithScope(scope: ConsentScope | null, ctx: Context): Promise<string[]> {
  const funder = callingFunder(ctx.viewer);
  if (!funder) return [];
  const ids: string[] = [];
  for (const [enterpriseId, grants] of await funderGrants(ctx)) {
    const scopes = activeScopes(grants, { enterpriseId, funder, at: ctx.now });
    if (scope === null ? scopes.size > 0 : scopes.has(scope)) ids.push(enterpriseId);
  }
  return ids;
}

/** The audit action of a funder's read of consent-protected data. */
export const READ_PROTECTED = 'READ_PROTECTED';
/** The audit action of a funder's request for consent. */
export const CONSENT_REQUESTED = 'CONSENT_REQUESTED';

/** Notes that the calling funder read `fields` of the enterprise under its consent. */
export function auditProtectedRead(enterpriseId: string, fields: string[], ctx: Context): void {
  ctx.audit.note({ action: READ_PROTECTED, subjectType: 'Enterprise', subjectId: enterpriseId, enterpriseId, fields });
}

/**
 * Whether the calling funder holds the enterprise's active consent for `scope` (any scope for
 * 'ANY'); when it does, the read of `fields` is audited. False for anyone who is not a funder.
 * Staff and members are decided elsewhere (enterprise/visibility.ts canSeePrivate).
 */
export async function funderMayRead(
  enterpriseId: string,
  scope: ConsentScope | 'ANY',
  fields: string[],
  ctx: Context,
): Promise<boolean> {
  if (!callingFunder(ctx.viewer)) return false;
  const scopes = await funderScopes(enterpriseId, ctx);
  const allowed = scope === 'ANY' ? scopes.size > 0 : scopes.has(scope);
  if (allowed) auditProtectedRead(enterpriseId, fields, ctx);
  return allowed;
}

/**
 * Whether the caller may read consent-protected data of an enterprise under `scope`: staff and the
 * enterprise's members always; a funder only under an active consent covering the scope, and then
 * the read is audited with the field names. `fields` names what is read, e.g. ['annualTurnover'].
 */
export async function mayReadProtected(
  enterpriseId: string | null | undefined,
  scope: ConsentScope | 'ANY',
  fields: string[],
  ctx: Context,
): Promise<boolean> {
  if (!enterpriseId) return false;
  if (isOwnerOrStaff(enterpriseId, ctx.viewer)) return true;
  return funderMayRead(enterpriseId, scope, fields, ctx);
}
