import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyOf, BRI, createEnterprise, createNeed, DISTRIBUTOR, leadGid, memberOf } from '../../api/test/financing-fixtures';
import { distributionOffer as offer } from '../../api/test/opportunity-fixtures';
import { startTestServer, type TestServer } from '../../api/test/support/server';
import { NetworkError, TemuBisnisClient, ValidationError } from '../src/index';

/**
 * Mutations that reach the API but whose answer is lost on the way back: the SDK retries them
 * under one Idempotency-Key per call and the API applies each once (counted in the database).
 */

let api: TestServer;
let endpoint: string;
let bankToken: string;
let distributorKey: string;

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  endpoint = `${api.url}/graphql`;
  bankToken = (await memberOf(api, BRI)).headers.authorization!.replace(/^Bearer /, '');
  distributorKey = (await apiKeyOf(api, DISTRIBUTOR, ['opportunities:write'])).authorization!.replace(/^Bearer /, '');
});
afterAll(() => api.close());

interface Exchange {
  operationName: string;
  idempotencyKey: string | null;
  status: number;
  replayed: boolean;
  dropped: boolean;
}

/**
 * A real fetch that loses the first response of the named operations: the request reaches the
 * server and is applied, the whole answer is read, and then the caller sees a network failure.
 */
function droppingFirstAnswerOf(...operations: string[]) {
  const exchanges: Exchange[] = [];
  const dropped = new Set<string>();
  const lossy: typeof fetch = async (input, init) => {
    const { operationName } = JSON.parse(String(init?.body)) as { operationName: string };
    const response = await fetch(input, init);
    const body = await response.text();
    const drop = operations.includes(operationName) && !dropped.has(operationName);
    exchanges.push({
      operationName,
      idempotencyKey: new Headers(init?.headers).get('idempotency-key'),
      status: response.status,
      replayed: response.headers.get('idempotency-replayed') === 'true',
      dropped: drop,
    });
    if (drop) {
      dropped.add(operationName);
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    }
    return new Response(body, { status: response.status, headers: response.headers });
  };
  return { exchanges, fetch: lossy };
}

const client = (options: { token?: string; apiKey?: string; fetch?: typeof fetch; retries?: number }) =>
  new TemuBisnisClient({ endpoint, ...options, retries: { retries: options.retries ?? 2, baseDelayMs: 10 } });

const notesOf = (needId: string) => api.db.prisma.leadNote.count({ where: { review: { financingNeedId: needId } } });

describe('a lost answer', () => {
  it('leadNoteAdd and opportunityPost: the SDK retries under one key and each change is applied once', async () => {
    const needId = await createNeed(api, await createEnterprise(api));
    const title = `Distribusi setelah jawaban hilang ${Date.now()}`;
    const wire = droppingFirstAnswerOf('LeadNoteAdd', 'OpportunityPost');

    const review = await client({ token: bankToken, fetch: wire.fetch }).financingLeads.addNote({
      leadId: leadGid(needId),
      body: 'Survei lokasi usaha hari Kamis.',
    });
    const posted = await client({ apiKey: distributorKey, fetch: wire.fetch }).opportunities.post(offer(title));

    console.log('exchanges:', JSON.stringify(wire.exchanges));
    const notes = await notesOf(needId);
    const opportunities = await api.db.prisma.opportunity.findMany({ where: { title }, select: { id: true } });
    console.log(`leadNoteAdd: notes in the database = ${notes}; opportunityPost: opportunities in the database = ${opportunities.length}`);

    expect(wire.exchanges.map(({ operationName, status, replayed, dropped }) => ({ operationName, status, replayed, dropped }))).toEqual([
      { operationName: 'LeadNoteAdd', status: 200, replayed: false, dropped: true },
      { operationName: 'LeadNoteAdd', status: 200, replayed: true, dropped: false },
      { operationName: 'OpportunityPost', status: 200, replayed: false, dropped: true },
      { operationName: 'OpportunityPost', status: 200, replayed: true, dropped: false },
    ]);
    const [noteFirst, noteRetry, postFirst, postRetry] = wire.exchanges.map((e) => e.idempotencyKey);
    expect(noteFirst).toBeTruthy();
    expect(noteRetry).toBe(noteFirst);
    expect(postRetry).toBe(postFirst);
    expect(postFirst).not.toBe(noteFirst);
    expect(notes).toBe(1);
    expect(review.notes.totalCount).toBe(1);
    expect(opportunities).toHaveLength(1);
    expect(posted.title).toBe(title);
  });

  it('without retries the lost answer is a NetworkError although the note was added: what the key protects', async () => {
    const needId = await createNeed(api, await createEnterprise(api));
    const wire = droppingFirstAnswerOf('LeadNoteAdd');
    const error = await client({ token: bankToken, fetch: wire.fetch, retries: 0 })
      .financingLeads.addNote({ leadId: leadGid(needId), body: 'Catatan yang jawabannya hilang.' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(await notesOf(needId)).toBe(1);
  });
});

describe('a key of your own', () => {
  it('makes a change safe across calls; another change under it is a ValidationError IDEMPOTENCY_KEY_REUSED', async () => {
    const title = `Penawaran berkunci ${Date.now()}`;
    const sdk = client({ apiKey: distributorKey });
    const input = offer(title);
    const first = await sdk.opportunities.post(input, { idempotencyKey: `offer:${title}` });
    const again = await sdk.opportunities.post(input, { idempotencyKey: `offer:${title}` });
    expect(again.id).toBe(first.id);
    const other = await sdk.opportunities.post({ ...input, quantity: 9999 }, { idempotencyKey: `offer:${title}` }).catch((e: unknown) => e);
    expect(other).toBeInstanceOf(ValidationError);
    expect(other).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await api.db.prisma.opportunity.count({ where: { title } })).toBe(1);
  });

  it('20 concurrent calls with one key post one opportunity and all return it', async () => {
    const title = `Penawaran serentak SDK ${Date.now()}`;
    const sdk = client({ apiKey: distributorKey });
    const input = offer(title);
    const results = await Promise.all(Array.from({ length: 20 }, () => sdk.opportunities.post(input, { idempotencyKey: `burst:${title}` })));
    const count = await api.db.prisma.opportunity.count({ where: { title } });
    console.log(`20 concurrent opportunityPost, one key: distinct ids returned = ${new Set(results.map((r) => r.id)).size}, opportunities in the database = ${count}`);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(count).toBe(1);
  });
});
