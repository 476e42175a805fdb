import type { Plugin } from 'graphql-yoga';
import type { SecurityConfig } from '../../config';
import type { Logger } from '../../logger';
import { useCostLimit } from './cost-limit';
import { useInputErrorCodes } from './input-error-codes';
import { useIdInputs } from './id-inputs';
import { useInputStringLimits } from './input-strings';
import { useInputValuesOutOfErrors } from './input-values';
import { useIntrospectionPolicy } from './introspection';
import { usePageSizeLimit } from './page-size';
import { usePersistedOperationAllowList } from './persisted-operations';
import { useQueryLimits } from './query-limits';
import { useHiddenSuggestions } from './suggestions';
import { useExecutionTimeout } from './timeout';

/**
 * The protective layer inside yoga, in the order a request meets it: persisted-operation
 * allow-list, document shape limits (parse and validation), input errors without the values sent
 * (validation of literals, then the variables' types), the checks that need variables or the
 * viewer (page size, cost, text inputs, IDs, introspection), codes for the input errors that
 * graphql-js and Pothos leave without one, and last the execution timeout, which starts only for
 * operations that passed everything else.
 * Body size and batching are yoga options (see yoga.ts); the rate limit runs in the HTTP server,
 * before routing (rate-limit.ts, http.ts).
 */
export function securityPlugins(security: SecurityConfig, logger: Logger): Plugin[] {
  return [
    usePersistedOperationAllowList(security.persistedOperations, logger),
    useQueryLimits(security.limits),
    useInputValuesOutOfErrors(),
    ...(security.hideSuggestions ? [useHiddenSuggestions()] : []),
    usePageSizeLimit(security.limits.maxPageSize),
    useCostLimit(security.limits),
    useInputStringLimits(security.limits.maxInputStringLength),
    useIdInputs(),
    useIntrospectionPolicy(security.introspection),
    useInputErrorCodes(),
    useExecutionTimeout(security.limits.executionTimeoutMs),
  ] as Plugin[];
}
