import { type AuthFailure, AuthScopeFailureType } from '@pothos/plugin-scope-auth';
import { forbidden } from '../common/errors';
import type { ConsentScope, Funder } from '../domain/consent';
import { NO_ID } from '../domain/identifiers/uuid';
import type { PartnerKind } from '../generated/prisma/enums';
import { type ApiScope, SCOPE, scopeName } from './key-scopes';
import { hasApiScope, isAnonymous, isStaff, type Viewer } from './viewer';

/**
 * Who may see and do what: every authorisation rule of the API, each defined once, as a policy
 * (a scope map) that fields and mutations hand to scope-auth, that mutations and HTTP routes check
 * with `allows`/`demand`, and that `describePolicy` writes into the descriptions the SDK's docs
 * come from. A check never writes anything: auditing a read is the resolver's explicit step.
 */

/** The scopes a policy is made of; builder.ts gives them to scope-auth, `holds` decides each. */
export interface AuthScopes {
  /** Any signed-in person or API key. */
  authenticated: boolean;
  /** Disperin staff: ADMIN or OFFICER. */
  staff: boolean;
  /**
   * Disperin staff who read the staff-only data of a record of this kabupaten/kota (Regency id;
   * null: of none): its own office's and the provincial office's (common/region.ts).
   */
  staffOf: string | null;
  admin: boolean;
  /** A person who belongs to this enterprise. */
  enterpriseMember: string;
  /** A person or API key acting for this partner organisation. */
  partnerMember: string;
  /** A signed-in person of this partner organisation (not one of its API keys). */
  partnerPerson: string;
  /** A person or API key acting for a partner of this kind. */
  partnerKind: PartnerKind;
  /** An API key carrying this scope, or a person whose membership gives it (auth/viewer.ts). */
  apiScope: ApiScope;
}

/** A rule: scopes of which any one suffices, `$all` of which every one is needed (scope-auth's map). */
export type Policy = { [K in keyof AuthScopes]?: AuthScopes[K] } & { $any?: Policy; $all?: Policy };

/** Whether the caller holds one scope: the one definition scope-auth and `allows` share. */
export function holds<K extends keyof AuthScopes>(viewer: Viewer, scope: K, param: AuthScopes[K]): boolean {
  const p = param as AuthScopes[keyof AuthScopes];
  switch (scope) {
    case 'authenticated':
      return !isAnonymous(viewer);
    case 'staff':
      return isStaff(viewer);
    case 'staffOf':
      return isStaff(viewer) && (viewer.regencyId === null || viewer.regencyId === p);
    case 'admin':
      return viewer.role === 'ADMIN';
    case 'enterpriseMember':
      return viewer.enterpriseIds.includes(p as string);
    case 'partnerMember':
      return viewer.partner?.id === p;
    case 'partnerPerson':
      return viewer.userId !== null && viewer.partner?.id === p;
    case 'partnerKind':
      return viewer.partner?.kind === p;
    case 'apiScope':
      return hasApiScope(viewer, p as ApiScope);
  }
  return false;
}

/** Why a policy refuses the caller, in scope-auth's own shape; null when it allows. */
function failureOf(viewer: Viewer, policy: Policy, all = false): AuthFailure | null {
  const failures: AuthFailure[] = [];
  for (const [key, param] of Object.entries(policy) as [keyof Policy, unknown][]) {
    const failure =
      key === '$any' || key === '$all'
        ? failureOf(viewer, param as Policy, key === '$all')
        : holds(viewer, key, param as never)
          ? null
          : { kind: AuthScopeFailureType.AuthScope as const, scope: key, parameter: param, error: null };
    if (failure === null && !all) return null;
    if (failure !== null) failures.push(failure);
    if (failure !== null && all) break;
  }
  if (all && failures.length === 0) return null;
  return { kind: all ? AuthScopeFailureType.AllAuthScopes : AuthScopeFailureType.AnyAuthScopes, failures };
}

/** Whether the policy lets the caller in. */
export function allows(viewer: Viewer, policy: Policy): boolean {
  return failureOf(viewer, policy) === null;
}

/** A scope's name in `extensions.requiredScope`: the API scope itself, never a record's id. */
function scopeLabel(scope: string, parameter: unknown): string {
  if (scope === 'apiScope') return scopeName(String(parameter)) ?? String(parameter);
  if (scope === 'partnerKind') return `partnerKind:${String(parameter)}`;
  if (scope === 'staffOf') return 'staff of the kabupaten/kota';
  return scope;
}

