import { GraphQLError } from 'graphql';

/**
 * A malformed argument outside a mutation's input (a filter, a query argument, a scalar): a
 * top-level BAD_USER_INPUT, answered before anything is read. `field` is its path when known,
 * `reason` a machine-readable cause where a caller may act on it (e.g. INVALID_WEIGHTS).
 */
export function badInput(message: string, field?: string[], reason?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}), ...(reason ? { reason } : {}) },
  });
}

/** A bad value of one field of a list's `filter` argument. */
export function badFilter(field: string, message: string): GraphQLError {
  return badInput(`filter.${field}: ${message}`, ['filter', field]);
}

/**
 * The caller lacks a right (docs/architecture.md, "Refusals"): a top-level FORBIDDEN whose
 * `requiredScope` names the missing scope or role (auth/policies.ts requiredScopeOf), never a record.
 */
export function forbidden(message: string, requiredScope: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', requiredScope } });
}
