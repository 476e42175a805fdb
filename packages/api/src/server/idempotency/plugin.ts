import type { Context } from '@temu-bisnis/schema';
import { GraphQLError, getOperationAST, print } from 'graphql';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import type { Logger } from '../../logger';
import { requestError } from '../security/errors';
import { type CredentialKeys, credentialKeys, mac, requestHash, seal, unseal } from './sealing';
import { complete, release, type StoreTimes, settle, sweep } from './store';

export interface IdempotencyOptions extends StoreTimes {
  /** How long a first answer is kept and replayed. */
  retentionMs: number;
  /** How often one API process deletes the expired rows of every caller. */
  sweepEveryMs: number;
}

const MINUTE = 60_000;

/**
 * 24 hours, after Stripe's idempotency keys (https://docs.stripe.com/api/idempotent_requests);
 * a repeat waits up to 10 s, the execution timeout of queries; a claim is abandoned after 5 minutes,
 * far longer than any mutation takes.
 */
export const IDEMPOTENCY_DEFAULTS: IdempotencyOptions = {
  retentionMs: 24 * 60 * MINUTE,
  leaseMs: 5 * MINUTE,
  waitMs: 10_000,
  sweepEveryMs: 10 * MINUTE,
};

/** Printable ASCII, as HTTP header values are; 255 characters as Stripe allows. */
const KEY_FORMAT = /^[\x20-\x7E]{1,255}$/;

/** What a replay sends back: the first response as it left the server. */
interface Answer {
  status: number;
  contentType: string | null;
  body: string;
}

type IdempotencyContext = Context & YogaInitialContext;

/**
 * `Idempotency-Key` on a mutation makes it apply at most once per credential within the retention:
 * the first request claims the key and runs; a repeat with the same operation and variables gets
 * the first response again (with `Idempotency-Replayed: true`), after waiting for it while it runs;
 * a repeat with another request is refused (IDEMPOTENCY_KEY_REUSED). Queries ignore the header.
 * Anonymous callers cannot use it: they change nothing, and keying by IP would let callers behind
 * one address read each other's answers.
 */
export function useIdempotency(logger: Logger, options: IdempotencyOptions = IDEMPOTENCY_DEFAULTS): Plugin<IdempotencyContext> {
  const claims = new WeakMap<Request, { id: string; keys: CredentialKeys; prisma: Context['prisma'] }>();
  const replays = new WeakMap<Request, Answer>();
  let nextSweep = 0;

  return {
    async onExecute({ args, setResultAndStopExecution }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'mutation') return;
      const ctx = args.contextValue;
      const key = ctx.request.headers.get('idempotency-key');
      if (key === null) return;
      const refuse = (error: GraphQLError) => setResultAndStopExecution({ errors: [error] });
      if (!KEY_FORMAT.test(key)) {
        return refuse(requestError('The Idempotency-Key header must be 1 to 255 printable ASCII characters.', 'IDEMPOTENCY_KEY_INVALID', 400));
      }
      // A Bearer secret here has been authenticated already: the context refuses one that is not.
      const secret = bearerSecret(ctx.request.headers.get('authorization'));
      if (!secret) {
        return refuse(
          requestError(
            'An Idempotency-Key is kept per credential: send it with an API key or sign-in token (Authorization: Bearer …).',
            'IDEMPOTENCY_KEY_NEEDS_CREDENTIAL',
            400,
          ),
        );
      }
      if (Date.now() >= nextSweep) {
        nextSweep = Date.now() + options.sweepEveryMs;
        await sweep(ctx.prisma, new Date()).catch((error: unknown) => logger.warn('idempotency: sweep failed', { error }));
      }
      const keys = credentialKeys(secret);
      const settled = await settle(
        ctx.prisma,
        {
          credential: keys.scope,
          keyHash: mac(keys, key),
          requestHash: requestHash(keys, print(args.document), args.operationName, args.variableValues),
        },
        options,
      );
      switch (settled.kind) {
        case 'claimed':
          claims.set(ctx.request, { id: settled.id, keys, prisma: ctx.prisma });
          return;
        case 'replay':
          // The first response replaces this placeholder whole in onResponse, status and all.
          replays.set(ctx.request, JSON.parse(unseal(keys, settled.response)) as Answer);
          return setResultAndStopExecution({ data: null });
        case 'reused':
          return refuse(
            requestError(
              'This Idempotency-Key was already used with another operation or other variables in the last ' +
                `${options.retentionMs / (60 * MINUTE)} hours. Use a new key for a new request.`,
              'IDEMPOTENCY_KEY_REUSED',
              422,
            ),
          );
        case 'in-use':
          return refuse(
            new GraphQLError('A request with this Idempotency-Key is still running. Send it again in 1 s to get its response.', {
              extensions: { code: 'IDEMPOTENCY_KEY_IN_USE', retryAfter: 1, http: { status: 409, headers: { 'retry-after': '1' } } },
            }),
          );
      }
    },

    async onResponse({ request, response, setResponse, fetchAPI }) {
      const replay = replays.get(request);
      if (replay) {
        const headers: Record<string, string> = { 'idempotency-replayed': 'true' };
        if (replay.contentType) headers['content-type'] = replay.contentType;
        return setResponse(new fetchAPI.Response(replay.body, { status: replay.status, headers }));
      }
      const claim = claims.get(request);
      if (!claim) return;
      const answer: Answer = { status: response.status, contentType: response.headers.get('content-type'), body: await response.clone().text() };
      try {
        if (refusedBeforeRunning(answer.body)) await release(claim.prisma, claim.id);
        else await complete(claim.prisma, claim.id, { status: answer.status, response: seal(claim.keys, JSON.stringify(answer)) }, options.retentionMs);
      } catch (error) {
        // The claim stays until its lease ends; repeats meanwhile are told IDEMPOTENCY_KEY_IN_USE.
        logger.error('idempotency: could not keep the answer', { error });
      }
    },
  };
}

function bearerSecret(header: string | null): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(header?.trim() ?? '')?.[1];
}

/**
 * No data and only expected refusals (authentication, authorisation, input): these come before any
 * write (docs/conventions.md: "nothing is written when there is any error"), so the key is given
 * back and a corrected or authorised repeat may run. Anything else, an unexpected error included,
 * may have changed data and is kept, as Stripe keeps its 500s.
 */
function refusedBeforeRunning(body: string): boolean {
  let result: { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
  try {
    result = JSON.parse(body) as typeof result;
  } catch {
    return false;
  }
  const errors = result.errors ?? [];
  return (
    (result.data === null || result.data === undefined) &&
    errors.length > 0 &&
    errors.every((e) => typeof e.extensions?.code === 'string' && e.extensions.code !== 'INTERNAL_SERVER_ERROR')
  );
}
