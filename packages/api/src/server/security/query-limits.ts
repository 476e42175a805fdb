import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { QueryLimits } from '../../config';

/**
 * Shape limits on the document (graphql-armor): depth, aliases, tokens and directives, checked at
 * parse and validation, before anything runs. Two of armor's protections run elsewhere:
 * - cost, in cost-limit.ts, at execution, where the variables that set page sizes are known;
 * - field suggestions, in suggestions.ts, because armor's blocker rewrites only
 *   'Did you mean "x"?' and misses enum values and variables.
 */
export function useQueryLimits(limits: QueryLimits): Plugin {
  return EnvelopArmorPlugin({
    blockFieldSuggestion: { enabled: false },
    costLimit: { enabled: false },
    // Fragments count by their contents, not as a level of their own, so SDK fragments cost nothing extra.
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ...rejectAs('maxDepth') },
    maxAliases: { n: limits.maxAliases, ...rejectAs('maxAliases') },
    maxTokens: { n: limits.maxTokens, ...rejectAs('maxTokens') },
    maxDirectives: { n: limits.maxDirectives, ...rejectAs('maxDirectives') },
  }) as Plugin;
}

/**
 * armor's own errors read "Syntax Error: …" and carry no code. This reports the same finding as a
 * validation error with the code and the name of the limit, so an SDK can tell which one it hit.
 * Like every validation error (`spec`), it is a 400 for application/graphql-response+json and a
 * 200 for plain application/json, as the GraphQL-over-HTTP spec asks.
 */
export function rejectAs(limit: string) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const clear = new GraphQLError(error.message.replace(/^Syntax Error: /, ''), {
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit, http: { status: 400, spec: true } },
        });
        // The token limit runs inside the parser, which has no validation context: throwing is
        // the only way to stop it there, and yoga answers a parse failure the same way.
        if (!context) throw clear;
        context.reportError(clear);
      },
    ],
  };
}
