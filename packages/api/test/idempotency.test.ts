import { parse, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialKeys, mac, requestHash } from '../src/server/idempotency/sealing';
import { apiKeyOf, BRI, createEnterprise, createNeed, DISTRIBUTOR, leadGid, memberOf } from './financing-fixtures';
import { distributionOffer as offer } from './opportunity-fixtures';
import { startTestServer, type TestServer } from './support/server';

/**
 * Idempotency-Key on mutations, over real HTTP: a repeat replays the first response and changes
 * nothing, another request under the same key is refused, concurrent repeats apply once, keys
 * belong to one credential, and the table keeps only hashes and sealed answers.
 */

let api: TestServer;
let bri: Record<string, string>;
let distributorKey: Record<string, string>;

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  bri = (await memberOf(api, BRI)).headers;
  distributorKey = await apiKeyOf(api, DISTRIBUTOR, ['opportunities:write']);
});
afterAll(() => api.close());

const NOTE = `mutation($input: LeadNoteAddInput!) { leadNoteAdd(input: $input) { review { id notes { totalCount } } userErrors { code } } }`;
const POST = `mutation($input: OpportunityPostInput!) { opportunityPost(input: $input) { opportunity { id title } userErrors { code field } } }`;

interface Sent {
  status: number;
  headers: Headers;
  text: string;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** One POST with these headers; the raw text is kept to compare replays byte for byte. */
async function send(query: string, variables: Record<string, unknown>, headers: Record<string, string>, server = api): Promise<Sent> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) };
}

async function freshLead(): Promise<{ needId: string; leadId: string }> {
  const needId = await createNeed(api, await createEnterprise(api));
  return { needId, leadId: leadGid(needId) };
}

const notesOf = (needId: string) => api.db.prisma.leadNote.count({ where: { review: { financingNeedId: needId } } });

