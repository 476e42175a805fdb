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
