import { GraphQLError } from 'graphql';

/**
 * An expected refusal of the whole request: a message for a person, a machine-readable
 * `extensions.code`, and the HTTP status yoga should answer with (yoga strips `http` from the body).
 */
export function requestError(
  message: string,
  code: string,
  status: number,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions, http: { status } } });
}

/** A copy of an error with another message or more extensions; locations, path and cause are kept. */
export function revised(error: GraphQLError, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, ...extensions },
  });
}