describe('a repeated key', () => {
  it('replays the first response (marked Idempotency-Replayed) and adds the note once', async () => {
    const { needId, leadId } = await freshLead();
    const headers = { ...bri, 'idempotency-key': `note:${needId}` };
    const input = { leadId, body: 'Pemilik minta dihubungi Senin pagi.' };
    const first = await send(NOTE, { input }, headers);
    expect(first.status).toBe(200);
    expect(first.body.data.leadNoteAdd.userErrors).toEqual([]);
    expect(first.body.data.leadNoteAdd.review.notes.totalCount).toBe(1);
    expect(first.headers.get('idempotency-replayed')).toBeNull();

    const again = await send(NOTE, { input: { body: input.body, leadId } }, headers); // same variables, other key order
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(again.text).toBe(first.text);
    expect(await notesOf(needId)).toBe(1);

    // Without the key the same request is a new note.
    await send(NOTE, { input }, bri);
    expect(await notesOf(needId)).toBe(2);
  });

  it('refuses another request under a used key (422 IDEMPOTENCY_KEY_REUSED) without echoing it, and changes nothing', async () => {
    const { needId, leadId } = await freshLead();
    const headers = { ...bri, 'idempotency-key': `note:${needId}` };
    await send(NOTE, { input: { leadId, body: 'Catatan pertama.' } }, headers);
    const other = await send(NOTE, { input: { leadId, body: 'Catatan rahasia kedua.' } }, headers);
    console.log(`same key, other body: HTTP ${other.status} ${other.text}`);
    expect(other.status).toBe(422);
    expect(other.body.data).toBeUndefined();
    expect(other.body.errors).toHaveLength(1);
    expect(other.body.errors![0]!.extensions).toEqual({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(other.text).not.toContain('rahasia');
    expect(other.text).not.toContain(needId);
    // Another operation under the same key is another request too.
    const post = await send(POST, { input: offer('Penawaran dengan kunci bekas') }, headers);
    expect(post.body.errors![0]!.extensions!.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await notesOf(needId)).toBe(1);
    expect(await api.db.prisma.opportunity.count({ where: { title: 'Penawaran dengan kunci bekas' } })).toBe(0);
  });

  it('20 concurrent requests with one key post one opportunity, and all 20 get its answer', async () => {
    const title = `Distribusi serentak ${Date.now()}`;
    const headers = { ...distributorKey, 'idempotency-key': `offer:${title}` };
    const input = offer(title);
    const answers = await Promise.all(Array.from({ length: 20 }, () => send(POST, { input }, headers)));
    const stored = await api.db.prisma.opportunity.count({ where: { title } });
    console.log(
      `20 concurrent opportunityPost, one key: statuses ${[...new Set(answers.map((a) => a.status))]}, ` +
        `replayed ${answers.filter((a) => a.headers.get('idempotency-replayed') === 'true').length}, opportunities in the database ${stored}`,
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const ids = new Set(answers.map((a) => a.body.data?.opportunityPost.opportunity.id));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotency-replayed') === 'true')).toHaveLength(19);
    expect(stored).toBe(1);
  });

  it('belongs to one credential: another credential with the same key applies its own change', async () => {
    const title = `Kunci bersama ${Date.now()}`;
    const key = { 'idempotency-key': 'shared-key-1' };
    const otherKey = await apiKeyOf(api, DISTRIBUTOR, ['opportunities:write']);
    const input = offer(title);
    const a = await send(POST, { input }, { ...distributorKey, ...key });
    const b = await send(POST, { input }, { ...otherKey, ...key });
    expect(b.headers.get('idempotency-replayed')).toBeNull();
    expect(b.body.data.opportunityPost.opportunity.id).not.toBe(a.body.data.opportunityPost.opportunity.id);
    expect(await api.db.prisma.opportunity.count({ where: { title } })).toBe(2);
  });

  it('is stored as hashes and a sealed answer: the table holds neither the key nor the response', async () => {
    const { needId, leadId } = await freshLead();
    const key = `note-plain:${needId}`;
    const first = await send(NOTE, { input: { leadId, body: 'Catatan tersegel.' } }, { ...bri, 'idempotency-key': key });
    const secret = bri.authorization!.replace(/^Bearer /, '');
    const keys = credentialKeys(secret);
    const row = await api.db.prisma.idempotencyKey.findUniqueOrThrow({
      where: { credential_keyHash: { credential: keys.scope, keyHash: mac(keys, key) } },
    });
    expect(row.status).toBe(200);
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
    const stored = Buffer.from(row.response!).toString('latin1');
    expect(stored).not.toContain(first.body.data.leadNoteAdd.review.id);
    expect(`${row.credential}${row.keyHash}${row.requestHash}`).not.toContain(secret);
    expect(row.keyHash).not.toContain(needId);
  });
});

describe('what the key applies to', () => {
  it('queries ignore it, even a malformed one', async () => {
    const res = await send(`{ viewer { authenticated } }`, {}, { ...bri, 'idempotency-key': 'x'.repeat(300) });
    expect(res.status).toBe(200);
    expect(res.body.data.viewer.authenticated).toBe(true);
  });

  it('a malformed key on a mutation is refused (400 IDEMPOTENCY_KEY_INVALID) and nothing is applied', async () => {
    const { needId, leadId } = await freshLead();
    for (const key of ['x'.repeat(256), 'kunci\u00e9', '']) {
      const res = await send(NOTE, { input: { leadId, body: 'Tidak boleh tersimpan.' } }, { ...bri, 'idempotency-key': key });
      expect(res.status).toBe(400);
      expect(res.body.errors![0]!.extensions!.code).toBe('IDEMPOTENCY_KEY_INVALID');
      expect(res.text).not.toContain('xxxxxxxx');
    }
    expect(await notesOf(needId)).toBe(0);
    const longest = await send(NOTE, { input: { leadId, body: 'Kunci 255.' } }, { ...bri, 'idempotency-key': 'k'.repeat(255) });
    expect(longest.body.data.leadNoteAdd.userErrors).toEqual([]);
  });

  it('anonymous callers cannot use it (400 IDEMPOTENCY_KEY_NEEDS_CREDENTIAL)', async () => {
    const res = await send(POST, { input: offer('Anonim') }, { 'idempotency-key': 'anon-1' });
    expect(res.status).toBe(400);
    expect(res.body.errors![0]!.extensions!.code).toBe('IDEMPOTENCY_KEY_NEEDS_CREDENTIAL');
  });

  it('a request refused before it ran gives the key back: the corrected request runs under it', async () => {
    const { needId, leadId } = await freshLead();
    const headers = { ...bri, 'idempotency-key': `note-fix:${needId}` };
    const bad = await send(NOTE, { input: { leadId, body: 'Catatan.', colour: 'MERAH' } }, headers);
    expect(bad.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const good = await send(NOTE, { input: { leadId, body: 'Catatan.' } }, headers);
    expect(good.headers.get('idempotency-replayed')).toBeNull();
    expect(good.body.data.leadNoteAdd.userErrors).toEqual([]);
    expect(await notesOf(needId)).toBe(1);
  });
});

describe('claims and expiry', () => {
  let short: TestServer;
  let key: Record<string, string>;
  beforeAll(async () => {
    short = await startTestServer({
      seeded: true,
      idempotency: { retentionMs: 86_400_000, leaseMs: 300_000, waitMs: 400, sweepEveryMs: 600_000 },
    });
    key = await apiKeyOf(short, DISTRIBUTOR, ['opportunities:write']);
  });
  afterAll(() => short.close());

  /** The row a request with this key and input would find, as the server derives it. */
  function rowFor(idempotencyKey: string, input: unknown, headers = key) {
    const keys = credentialKeys(headers.authorization!.replace(/^Bearer /, ''));
    return {
      credential: keys.scope,
      keyHash: mac(keys, idempotencyKey),
      requestHash: requestHash(keys, print(parse(POST)), undefined, { input }),
    };
  }

  it('deletes expired rows of every caller, and takes over an expired claim of its own', async () => {
    const expired = new Date(Date.now() - 1_000);
    await short.db.prisma.idempotencyKey.createMany({
      data: [
        { credential: 'someone-else', keyHash: 'old-answer', requestHash: 'h', status: 200, response: new Uint8Array([1]), expiresAt: expired },
        { credential: 'someone-else', keyHash: 'abandoned', requestHash: 'h', expiresAt: expired },
      ],
    });
    const input = offer(`Klaim kedaluwarsa ${Date.now()}`);
    await short.db.prisma.idempotencyKey.create({ data: { ...rowFor('expired-claim', input), expiresAt: expired } });
    const res = await send(POST, { input }, { ...key, 'idempotency-key': 'expired-claim' }, short);
    expect(res.body.data.opportunityPost.userErrors).toEqual([]);
    expect(await short.db.prisma.opportunity.count({ where: { title: input.title } })).toBe(1);
    expect(await short.db.prisma.idempotencyKey.count({ where: { credential: 'someone-else' } })).toBe(0);
  });

  it('a repeat that waited past waitMs for a running request is told to come back (409 IDEMPOTENCY_KEY_IN_USE, Retry-After)', async () => {
    const input = offer(`Masih berjalan ${Date.now()}`);
    await short.db.prisma.idempotencyKey.create({ data: { ...rowFor('running', input), expiresAt: new Date(Date.now() + 60_000) } });
    const started = performance.now();
    const res = await send(POST, { input }, { ...key, 'idempotency-key': 'running' }, short);
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    expect(res.status).toBe(409);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.body.errors![0]!.extensions).toEqual({ code: 'IDEMPOTENCY_KEY_IN_USE', retryAfter: 1 });
    expect(await short.db.prisma.opportunity.count({ where: { title: input.title } })).toBe(0);
  });
});