/**
 * What the caller lacks, for `extensions.requiredScope` of a FORBIDDEN: e.g. `SESSIONS_WRITE`,
 * `staff or enterpriseMember`, `partnerKind:FUNDER and LEADS_READ`. Names scopes and roles only,
 * so it tells nothing about whether a record exists.
 */
export function requiredScopeOf(failure: AuthFailure): string {
  switch (failure.kind) {
    case AuthScopeFailureType.AuthScope:
      return scopeLabel(failure.scope, failure.parameter);
    case AuthScopeFailureType.AnyAuthScopes:
    case AuthScopeFailureType.AllAuthScopes: {
      const parts = failure.failures.map((f) => {
        const label = requiredScopeOf(f);
        return failure.failures.length > 1 && 'failures' in f && f.failures.length > 1 ? `(${label})` : label;
      });
      return [...new Set(parts)].join(failure.kind === AuthScopeFailureType.AllAuthScopes ? ' and ' : ' or ');
    }
    default:
      return 'policy';
  }
}

/** A whole policy as if every scope in it failed: what `requiredScopeOf` names for the docs. */
function asFailure(policy: Policy, all = false): AuthFailure {
  const failures = (Object.entries(policy) as [keyof Policy, unknown][]).map(([key, param]): AuthFailure =>
    key === '$any' || key === '$all'
      ? asFailure(param as Policy, key === '$all')
      : { kind: AuthScopeFailureType.AuthScope, scope: key, parameter: param, error: null },
  );
  return { kind: all ? AuthScopeFailureType.AllAuthScopes : AuthScopeFailureType.AnyAuthScopes, failures };
}

/** The requirement of a whole policy, in the words of `requiredScope` (auth/policy-docs.ts writes it into descriptions). */
export function requiredScopeOfPolicy(policy: Policy): string {
  return requiredScopeOf(asFailure(policy));
}

/**
 * The rules, each once. A record id the caller sent that decodes to nothing (null) becomes NO_ID:
 * no one belongs to it, so only the other scopes can pass, and the policy keeps its shape for docs.
 */
export const policies = {
  /** Disperin staff: forum lifecycle, scheduling, the registry's archive, the audit trail. */
  staff: { staff: true },
  /** Administrators only. */
  admin: { admin: true },
  /** Any signed-in person or API key; the record-level rule then decides. */
  signedIn: { authenticated: true },
  /**
   * An enterprise's own people and Disperin staff: change its profile, products, needs and consents
   * (runMutation then keeps staff to their office's kabupaten/kota).
   */
  enterpriseOwnPeople: (enterpriseId: string | null): Policy => ({ staff: true, enterpriseMember: enterpriseId ?? NO_ID }),
  /**
   * An enterprise's own people and the staff of its kabupaten/kota (`regencyId`, common/region.ts
   * looks it up): read its private fields (NPWP, figures, contacts), consents, needs and data access log without consent.
   */
  enterpriseReaders: (enterpriseId: string, regencyId: string | null): Policy => ({ staffOf: regencyId, enterpriseMember: enterpriseId }),
  /** A funder (a FUNDER partner's person, or its API key) holding `scope`: its leads and pipeline. */
  funder: (scope: ApiScope): Policy => ({ $all: { partnerKind: 'FUNDER', apiScope: scope } }),
  /**
   * A funder's review of a lead, its history and notes: that funder's people and its keys holding
   * a lead scope (either one; scope-auth maps take each key once, hence the nested `$all`).
   */
  ownReview: (funderId: string): Policy => ({
    $all: { partnerKind: 'FUNDER', partnerMember: funderId, $any: { apiScope: SCOPE.LEADS_READ, $all: { apiScope: SCOPE.LEADS_WRITE } } },
  }),
  /** A partner's people and API keys, and staff: its contacts' phone and e-mail. */
  partnerOwnPeople: (partnerId: string | null): Policy => ({ staff: true, partnerMember: partnerId ?? NO_ID }),
  /** A partner's people and its API keys holding `scope`. */
  partnerActing: (partnerId: string, scope: ApiScope): Policy => ({ $all: { partnerMember: partnerId, apiScope: scope } }),
  /** Staff, or a partner's people and API keys holding `scope`. */
  staffOrPartnerActing: (partnerId: string | null, scope: ApiScope): Policy => ({
    staff: true,
    $all: { partnerMember: partnerId ?? NO_ID, apiScope: scope },
  }),
  /** A partner's signed-in people (not its keys: a key cannot mint or list keys) and staff: its API keys. */
  partnerKeyManagers: (partnerId: string): Policy => ({ staff: true, partnerPerson: partnerId }),
  /**
   * A partner's signed-in people and the provincial office's staff: its webhook endpoints and their
   * delivery logs. A delivery names an event about a record of any kabupaten/kota (a consent an IKM
   * of Demak granted the partner): an office of one kabupaten/kota reads no other's (staffOf).
   */
  partnerWebhookManagers: (partnerId: string): Policy => ({ staffOf: null, partnerPerson: partnerId }),
  /** A partner's signed-in people only: creating its API keys (staff are no partner's members). */
  partnerPeople: (partnerId: string | null): Policy => ({ partnerPerson: partnerId ?? NO_ID }),
  /**
   * Who posts and changes an opportunity: staff, or the poster's own people (a partner's members
   * and keys, an enterprise's members); the field adds `OPPORTUNITIES_WRITE`.
   */
  opportunityPoster: (poster: { partnerId: string | null; enterpriseId: string | null }): Policy => ({
    staff: true,
    ...(poster.partnerId ? { partnerMember: poster.partnerId } : {}),
    ...(poster.enterpriseId ? { enterpriseMember: poster.enterpriseId } : {}),
  }),
  /**
   * A forum participant's own people: members of the registered enterprise, and members and
   * `SESSIONS_WRITE` keys of the registered partner (staff are added where they act for it).
   */
  participantOwnPeople: (p: { enterpriseId: string | null; partnerId: string | null }): Policy => ({
    ...(p.enterpriseId ? { enterpriseMember: p.enterpriseId } : {}),
    ...(p.partnerId ? { $all: { partnerMember: p.partnerId, apiScope: SCOPE.SESSIONS_WRITE } } : {}),
  }),
  /** A forum participant's own people and Disperin staff: acting for it (runMutation keeps staff to the forum's region). */
  participantOrStaff: (p: { enterpriseId: string | null; partnerId: string | null }): Policy => ({
    staff: true,
    ...policies.participantOwnPeople(p),
  }),
  /** A forum participant's own people and the staff of the forum's kabupaten/kota (`regencyId`): its private data. */
  participantReaders: (p: { enterpriseId: string | null; partnerId: string | null }, regencyId: string | null): Policy => ({
    staffOf: regencyId,
    ...policies.participantOwnPeople(p),
  }),
} as const satisfies Record<string, Policy | ((...args: never[]) => Policy)>;

