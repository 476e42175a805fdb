import { type DocumentNode, type GraphQLError, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { requestError } from './errors';

/**
 * Two rules for every text a caller sends, in literals or variables, before any resolver sees it:
 * - at most maxLength characters, so megabyte strings never reach a regex, tsquery or index;
 * - no NUL character: PostgreSQL text cannot hold U+0000, and without this check the insert
 *   would fail deep in the driver as an unexpected error instead of a clear answer.
 * Field-specific limits (a name of 120 characters) stay in the mutations as userErrors.
 * The one exception is a whole file sent as text: an input field named in LONG_TEXT_FIELDS (a
 * forum roster in CSV) is bounded by the request body limit and its own mutation's row limit.
 */
const LONG_TEXT_FIELDS = new Set(['csv']);

export function useInputStringLimits(maxLength: number): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = stringError(args.document, args.variableValues, maxLength);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}

function stringError(
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  maxLength: number,
): GraphQLError | null {
  const strings = [...literalStrings(document)];
  const files: string[] = [];
  collectStrings(variables, strings, files);
  for (const text of files) {
    if (text.includes('\u0000')) return requestError('Text inputs must not contain the NUL character (U+0000).', 'BAD_USER_INPUT', 400);
  }
  for (const text of strings) {
    if (text.length > maxLength) {
      const message = `Text inputs may be at most ${maxLength} characters; one has ${text.length}.`;
      return requestError(message, 'BAD_USER_INPUT', 400);
    }
    if (text.includes('\u0000')) {
      return requestError('Text inputs must not contain the NUL character (U+0000).', 'BAD_USER_INPUT', 400);
    }
  }
  return null;
}

const literals = new WeakMap<DocumentNode, string[]>();

/** The strings written in the document, found once per parsed document. */
function literalStrings(document: DocumentNode): string[] {
  let found = literals.get(document);
  if (!found) {
    const strings: string[] = [];
    visit(document, { StringValue: (node) => void strings.push(node.value) });
    found = strings;
    literals.set(document, found);
  }
  return found;
}

function collectStrings(value: unknown, into: string[], files: string[]): void {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, into, files);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (LONG_TEXT_FIELDS.has(key) && typeof item === 'string') files.push(item);
      else collectStrings(item, into, files);
    }
  }
}
