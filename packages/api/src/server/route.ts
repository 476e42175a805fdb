import type { ServerResponse } from 'node:http';
import type { Context } from '@temu-bisnis/schema';
import { type DocumentNode, type ExecutionResult, GraphQLError } from 'graphql';
import type { Plugin, YogaInitialContext, YogaServerInstance } from 'graphql-yoga';
import type { Authentication } from '../auth/authenticate';
import type { Logger } from '../logger';

/** What a route beside /graphql is handed: the request and the caller, and the API to read through. */
export interface RouteRequest {
  request: Request;
  url: URL;
  /** The caller the HTTP server authenticated before routing, once for every route (http.ts). */
  auth: Authentication;
  logger: Logger;
  /** The request's context, built by yoga's own context factory, as for /graphql (yoga.ts). */
  context(): Promise<Context>;
  /**
   * Runs an operation through yoga's execution, with the plugins of /graphql: the limits, the
   * execution timeout, and the audit trail (what the operation disclosed is on record when it returns).
   */
  execute<T>(document: DocumentNode, variables: Record<string, unknown>, context: Context): Promise<ExecutionResult<T>>;
  /**
   * Cuts the connection of a response whose body fails after its headers left, so the client sees
   * a truncated transfer rather than a body that looks complete.
   */
  abort(): void;
}

/** A route beside /graphql: the paths it answers, and its answer. */
export interface Route {
  matches(pathname: string): boolean;
  serve(request: RouteRequest): Promise<Response>;
}

/**
 * Serves the routes beside /graphql inside yoga, as a plugin: they share its context, its
 * authentication, the HTTP server's rate limit and yoga's execution plugins, instead of building
 * a context of their own. A path no route matches goes on to GraphQL as before.
 */
export function useRoutes<ServerContext extends { auth?: Authentication }>(routes: readonly Route[], logger: Logger): Plugin<Record<string, never>, ServerContext> {
  let yoga: YogaServerInstance<ServerContext, Context> | null = null;
  return {
    onYogaInit({ yoga: instance }) {
      yoga = instance as unknown as YogaServerInstance<ServerContext, Context>;
    },
    async onRequest({ request, url, serverContext, endResponse }) {
      const route = routes.find((r) => r.matches(url.pathname));
      if (!route || !yoga) return;
      const { auth } = serverContext;
      if (!auth) throw new Error(`${url.pathname} is served behind the HTTP server, which authenticates the caller first.`);
      const enveloped = yoga.getEnveloped({ ...serverContext, request } as unknown as ServerContext & YogaInitialContext & Context);
      endResponse(
        await route.serve({
          request,
          url,
          auth,
          logger,
          context: async () => (await enveloped.contextFactory()) as unknown as Context,
          abort: () => (serverContext as { res?: ServerResponse }).res?.destroy(),
          execute: async <T>(document: DocumentNode, variables: Record<string, unknown>, contextValue: Context) => {
            try {
              return (await enveloped.execute({ schema: enveloped.schema, document, contextValue, variableValues: variables })) as ExecutionResult<T>;
            } catch (error) {
              // A plugin's refusal thrown out of execution (the timeout's abort): a result, as yoga makes it.
              if (error instanceof GraphQLError) return { errors: [error] };
              throw error;
            }
          },
        }),
      );
    },
  };
}
