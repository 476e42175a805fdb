import { ServerError, ValidationError } from './errors';
import type * as G from './generated/graphql';
import { type IterateVariables, type Page, paginate } from './pagination';
import { type DocumentInput, type ExecutionResult, type RequestOptions, type Transport, type TypedDocument, userErrorsToError } from './transport';

/**
 * What every resource namespace is made of. The namespaces themselves (generated/resources.ts) are
 * generated from the `# @sdk` lines of src/operations/*.graphql: each method runs one operation
 * through these helpers.
 */
export class Resource {
  constructor(protected readonly transport: Transport) {}

  protected async query<TData, TVariables>(document: TypedDocument<TData, TVariables> & DocumentInput<TData, TVariables>, variables: TVariables, options?: RequestOptions): Promise<TData> {
    return (await this.transport.execute<TData>(document, variables as object, options)).data;
  }

  /**
   * Runs a mutation and returns its payload's object; a non-empty userErrors becomes a
   * ValidationError (nothing was changed).
   */
  protected async mutate<TData, TVariables, TPayload extends { userErrors: G.UserErrorFieldsFragment[] }, TResult>(
    document: TypedDocument<TData, TVariables> & DocumentInput<TData, TVariables>,
    variables: TVariables,
    options: RequestOptions | undefined,
    payloadOf: (data: TData) => TPayload,
    resultOf: (payload: TPayload) => TResult | null | undefined,
  ): Promise<NonNullable<TResult>> {
    const execution: ExecutionResult<TData> = await this.transport.execute<TData>(document, variables as object, options);
    const payload = payloadOf(execution.data);
    const invalid = userErrorsToError(payload.userErrors, execution);
    if (invalid) throw invalid;
    const result = resultOf(payload);
    if (result === null || result === undefined) {
      throw new ServerError(`${execution.operationName} returned neither a result nor userErrors.`, execution);
    }
    return result as NonNullable<TResult>;
  }
}

/** Every item of a list method, page after page (`pageSize` items per request). */
export function everyPage<TVariables, TNode>(
  list: (variables: TVariables) => Promise<Page<TNode>>,
  { pageSize, ...rest }: IterateVariables<TVariables>,
): AsyncGenerator<TNode, void, undefined> {
  return paginate((first, after) => list({ ...rest, first, after } as TVariables), pageSize);
}

/**
 * The node when it is of the type the query's inline fragment asked for, else null: a node of
 * another type comes back as an empty object (`... on X` selected nothing), so an ID of another
 * type reads as not found. (No __typename: the generated types then do not list every Node type of
 * the API, and do not change each time the API adds one.)
 */
export function nodeOf<TNode extends object>(node: TNode | null): Extract<TNode, { id: string }> | null {
  return node !== null && 'id' in node ? (node as Extract<TNode, { id: string }>) : null;
}

/** nodeOf, for a method that cannot answer without the node: a NOT_FOUND ValidationError on the argument. */
export function nodeOrThrow<TNode extends object>(node: TNode | null, argument: string): Extract<TNode, { id: string }> {
  const found = nodeOf(node);
  if (found) return found;
  const message = `${argument}: no record of the expected type has this ID, or it is not visible to you.`;
  throw new ValidationError(message, { userErrors: [{ code: 'NOT_FOUND', field: [argument], message }] });
}

/** An empty page, for a partner, enterprise or opportunity the caller may not see. */
export const EMPTY_PAGE = { nodes: [], totalCount: 0, pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } };
