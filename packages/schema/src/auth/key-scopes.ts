/** What a partner's API key may do; stored on the key as the lower-case names (e.g. leads:read). */
export const API_SCOPES = {
  OPPORTUNITIES_READ: { value: 'opportunities:read', description: 'Read opportunities and recommendations.' },
  OPPORTUNITIES_WRITE: { value: 'opportunities:write', description: "Post and update the partner's opportunities." },
  PARTNER_PROFILE_WRITE: { value: 'partners:write', description: "Update the partner's own profile." },
  LEADS_READ: {
    value: 'leads:read',
    description: "Read financing leads shared with the funder. Works only while the key's creator is a member of the funder.",
  },
  LEADS_WRITE: {
    value: 'leads:write',
    description: "Move leads through the funder's pipeline, add notes. Works only while the key's creator is a member of the funder.",
  },
  SESSIONS_WRITE: { value: 'sessions:write', description: 'Register for forums and request meetings.' },
} as const;

export type ApiScopeName = keyof typeof API_SCOPES;

/** A scope as stored on a key and named in authScopes, e.g. `leads:read`: only the values above. */
export type ApiScope = (typeof API_SCOPES)[ApiScopeName]['value'];

/** The scope values by name (`SCOPE.LEADS_READ` is `'leads:read'`), so code never spells a scope as a raw string. */
export const SCOPE = Object.fromEntries(Object.entries(API_SCOPES).map(([name, { value }]) => [name, value])) as {
  readonly [K in ApiScopeName]: (typeof API_SCOPES)[K]['value'];
};

export function scopeValue(name: ApiScopeName): ApiScope {
  return API_SCOPES[name].value;
}

export function scopeName(value: string): ApiScopeName | null {
  const entry = Object.entries(API_SCOPES).find(([, s]) => s.value === value);
  return entry ? (entry[0] as ApiScopeName) : null;
}

/** The scopes that open a funder's leads, pipeline and notes. */
const LEAD_SCOPES: readonly string[] = [SCOPE.LEADS_READ, SCOPE.LEADS_WRITE];

/** Every scope but the lead scopes: what a key of a partner other than a funder may use. */
export const NON_LEAD_SCOPES: readonly ApiScope[] = Object.values(SCOPE).filter((s) => !LEAD_SCOPES.includes(s));

/**
 * The scopes a key acts with. Lead scopes count only on a key a member of the funder created and
 * still belongs to: README, "each funder sees only its own pipeline" — Disperin staff (who are no
 * funder's members) and people who have left the funder cannot hold its lead credentials.
 */
export function honouredScopes(stored: readonly string[], { createdByMember }: { createdByMember: boolean }): string[] {
  return createdByMember ? [...stored] : stored.filter((s) => !LEAD_SCOPES.includes(s));
}
