import { builder } from '../builder';

/** What a partner's API key may do; stored on the key as the lower-case names (e.g. leads:read). */
export const API_SCOPES = {
  OPPORTUNITIES_READ: { value: 'opportunities:read', description: 'Read opportunities and recommendations.' },
  OPPORTUNITIES_WRITE: { value: 'opportunities:write', description: "Post and update the partner's opportunities." },
  PARTNER_PROFILE_WRITE: { value: 'partners:write', description: "Update the partner's own profile." },
  LEADS_READ: { value: 'leads:read', description: 'Read financing leads shared with the funder.' },
  LEADS_WRITE: { value: 'leads:write', description: "Move leads through the funder's pipeline, add notes." },
  SESSIONS_WRITE: { value: 'sessions:write', description: 'Register for forums and request meetings.' },
} as const;

export type ApiScopeName = keyof typeof API_SCOPES;

export const ApiScopeEnum = builder.enumType('ApiScope', {
  description: 'A permission an API key carries. Keys act for their partner organisation within these scopes only.',
  values: Object.fromEntries(
    Object.entries(API_SCOPES).map(([name, { description }]) => [name, { description }]),
  ) as Record<ApiScopeName, { description: string }>,
});

export function scopeValue(name: ApiScopeName): string {
  return API_SCOPES[name].value;
}

export function scopeName(value: string): ApiScopeName | null {
  const entry = Object.entries(API_SCOPES).find(([, s]) => s.value === value);
  return entry ? (entry[0] as ApiScopeName) : null;
}
