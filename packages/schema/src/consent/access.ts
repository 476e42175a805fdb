import type { AuditEntry } from '../audit/log';
import { callingFunderOf, type ProtectedAccess, protectedAccessOf } from '../auth/policies';
import { requestCache } from '../common/request-cache';
import { enterpriseRegency } from '../auth/region';
import type { Context } from '../context';
import type { Prisma } from '../generated/prisma/client';
import {
  activeScopes,
  type ConsentGrant,
  type ConsentScope,
  type Funder,
  isConsentActive,
} from '../domain/consent';

/**
 * The consents behind a funder's reads of an enterprise's protected data, loaded once per request,
 * and the audit step of such reads. The rules are auth/policies.ts (who) and domain/consent (which
 * consent counts); checks here write nothing, and a resolver that discloses data calls auditRead.
 */

/**
 * Every grant that may name the calling funder and is active at the request's instant, by
 * enterprise: ONE statement per request however many enterprises or leads the request shows.
 * The database narrows by recipient and dates; isConsentActive has the last word, so SQL and the
 * domain rule cannot drift apart. A revocation written by an earlier request is seen here, so it
 * takes effect on the very next request.
 */
export function funderGrants(ctx: Context): Promise<Map<string, ConsentGrant[]>> {
  return requestCache(ctx, 'consent:funderGrants', async () => {
    const funder = callingFunderOf(ctx.viewer);
    const byEnterprise = new Map<string, ConsentGrant[]>();
    if (!funder) return byEnterprise;
    for (const grant of await activeGrants(ctx.prisma, funder, ctx.now)) {
      byEnterprise.set(grant.enterpriseId, [...(byEnterprise.get(grant.enterpriseId) ?? []), grant]);
    }
    return byEnterprise;
  });
}

/**
 * The database's narrowing of the grants that may name `funder` and are active at `now`: by
 * recipient and dates. A revocation is written with the instant of the request that revokes, so
 * any revocation row means revoked by now; a revocation dated later would also deny, the safe side.
 */
function grantsWhere(funder: Funder, now: Date): Prisma.ConsentWhereInput {
  const recipients = [{ funderId: funder.id }, ...(funder.funderType ? [{ funderId: null, funderType: funder.funderType }] : [])];
  return { OR: recipients, grantedAt: { lte: now }, expiresAt: { gt: now }, revocation: { is: null } };
}

const GRANT_SELECT = { enterpriseId: true, funderId: true, funderType: true, scopes: true, grantedAt: true, expiresAt: true } as const;
type GrantRow = Omit<ConsentGrant, 'revokedAt'>;

/** The rows the database narrowed, as grants, with isConsentActive having the last word. */
const activeOf = (rows: readonly GrantRow[], now: Date): ConsentGrant[] =>
  rows.map((row) => ({ ...row, revokedAt: null })).filter((grant) => isConsentActive(grant, now));

/** The grants that may name `funder` and are active at `now`, of every enterprise or of one. */
async function activeGrants(
  db: Pick<Context['prisma'], 'consent'>,
  funder: Funder,
  now: Date,
  enterpriseId?: string,
): Promise<ConsentGrant[]> {
  const rows = await db.consent.findMany({ where: { ...(enterpriseId ? { enterpriseId } : {}), ...grantsWhere(funder, now) }, select: GRANT_SELECT });
  return activeOf(rows, now);
}

/**
 * The calling funder's grants of a record's enterprise as a nested select of that enterprise's
 * `consents`, so that they come in the statement that reads the record (a non-funder's selects none).
 */
export function heldGrantsSelect(ctx: Context) {
  const funder = callingFunderOf(ctx.viewer);
  return { where: funder ? grantsWhere(funder, ctx.now) : { id: { in: [] } }, select: GRANT_SELECT };
}

/** The scopes the calling funder holds now, from the grants heldGrantsSelect read of one enterprise. */
export function heldScopes(enterpriseId: string, grants: readonly GrantRow[], ctx: Context): Set<ConsentScope> {
  const funder = callingFunderOf(ctx.viewer);
  return funder ? activeScopes(activeOf(grants, ctx.now), { enterpriseId, funder, at: ctx.now }) : new Set();
}

/**
 * The scopes an enterprise's active consent gives a funder at `now`, read through `db` (a
 * transaction, so that the check and the change it allows see one state). Unlike funderScopes it
 * does not depend on the caller's key holding LEADS_READ: the consent is the funder's.
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
  const funder = callingFunderOf(ctx.viewer);
  if (!funder) return new Set();
  const grants = (await funderGrants(ctx)).get(enterpriseId) ?? [];
  return activeScopes(grants, { enterpriseId, funder, at: ctx.now });
}

/** Enterprise ids whose active consent gives the calling funder `scope` (one statement per request). */
export async function enterprisesWithScope(scope: ConsentScope | null, ctx: Context): Promise<string[]> {
  const funder = callingFunderOf(ctx.viewer);
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

/** The audit record of a funder's read of `fields` of the enterprise under its consent. */
export const protectedReadEntry = (enterpriseId: string, fields: string[]): AuditEntry => ({
  action: READ_PROTECTED,
  subjectType: 'Enterprise',
  subjectId: enterpriseId,
  enterpriseId,
  fields,
});

/** Notes that the calling funder read `fields` of the enterprise under its consent. */
export function auditProtectedRead(enterpriseId: string, fields: string[], ctx: Context): void {
  ctx.audit.note(protectedReadEntry(enterpriseId, fields));
}

/**
 * How the caller may read the enterprise's consent-protected data under `scope` (policies'
 * protectedAccessOf, with the calling funder's consents and, for a regional officer, the
 * enterprise's kabupaten/kota loaded): OWN, CONSENT or null. A check:
 * it writes nothing; the read itself is audited by auditRead.
 */
export async function protectedAccess(
  enterpriseId: string | null | undefined,
  scope: ConsentScope | 'ANY',
  ctx: Context,
): Promise<ProtectedAccess> {
  if (!enterpriseId) return null;
  const [held, regencyId] = await Promise.all([
    callingFunderOf(ctx.viewer) ? funderScopes(enterpriseId, ctx) : new Set<ConsentScope>(),
    enterpriseRegency(ctx, enterpriseId),
  ]);
  return protectedAccessOf(ctx.viewer, { id: enterpriseId, regencyId }, scope, held);
}

/**
 * The audit step of a protected read, called by the field that discloses the data: a funder's read
 * under consent is noted with the names of `fields` (staff's and the enterprise's own are not).
 * Answers whether the read is allowed at all, so a field reads `auditRead(await protectedAccess(…), …)`.
 */
export function auditRead(access: ProtectedAccess, enterpriseId: string | null | undefined, fields: string[], ctx: Context): boolean {
  if (access === 'CONSENT' && enterpriseId) auditProtectedRead(enterpriseId, fields, ctx);
  return access !== null;
}
