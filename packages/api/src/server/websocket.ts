import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Context } from '@temu-bisnis/schema';
import { type DocumentNode, type ExecutionArgs, type ExecutionResult, getOperationAST, GraphQLError } from 'graphql';
import { CloseCode, type ServerOptions } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Authentication } from '../auth/authenticate';
import type { Logger } from '../logger';
import { GRAPHQL_PATH } from './not-found';
import type { Admission } from './security/rate-limit';
import type { TemuYoga } from './yoga';

/**
 * GraphQL over WebSocket (the graphql-ws protocol, `graphql-transport-ws`) on the API's own HTTP
 * server at /graphql, beside yoga's SSE. It runs yoga's envelop (`getEnveloped`, as yoga's
 * graphql-ws recipe does), so parsing and validation limits, the cost and page-size checks, error
 * masking, the context factory (viewer, audit, push channel) and the schema's authorisation are
 * those of the HTTP path. The credential travels in `connection_init`'s payload
 * (`{ authorization: 'Bearer …' }`, as the HTTP header) and is resolved like a request's: the
 * rate limiter's authentication and one unit of the caller's budget at connection, and again per
 * operation (a subscription over SSE is one request too), so a revoked credential opens nothing new.
 * Only subscriptions: queries and mutations go over HTTP, where the admission gate, Idempotency-Key
 * and the response cache are.
 */

/** How the HTTP server admits a caller (http.ts): authentication and the rate limit. */
export type AdmitCaller = (req: IncomingMessage, header: string | null) => Promise<Admission>;

type Enveloped = ReturnType<TemuYoga['getEnveloped']>;
/** What onSubscribe hands the subscribe step: the envelop's subscribe and the operation's hang-up (its context's signal). */
type Root = Pick<Enveloped, 'subscribe'> & { hangUp: AbortController };
type OperationResult = Awaited<ReturnType<NonNullable<ServerOptions['subscribe']>>>;

interface Connection extends Record<PropertyKey, unknown> {
  /** The credential of connection_init, sent with every operation of the connection. */
  authorization?: string | null;
}

export interface WebSocketEndpoint {
  /** Closes every connection (1001 Going away: the client may reconnect elsewhere and resume) and stops accepting new ones. */
  close(): Promise<void>;
}

export function serveWebSocket(
  server: Server,
  yoga: TemuYoga,
  { admit, logger, documentsRefused }: { admit: AdmitCaller; logger: Logger; documentsRefused: (authorization: string | null) => boolean },
): WebSocketEndpoint {
  const wss = new WebSocketServer({ server, path: GRAPHQL_PATH });
  /** Refuses the connection with a reason the client can show; answers whether the caller was admitted. */
  const admitted = async (socket: { close(code: number, reason: string): void }, req: IncomingMessage, authorization: string | null): Promise<Authentication | null> => {
    const admission = await admit(req, authorization);
    if ('refusal' in admission) {
      socket.close(CloseCode.TooManyInitialisationRequests, 'Rate limit exceeded: try again later.');
      return null;
    }
    if ('error' in admission.auth) {
      // WebSocket close reasons are at most 123 bytes.
      socket.close(CloseCode.Forbidden, admission.auth.error.message.slice(0, 120));
      return null;
    }
    return admission.auth;
  };
  const disposable = useServer<Record<string, unknown> | undefined, Connection>(
    {
      onConnect: async ({ connectionParams, extra }) => {
        const authorization = credentialOf(connectionParams);
        const auth = await admitted(extra.socket, extra.request, authorization);
        if (!auth) return false;
        extra.authorization = authorization;
        return true;
      },
      onSubscribe: async ({ extra }, _id, payload) => {
        const authorization = extra.authorization ?? null;
        if (documentsRefused(authorization)) {
          return [refusal('API keys may run only the persisted operations of the Temu Bisnis SDK; subscribe over HTTP (SSE) with persisted operations, or with a sign-in token.', 'PERSISTED_QUERY_ONLY')];
        }
        // Admitted again per operation, as every HTTP request is: a credential revoked since the connection opened starts nothing.
        const auth = await admitted(extra.socket, extra.request, authorization);
        if (!auth) return [refusal('The credential was refused.', 'UNAUTHENTICATED')];
        const hangUp = new AbortController();
        const request = new Request(`http://websocket${GRAPHQL_PATH}`, {
          // A fresh request id (audit, logs): the operation id is the client's, any string, not a header value.
          headers: { ...(authorization ? { authorization } : {}), 'x-request-id': randomUUID() },
          signal: hangUp.signal,
        });
        const enveloped = yoga.getEnveloped({ request, params: payload, auth });
        let document: DocumentNode;
        try {
          document = enveloped.parse(payload.query);
        } catch (error) {
          return [error instanceof GraphQLError ? error : refusal('The document could not be parsed.', 'GRAPHQL_PARSE_FAILED')];
        }
        const errors = enveloped.validate(enveloped.schema, document);
        if (errors.length > 0) return errors;
        if (getOperationAST(document, payload.operationName)?.operation !== 'subscription') {
          return [refusal(`Only subscriptions are served over WebSocket; send queries and mutations to ${GRAPHQL_PATH} over HTTP.`, 'BAD_REQUEST')];
        }
        const args: ExecutionArgs = {
          schema: enveloped.schema,
          document,
          operationName: payload.operationName ?? null,
          variableValues: payload.variables ?? null,
          contextValue: (await enveloped.contextFactory()) as Context,
          rootValue: { subscribe: enveloped.subscribe, hangUp } satisfies Root,
        };
        return args;
      },
      // The envelop's own subscribe (its plugins' onSubscribe hooks), handed over in rootValue as yoga's recipe does.
      subscribe: async (args) => {
        const { subscribe, hangUp } = args.rootValue as Root;
        const result = (await subscribe(args)) as Awaited<OperationResult>;
        return Symbol.asyncIterator in result ? abortingOnReturn(result as AsyncGenerator<ExecutionResult>, hangUp) : result;
      },
      onError: (_ctx, id, _payload, errors) => {
        logger.debug('websocket operation refused', { id, codes: errors.map((e) => e.extensions?.code) });
      },
    },
    wss,
  );
  return { close: () => disposable.dispose() as Promise<void> };
}

/**
 * The stream, with the hang-up signalled first when graphql-ws ends it (the client completes it,
 * the socket closes, the server shuts down): a feed waiting for its next wake-up stops at once,
 * where return() alone would queue behind that wait.
 */
function abortingOnReturn<T>(stream: AsyncGenerator<T>, hangUp: AbortController): AsyncGenerator<T> {
  const ending = <R>(end: () => Promise<R>) => {
    hangUp.abort();
    return end();
  };
  return {
    next: () => stream.next(),
    return: (value) => ending(() => stream.return(value)),
    throw: (error) => ending(() => stream.throw(error)),
    [Symbol.asyncIterator]() {
      return this;
    },
  } as AsyncGenerator<T>;
}

/** `authorization` (any case) of connection_init's payload, as the HTTP header would carry it. */
function credentialOf(params: Record<string, unknown> | undefined): string | null {
  const entry = Object.entries(params ?? {}).find(([key]) => key.toLowerCase() === 'authorization')?.[1];
  return typeof entry === 'string' ? entry : null;
}

function refusal(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}
