import type { GraphQLField, GraphQLSchema } from 'graphql';
import { type Policy, requiredScopeOfPolicy } from './policies';
import { ANONYMOUS } from './viewer';

/** A field's policy as written in its authScopes: a map, or a function of the arguments that returns one. */
function policyOf(field: GraphQLField<unknown, unknown>): Policy | null {
  const scopes = (field.extensions as { pothosOptions?: { authScopes?: unknown } } | undefined)?.pothosOptions?.authScopes;
  if (typeof scopes !== 'function') return scopes && typeof scopes === 'object' ? (scopes as Policy) : null;
  try {
    // Evaluated with an empty input: the requirement names scopes and roles, never ids, so the
    // arguments do not change it. A policy that needs the database (a promise) stays undocumented here.
    const policy: unknown = scopes(undefined, { input: {} }, { viewer: ANONYMOUS }, undefined);
    return policy && typeof policy === 'object' && !('then' in policy) ? (policy as Policy) : null;
  } catch {
    return null;
  }
}

/**
 * Writes each root field's policy into its description, where the SDK's docs come from: the same
 * words a FORBIDDEN answer carries in `extensions.requiredScope`, derived from the policy itself
 * so that docs and checks cannot drift apart.
 */
export function documentPolicies(schema: GraphQLSchema): void {
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.values(type?.getFields() ?? {})) {
      const policy = policyOf(field);
      if (!policy) continue;
      const note = `Authorisation: \`${requiredScopeOfPolicy(policy)}\` (what a FORBIDDEN names in \`extensions.requiredScope\`).`;
      field.description = field.description ? `${field.description} ${note}` : note;
    }
  }
}