/** What the caller lacks for the policy (its `requiredScope`), or null when the policy allows it. */
export function missingScope(viewer: Viewer, policy: Policy): string | null {
  const failure = failureOf(viewer, policy);
  return failure ? requiredScopeOf(failure) : null;
}

/** Throws a top-level FORBIDDEN naming what the caller lacks, unless the policy allows it. */
export function demand(viewer: Viewer, policy: Policy, message: string): void {
  const missing = missingScope(viewer, policy);
  if (missing !== null) throw forbidden(message, missing);
}

const funders = new WeakMap<Viewer, Funder | null>();

/**
 * The funder a request acts for: a FUNDER partner's person or its key holding `LEADS_READ`. Asked
 * for every lead a page shows; a viewer does not change once signed in, so it is worked out once.
 */
export function callingFunderOf(viewer: Viewer): Funder | null {
  let funder = funders.get(viewer);
  if (funder === undefined) {
    funder = viewer.partner && allows(viewer, policies.funder(SCOPE.LEADS_READ)) ? { id: viewer.partner.id, funderType: viewer.partner.funderType } : null;
    funders.set(viewer, funder);
  }
  return funder;
}

/**
 * How the caller may read an enterprise's consent-protected data under `scope`: as one of its
 * readers (policies.enterpriseReaders: its own people, the staff of its kabupaten/kota `regencyId`;
 * OWN, not audited), as a funder holding an active consent covering the scope (CONSENT: the
 * resolver audits the read), or not at all. `held` is the calling funder's consented scopes for
 * this enterprise (empty for everyone else).
 */
export type ProtectedAccess = 'OWN' | 'CONSENT' | null;
export function protectedAccessOf(
  viewer: Viewer,
  enterprise: { id: string; regencyId: string | null },
  scope: ConsentScope | 'ANY',
  held: ReadonlySet<ConsentScope>,
): ProtectedAccess {
  if (allows(viewer, policies.enterpriseReaders(enterprise.id, enterprise.regencyId))) return 'OWN';
  if (!callingFunderOf(viewer)) return null;
  return (scope === 'ANY' ? held.size > 0 : held.has(scope)) ? 'CONSENT' : null;
}
