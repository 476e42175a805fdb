import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../../schema/src/common/mutation';
import { createForum, registerOk } from './forum-fixtures';
import { concurrently } from './support/concurrently';
import { globalId } from './support/ids';
import { startTestServer, type TestServer } from './support/server';
import { testDatabaseKind } from './support/templates';

/**
 * What Disperin staff read beyond the public directory follows their office's kabupaten/kota
 * (common/region.ts), through HTTP: an officer of Kota Semarang (33.74) reads none of a Kabupaten
 * Demak (33.21) IKM's staff-only data, by field, filter, count, report or its file, while it still
 * reads the public profile; Demak's own officer and the provincial office read it.
 */

let api: TestServer;
let semarang: Record<string, string>;
let demak: Record<string, string>;
let province: Record<string, string>;
/** A Demak IKM with a contact phone, a financing need, a consent and an audit record. */
let ikm: { id: string; rowId: string; districtCode: string };
let needId: string;
let auditId: string;
let auditAt: Date;

const PRIVATE = `query($id: ID!) { node(id: $id) { ... on Enterprise {
  name district { code } bookkeeping annualTurnover businessCapital sizeClassReason
  contacts { name phone }
  consents(first: 5) { totalCount } dataAccessLog(first: 5) { totalCount } financingNeeds(first: 5) { totalCount } } } }`;
const RECOMMENDED = 'query($id: ID!) { node(id: $id) { ... on Enterprise { recommendedPartners(first: 1) { totalCount } } } }';

async function read(headers: Record<string, string>, query: string, variables: Record<string, unknown> = {}) {
  const res = await api.gql(query, variables, headers);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

/** The marketplace's posts by posters of a kabupaten/kota (its public regencyCodes filter). */
async function postsIn(code: string): Promise<string[]> {
  const data = await read({}, 'query($codes: [String!]) { opportunities(first: 100, filter: { regencyCodes: $codes }) { nodes { id } } }', { codes: [code] });
  return data.opportunities.nodes.map((n: { id: string }) => n.id);
}

const post = (tx: Pick<Tx, 'opportunity'>, data: { enterpriseId: string } | { partnerId: string }, title: string) =>
  tx.opportunity.create({ data: { ...data, kind: 'SELL_OFFER', title, validFrom: new Date('2026-01-01'), validUntil: new Date('2099-01-01'), searchText: title.toLowerCase() } });

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  [semarang, demak, province] = await Promise.all([
    api.as('petugas.ikm@disperin.semarangkota.go.id'),
    api.as('petugas.ikm@disperin.demakkab.go.id'),
    api.as('petugas.ikm@disperindag.jatengprov.go.id'),
  ]);
  const row = await api.db.prisma.enterprise.findFirstOrThrow({
    where: { status: 'ACTIVE', district: { regency: { code: '33.21' } }, contacts: { some: { phone: { not: null } } } },
    orderBy: { nib: 'asc' },
    select: { id: true, district: { select: { code: true } } },
  });
  ikm = { id: globalId('Enterprise', row.id), rowId: row.id, districtCode: row.district.code };
  const need = await api.gql(
    'mutation($input: FinancingNeedCreateInput!) { financingNeedCreate(input: $input) { financingNeed { id } userErrors { code } } }',
    { input: { enterpriseId: ikm.id, amount: '45000000', purpose: 'INVESTMENT', tenorMonths: 12 } },
    demak,
  );
  expect(need.data!.financingNeedCreate.userErrors).toEqual([]);
  needId = need.data!.financingNeedCreate.financingNeed.id;
  const consent = await api.gql(
    'mutation($input: ConsentGrantInput!) { consentGrant(input: $input) { userErrors { code } } }',
    { input: { enterpriseId: ikm.id, funderType: 'BANK', scopes: ['PROFILE'], expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() } },
    demak,
  );
  expect(consent.data!.consentGrant.userErrors).toEqual([]);
  const audit = await api.db.prisma.auditRecord.create({
    data: { action: 'READ_PROTECTED', subjectType: 'Enterprise', subjectId: row.id, enterpriseId: row.id, fields: ['npwp'] },
  });
  auditId = globalId('AuditRecord', audit.id);
  auditAt = audit.at;
});
afterAll(() => api.close());

describe("fields: an IKM's private data", () => {
  it('the Kota Semarang officer reads the public profile of a Demak IKM, as anyone does, and none of its private fields, consents, needs, log or recommendations', async () => {
    const { node } = await read(semarang, PRIVATE, { id: ikm.id });
    expect(node).toEqual((await read({}, PRIVATE, { id: ikm.id })).node);
    expect(node.name).toEqual(expect.any(String));
    expect(node.district.code).toBe(ikm.districtCode);
    expect(node.contacts.length).toBeGreaterThan(0);
    expect(node.contacts.every((c: { name: string; phone: unknown }) => c.name !== '' && c.phone === null)).toBe(true);
    expect({ ...node, name: null, district: null, contacts: null, sizeClassReason: null }).toEqual({
      name: null, district: null, contacts: null, sizeClassReason: null,
      bookkeeping: null, annualTurnover: null, businessCapital: null,
      consents: null, dataAccessLog: null, financingNeeds: null,
    });
    const recommended = await api.gql(RECOMMENDED, { id: ikm.id }, semarang);
    expect(recommended.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', requiredScope: 'staff of the kabupaten/kota or enterpriseMember' });
    expect((await read(semarang, 'query($id: ID!) { node(id: $id) { id } }', { id: needId })).node).toBeNull();
  });

  it("Demak's officer and the provincial office read them all", async () => {
    for (const headers of [demak, province]) {
      const { node } = await read(headers, PRIVATE, { id: ikm.id });
      expect(node.bookkeeping).toEqual(expect.any(String));
      expect(node.contacts.some((c: { phone: string | null }) => c.phone !== null)).toBe(true);
      expect(node.consents.totalCount).toBeGreaterThan(0);
      expect(node.financingNeeds.totalCount).toBeGreaterThan(0);
      expect(node.dataAccessLog).toEqual({ totalCount: expect.any(Number) });
      expect((await read(headers, RECOMMENDED, { id: ikm.id })).node.recommendedPartners).toEqual({ totalCount: expect.any(Number) });
      expect((await read(headers, 'query($id: ID!) { node(id: $id) { id } }', { id: needId })).node).toEqual({ id: needId });
    }
  });
});

describe('filters and counts', () => {
  it("a Demak forum's draft is counted and listed for Demak and the province, not for Kota Semarang", async () => {
    const draft = await createForum(api, demak, { districtCode: '33.21.11', venue: 'Pendopo Kabupaten Demak' }, { open: false });
    const FORUMS = '{ forums(first: 100, filter: { regencyCodes: ["33.21"] }) { totalCount nodes { id } } }';
    const publicView = (await read({}, FORUMS)).forums;
    const own = (await read(semarang, FORUMS)).forums;
    expect(own).toEqual(publicView);
    expect(own.nodes.map((n: { id: string }) => n.id)).not.toContain(draft.id);
    expect((await read(semarang, 'query($id: ID!) { node(id: $id) { id } }', { id: draft.id })).node).toBeNull();
    for (const headers of [demak, province]) {
      const seen = (await read(headers, FORUMS)).forums;
      expect(seen.totalCount).toBe(publicView.totalCount + 1);
      expect(seen.nodes.map((n: { id: string }) => n.id)).toContain(draft.id);
    }
  });

  it("a participant's private data at a Demak forum: null for Kota Semarang, shown to Demak and the province", async () => {
    const forum = await createForum(api, demak, { districtCode: '33.21.11', venue: 'Pendopo Kabupaten Demak' });
    const participant = await registerOk(api, demak, forum.id, { enterpriseId: ikm.rowId }, { attendees: ['Siti Rahayu'] });
    const PARTICIPANT = 'query($id: ID!) { node(id: $id) { ... on ForumParticipant { side attendees meetingCap } } }';
    expect((await read(semarang, PARTICIPANT, { id: participant })).node).toEqual({ side: 'ENTERPRISE', attendees: null, meetingCap: null });
    for (const headers of [demak, province]) {
      expect((await read(headers, PARTICIPANT, { id: participant })).node.attendees).toEqual(['Siti Rahayu']);
    }
  });

  it('the audit trail: an entry about a Demak IKM is listed and read by Demak and the province only', async () => {
    const TRAIL = 'query($e: ID) { auditRecords(first: 100, filter: { enterpriseId: $e }) { nodes { id enterpriseId } } }';
    const ids = (data: Record<string, any>) => data.auditRecords.nodes.map((n: { id: string }) => n.id);
    expect(ids(await read(semarang, TRAIL, { e: ikm.id }))).toEqual([]);
    // Unfiltered, an office lists its own IKM's records and those about none, in one read.
    const semarangIkm = new Set((await api.db.prisma.enterprise.findMany({ where: { district: { regency: { code: '33.74' } } }, select: { id: true } })).map((e) => e.id));
    const unfiltered = (await read(semarang, TRAIL)).auditRecords.nodes as { id: string; enterpriseId: string | null }[];
    expect(unfiltered.every((n) => n.enterpriseId === null || semarangIkm.has(n.enterpriseId))).toBe(true);
    const refused = await api.gql('query($id: ID!) { node(id: $id) { id } }', { id: auditId }, semarang);
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', requiredScope: 'staff of the kabupaten/kota' });
    for (const headers of [demak, province]) {
      expect(ids(await read(headers, TRAIL, { e: ikm.id }))).toContain(auditId);
      expect(ids(await read(headers, TRAIL))).toContain(auditId);
    }
  });

  it("the audit trail goes with an IKM the province moves to another kabupaten/kota: the new office reads it, the old one no longer", async () => {
    const TRAIL = 'query($since: DateTime) { auditRecords(first: 100, filter: { since: $since }) { nodes { id } } }';
    const listed = async (headers: Record<string, string>) => (await read(headers, TRAIL, { since: auditAt })).auditRecords.nodes.map((n: { id: string }) => n.id);
    const MOVE = 'mutation($input: EnterpriseUpdateInput!) { enterpriseUpdate(input: $input) { userErrors { code } } }';
    expect((await api.gql(MOVE, { input: { id: ikm.id, districtCode: '33.74.12' } }, province)).data!.enterpriseUpdate.userErrors).toEqual([]);
    try {
      expect(await listed(semarang)).toContain(auditId);
      expect(await listed(demak)).not.toContain(auditId);
      expect((await api.gql('query($id: ID!) { node(id: $id) { id } }', { id: auditId }, semarang)).data!.node).toEqual({ id: auditId });
    } finally {
      await api.gql(MOVE, { input: { id: ikm.id, districtCode: ikm.districtCode } }, province);
    }
    expect(await listed(demak)).toContain(auditId);
    expect(await listed(semarang)).not.toContain(auditId);
  });

  it("a kecamatan that reference data moves to another kabupaten/kota takes its IKM's and partners' posts and audit trail along", async () => {
    const prisma = api.db.prisma;
    const TRAIL = 'query($since: DateTime) { auditRecords(first: 100, filter: { since: $since }) { nodes { id } } }';
    const trail = async (headers: Record<string, string>) => (await read(headers, TRAIL, { since: auditAt })).auditRecords.nodes.map((n: { id: string }) => n.id);
    const district = await prisma.district.findUniqueOrThrow({ where: { code: ikm.districtCode } });
    const semarangRegency = await prisma.regency.findUniqueOrThrow({ where: { code: '33.74' } });
    const partner = await prisma.partner.findFirstOrThrow({ where: { status: 'ACTIVE' }, orderBy: { slug: 'asc' } });
    await prisma.partner.update({ where: { id: partner.id }, data: { districtId: district.id } });
    const moved = [globalId('Opportunity', (await post(prisma, { enterpriseId: ikm.rowId }, 'Zz pindah')).id), globalId('Opportunity', (await post(prisma, { partnerId: partner.id }, 'Zz pindah')).id)];
    try {
      await prisma.district.update({ where: { id: district.id }, data: { regencyId: semarangRegency.id } });
      try {
        expect(await trail(semarang)).toContain(auditId);
        expect(await trail(demak)).not.toContain(auditId);
        expect(await postsIn('33.74')).toEqual(expect.arrayContaining(moved));
        const demakPosts = await postsIn('33.21');
        for (const id of moved) expect(demakPosts).not.toContain(id);
      } finally {
        await prisma.district.update({ where: { id: district.id }, data: { regencyId: district.regencyId } });
      }
      expect(await trail(demak)).toContain(auditId);
      expect(await trail(semarang)).not.toContain(auditId);
      expect(await postsIn('33.21')).toEqual(expect.arrayContaining(moved));
    } finally {
      await prisma.opportunity.deleteMany({ where: { title: 'Zz pindah' } });
      await prisma.partner.update({ where: { id: partner.id }, data: { districtId: partner.districtId } });
    }
  });

  it("recommendations: a partner's ranking holds no Demak IKM for Kota Semarang's officer; Demak's and the province's do", async () => {
    const RANKING = `query($id: ID!, $codes: [String!]) { node(id: $id) { ... on Partner {
      recommendedEnterprises(first: 5, filter: { districtCodes: $codes }) { totalCount nodes { enterprise { id } } } } } }`;
    const partners = await api.db.prisma.partner.findMany({ where: { status: 'ACTIVE' }, orderBy: { slug: 'asc' }, select: { id: true } });
    let ranked: { partner: string; total: number } | null = null;
    for (const p of partners) {
      const data = await read(province, RANKING, { id: globalId('Partner', p.id), codes: [ikm.districtCode] });
      if (data.node.recommendedEnterprises.totalCount > 0) {
        ranked = { partner: globalId('Partner', p.id), total: data.node.recommendedEnterprises.totalCount };
        break;
      }
    }
    expect(ranked).not.toBeNull();
    const own = await read(semarang, RANKING, { id: ranked!.partner, codes: [ikm.districtCode] });
    expect(own.node.recommendedEnterprises).toEqual({ totalCount: 0, nodes: [] });
    const all = await read(semarang, RANKING, { id: ranked!.partner, codes: null });
    const semarangIds = new Set((await api.db.prisma.enterprise.findMany({ where: { district: { regency: { code: '33.74' } } }, select: { id: true } })).map((e) => globalId('Enterprise', e.id)));
    expect(all.node.recommendedEnterprises.nodes.every((n: { enterprise: { id: string } }) => semarangIds.has(n.enterprise.id))).toBe(true);
    expect((await read(demak, RANKING, { id: ranked!.partner, codes: [ikm.districtCode] })).node.recommendedEnterprises.totalCount).toBe(ranked!.total);
  });
});

describe("a partner's webhook endpoints and delivery log", () => {
  it("name events about IKM of every kabupaten/kota: the partner's people and the province read and replay them, a kabupaten/kota's officer neither", async () => {
    const prisma = api.db.prisma;
    const partner = await prisma.partner.findFirstOrThrow({ where: { status: 'ACTIVE' }, orderBy: { slug: 'asc' } });
    const endpoint = await prisma.webhookEndpoint.create({ data: { partnerId: partner.id, url: 'https://hooks.example.com/zz', eventTypes: [], secret: 'whsec_ZZZZ' } });
    const event = await prisma.event.create({ data: { type: 'consent.granted', subjectId: ikm.id, payload: {}, public: false } });
    const delivery = await prisma.webhookDelivery.create({ data: { endpointId: endpoint.id, eventId: event.id, subjectId: ikm.id, status: 'DELIVERED' } });
    try {
      const LIST = 'query($p: ID!) { webhookEndpoints(partnerId: $p, first: 5) { nodes { id deliveries(first: 5) { nodes { subjectId } } } } }';
      const NODE = 'query($id: ID!) { node(id: $id) { ... on WebhookDelivery { subjectId } } }';
      const REPLAY = 'mutation($input: WebhookDeliveryReplayInput!) { webhookDeliveryReplay(input: $input) { userErrors { code } } }';
      const seen = async (headers: Record<string, string>) => {
        const list = await api.gql(LIST, { p: globalId('Partner', partner.id) }, headers);
        const node = await api.gql(NODE, { id: globalId('WebhookDelivery', delivery.id) }, headers);
        return { listed: list.data?.webhookEndpoints?.nodes?.length ?? 0, read: node.data?.node?.subjectId ?? null };
      };
      expect(await seen(semarang)).toEqual({ listed: 0, read: null });
      expect(await seen(province)).toEqual({ listed: 1, read: ikm.id });
      const before = await prisma.webhookDelivery.count({ where: { eventId: event.id } });
      const refused = await api.gql(REPLAY, { input: { id: globalId('WebhookDelivery', delivery.id) } }, semarang);
      expect(refused.data!.webhookDeliveryReplay.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
      expect(await prisma.webhookDelivery.count({ where: { eventId: event.id } })).toBe(before);
      const replayed = await api.gql(REPLAY, { input: { id: globalId('WebhookDelivery', delivery.id) } }, province);
      expect(replayed.data!.webhookDeliveryReplay.userErrors).toEqual([]);
    } finally {
      await prisma.webhookEndpoint.delete({ where: { id: endpoint.id } });
      await prisma.event.delete({ where: { id: event.id } });
    }
  });
});

describe('reports and their files', () => {
  it("Demak's funnel is refused to Kota Semarang's officer, as a query and as a CSV file; the province reads it", async () => {
    const REPORT = 'query($r: String) { funnelReport(dimension: DISTRICT, year: 2025, regencyCode: $r) { total { key } rows { key } } }';
    const refused = await api.gql(REPORT, { r: '33.21' }, semarang);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.data?.funnelReport ?? null).toBeNull();
    const demakDistricts = new Set((await api.db.prisma.district.findMany({ where: { regency: { code: '33.21' } }, select: { id: true } })).map((d) => d.id));
    const own = await read(semarang, REPORT);
    expect(own.funnelReport.rows.some((r: { key: string }) => demakDistricts.has(r.key))).toBe(false);
    expect((await read(province, REPORT, { r: '33.21' })).funnelReport.total).toEqual({ key: 'total' });
    const csv = (headers: Record<string, string>) => fetch(`${api.url}/reports/funnel/2025/districts.csv?regency=33.21`, { headers });
    expect((await csv(semarang)).status).toBe(403);
    expect((await csv(province)).status).toBe(200);
  });
});

describe.skipIf(testDatabaseKind !== 'postgres')('a post written while another transaction moves its IKM to another kabupaten/kota (PostgreSQL)', () => {
  it('is listed under the kabupaten/kota the IKM ends in, whichever of the two waits', async () => {
    const prisma = api.db.prisma;
    const home = await prisma.district.findUniqueOrThrow({ where: { code: ikm.districtCode } });
    const semarang = await prisma.district.findUniqueOrThrow({ where: { code: '33.74.12' } });
    const move = (districtId: string) => (tx: Tx) => tx.enterprise.update({ where: { id: ikm.rowId }, data: { districtId } });
    const posts: Record<string, string> = {};
    const posted = (title: string) => async (tx: Tx) => (posts[title] = globalId('Opportunity', (await post(tx, { enterpriseId: ikm.rowId }, title)).id));
    try {
      await concurrently(api.db, move(semarang.id), posted('Zz selagi pindah A'));
      expect(await postsIn('33.74')).toContain(posts['Zz selagi pindah A']);
      await concurrently(api.db, posted('Zz selagi pindah B'), move(home.id));
      expect(await postsIn('33.21')).toEqual(expect.arrayContaining(Object.values(posts)));
    } finally {
      await prisma.opportunity.deleteMany({ where: { title: { startsWith: 'Zz selagi pindah' } } });
      await prisma.enterprise.update({ where: { id: ikm.rowId }, data: { districtId: home.id } });
    }
  });
});
