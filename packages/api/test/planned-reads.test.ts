import { type ExecutionArgs, execute, type GraphQLEnumType, type GraphQLObjectType, parse } from 'graphql';
import { createAuditLog, schema } from '@temu-bisnis/schema';
import { ANONYMOUS } from '@temu-bisnis/schema';
import { planOf } from '@temu-bisnis/schema/planner/compile';
import { fieldSql } from '@temu-bisnis/schema/planner/fields';
import { executePlanned, PlannedJson } from '@temu-bisnis/schema/planner/run';
import { opportunityStatus } from '@temu-bisnis/schema/domain/opportunity-status';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opportunityStatusSql } from '../../schema/src/opportunity/status-sql';
import { apiKeyOf, BPR, BRI, createEnterprise, createNeed, DAY_MS, insertConsent, memberOf, STAFF_EMAIL } from './financing-fixtures';
import { startTestServer, type TestServer } from './support/server';

/**
 * Pages of public objects are built as JSON by the database (server/planned-reads.ts). The answer
 * must be exactly the one the resolvers give: the same server with planning off is the reference,
 * on the same database, for every field that has an SQL form.
 */
let planned: TestServer;
let plain: TestServer;
beforeAll(async () => {
  planned = await startTestServer({ seeded: true });
  plain = await startTestServer({ database: planned.db, plannedReads: false });
  (planned.db.prisma as unknown as { $on(event: 'query', listener: () => void): void }).$on('query', () => {
    prismaQueries += 1;
  });
});
afterAll(async () => {
  await plain.close();
  await planned.close();
});

/** Every field of `typename` with an SQL form, and the relations among them with theirs (one level). */
function everyPlannedField(typename: string, nested = true): string {
  const type = schema.getType(typename) as GraphQLObjectType;
  return Object.keys(type.getFields())
    .flatMap((name) => {
      const how = fieldSql(type, name);
      if (!how) return [];
      if (how.kind === 'value') return [name];
      return nested ? [`${name} { __typename ${everyPlannedField(how.target.name, false)} }`] : [];
    })
    .join(' ');
}

/** Statements Prisma sent while `fn` ran (the rest of statementCount goes through the driver). */
let prismaQueries = 0;
async function prismaQueriesDuring(fn: () => Promise<unknown>): Promise<number> {
  const before = prismaQueries;
  await fn();
  return prismaQueries - before;
}

async function bothAnswers(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const ours = await planned.gql(query, variables, headers);
  const reference = await plain.gql(query, variables, headers);
  return { ours, reference };
}

describe('planned reads answer what the resolvers answer', () => {
  it.each([
    ['opportunities', 'Opportunity'],
    ['enterprises', 'Enterprise'],
    ['partners', 'Partner'],
    ['sentra', 'Sentra'],
    ['districts', 'District'],
  ])('%s: every field with an SQL form, on two pages, as nodes and as edges', async (root, typename) => {
    const fields = everyPlannedField(typename);
    // Each kind of field is there: columns, the global ID, and at least one relation.
    expect(fields).toMatch(/^id | id /);
    const query = `query($after: String) { ${root}(first: 12, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { __typename ${fields} }
      edges { cursor node { id name: __typename } }
    } }`;
    const plan = planOf(schema, parse(query), undefined);
    expect(plan?.positions.map((p) => p.path.join('.'))).toEqual([`${root}.nodes`, `${root}.edges.node`]);

    let after: string | null = null;
    for (const page of [1, 2]) {
      const { ours, reference } = await bothAnswers(query, { after });
      expect(ours.errors, `${root} page ${page}`).toBeUndefined();
      expect(ours).toEqual(reference);
      const connection = ours.data![root] as { nodes: unknown[]; pageInfo: { endCursor: string | null } };
      expect(connection.nodes.length).toBeGreaterThan(0);
      after = connection.pageInfo.endCursor;
    }
    // Backwards: the page before the second page's end, and the last page.
    const backwards = query.replace('$after: String', '$before: String').replace('first: 12, after: $after', 'last: 12, before: $before');
    for (const before of [after, null]) {
      const { ours, reference } = await bothAnswers(backwards, { before });
      expect(ours.errors, `${root} backwards`).toBeUndefined();
      expect(ours).toEqual(reference);
      expect((ours.data![root] as { nodes: unknown[] }).nodes.length).toBeGreaterThan(0);
    }
  });

  it.each([['makan'], ['BATIK tul']])('a directory search (%s): pages as the resolvers give them, one statement each (the ids and their objects) after the search\'s plan', async (search) => {
    const query = `query($after: String, $search: String!) { enterprises(first: 4, after: $after, filter: { search: $search }) {
      pageInfo { hasNextPage endCursor }
      nodes { id name sector district { code } sentra { id name } products { name } }
    } }`;
    let after: string | null = null;
    let pages = 0;
    do {
      const throughPrisma = await prismaQueriesDuring(() => planned.gql(query, { after, search }));
      const statements = await planned.statementsDuring(() => planned.gql(query, { after, search }));
      // One word is one statement; several are planned first (combined-read.ts): an estimate per word
      // and, as PostgreSQL expects fewer than a sample's rows of each of the seed's words, their count,
      // then a sample of the driving word's IKM.
      const words = search.split(' ').length;
      expect(statements, `page ${pages + 1}`).toBe(words === 1 ? 1 : 1 + 2 * words + 1);
      // Through the driver: the page's ids (planner/page.ts) with its objects.
      expect(throughPrisma, `page ${pages + 1}`).toBe(0);
      const { ours, reference } = await bothAnswers(query, { after, search });
      expect(ours.errors).toBeUndefined();
      expect(ours).toEqual(reference);
      const connection = (ours.data as Record<string, { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }>).enterprises!;
      expect(connection.nodes.length).toBeGreaterThan(0);
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
      pages += 1;
    } while (after && pages < 3);
    expect(pages).toBeGreaterThan(1);
  });

  it('the marketplace page: one statement at 5 and at 50 rows (the page with its objects), not one per row', async () => {
    const query = `query($n: Int!) { opportunities(first: $n) { nodes { id title status partner { name district { code } } enterprise { name sentra { name district { name } } } } } }`;
    for (const n of [5, 50]) {
      let ours: Awaited<ReturnType<typeof planned.gql>> | undefined;
      const statements = await planned.statementsDuring(async () => {
        ours = await planned.gql(query, { n });
      });
      expect(statements).toBe(1);
      expect(ours).toEqual(await plain.gql(query, { n }));
      // The page's ids with its objects, through the driver.
      expect(await prismaQueriesDuring(() => planned.gql(query, { n }))).toBe(0);
    }
  });

  it('a page whose objects are asked twice (nodes and edges), or with its count: the page, then the objects', async () => {
    const twice = `query($after: String) { opportunities(first: 6, after: $after) { pageInfo { endCursor } nodes { id title } edges { cursor node { id partner { name } } } } }`;
    const counted = `query($after: String) { opportunities(first: 6, after: $after) { totalCount pageInfo { endCursor } nodes { id title } } }`;
    for (const [query, expected] of [[twice, 3], [counted, 2]] as const) {
      let after: string | null = null;
      for (const page of [1, 2]) {
        const { ours, reference } = await bothAnswers(query, { after });
        expect(ours.errors, `${query} page ${page}`).toBeUndefined();
        expect(ours, `${query} page ${page}`).toEqual(reference);
        // The page's ids, then the objects of each position (twice) or the page with its objects and the count.
        expect(await planned.statementsDuring(() => planned.gql(query, { after })), `${query} page ${page}`).toBe(expected);
        after = (ours.data as { opportunities: { pageInfo: { endCursor: string } } }).opportunities.pageInfo.endCursor;
      }
    }
  });

  it('sent as the database wrote them: the objects stay JSON text until the answer is serialised', async () => {
    const document = parse('{ opportunities(first: 4) { nodes { id title partner { name } } edges { node { id } } } }');
    const plan = planOf(schema, document, undefined)!;
    const args: ExecutionArgs = { schema, document, contextValue: { prisma: planned.db.prisma, now: new Date(), viewer: ANONYMOUS, audit: createAuditLog(ANONYMOUS, null) } };
    const read = (sql: string, params: unknown[]) => planned.db.query(sql, params);
    const parsed = (await executePlanned(plan, args, execute, read)) as { data: { opportunities: { nodes: unknown[] } } };
    const asText = (await executePlanned(plan, args, execute, read, true)) as typeof parsed & { stringify(value: unknown): string };
    expect(asText.data.opportunities.nodes.every((node) => node instanceof PlannedJson)).toBe(true);
    // Yoga's serialisation (the result's own stringify) writes the very text of the parsed answer
    // (keys in the query's order, no spaces); any other serialisation (toJSON) the same answer.
    expect(asText.stringify(asText)).toBe(JSON.stringify(parsed));
    expect(JSON.parse(JSON.stringify(asText))).toEqual(JSON.parse(JSON.stringify(parsed)));
    // The objects are back in their places afterwards.
    expect(asText.data.opportunities.nodes.every((node) => node instanceof PlannedJson)).toBe(true);
    expect(parsed.data.opportunities.nodes.some((node) => node instanceof PlannedJson)).toBe(false);
  });

  it('aliases, __typename and a single object by ID', async () => {
    const page = await planned.gql('{ opportunities(first: 1) { nodes { id } } }');
    const id = page.data!.opportunities.nodes[0].id;
    const query = `query($id: ID!) {
      one: opportunity(id: $id) { kind: __typename key: id heading: title poster: partner { label: name } }
      list: opportunities(first: 3) { items: nodes { t: __typename title } }
    }`;
    expect(planOf(schema, parse(query), undefined)?.positions.map((p) => p.path.join('.'))).toEqual(['one', 'list.items']);
    const { ours, reference } = await bothAnswers(query, { id });
    expect(ours.errors).toBeUndefined();
    expect(ours.data!.one.key).toBe(id);
    expect(ours).toEqual(reference);
  });

  it('an OPEN opportunity whose validUntil has passed reads EXPIRED, as the domain rule says', async () => {
    const row = await planned.db.prisma.opportunity.findFirstOrThrow({ where: { status: 'OPEN' }, orderBy: { id: 'asc' } });
    await planned.db.prisma.opportunity.update({ where: { id: row.id }, data: { validUntil: new Date(Date.now() - 60_000) } });
    const query = '{ opportunities(first: 100, filter: { status: EXPIRED }) { nodes { id title status validUntil } } }';
    const { ours, reference } = await bothAnswers(query);
    expect(ours).toEqual(reference);
    const statuses = (ours.data!.opportunities.nodes as { status: string }[]).map((n) => n.status);
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['EXPIRED']));
  });

  it('the status rule in SQL agrees with opportunityStatus at the validUntil boundary', async () => {
    const now = new Date('2026-12-04T10:00:00.000Z');
    const sql = `SELECT ${opportunityStatusSql('r', '$1::timestamp(3)')} AS s
      FROM (SELECT $2::"OpportunityStatus" AS status, $3::timestamp(3) AS "validUntil") r`;
    for (const status of ['OPEN', 'CLOSED', 'FULFILLED'] as const) {
      for (const offsetMs of [-1, 0, 1]) {
        const validUntil = new Date(now.getTime() + offsetMs);
        const [row] = await planned.db.query<{ s: string }>(sql, [now.toISOString(), status, validUntil.toISOString()]);
        expect(row!.s, `${status} ${offsetMs} ms`).toBe(opportunityStatus({ status, validUntil }, now));
      }
    }
  });
});

describe("a funder's page of leads (financing/lead-plan.ts)", () => {
  const LEADS = `query($n: Int!, $after: String) { financingLeads(first: $n, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { __typename id amountBand purpose open status consentScopes enterprise { id name sector district { code } } readiness { __typename verdict scheme amount } }
  } }`;

  /** What one request wrote to the audit trail, by its request id. */
  async function audited(requestId: string) {
    const rows = await planned.db.prisma.auditRecord.findMany({ where: { requestId }, select: { action: true, subjectId: true, fields: true, partnerId: true } });
    return rows.map((r) => JSON.stringify(r)).sort();
  }

  it('the answer and the audit records are the resolvers\' for every kind of grant; two statements at 5 and at 50 leads, the audit written by the read', async () => {
    // Grants the SQL narrows and the domain rule decides: to this funder, to its type (BPR), expired,
    // not yet valid, revoked, and one naming another funder.
    const cases = [
      { funderSlug: BRI },
      { funderType: 'BPR' as const, scopes: ['FINANCIALS' as const] },
      { funderSlug: BRI, expiresAt: new Date(Date.now() - DAY_MS) },
      { funderSlug: BRI, grantedAt: new Date(Date.now() + DAY_MS) },
      { funderSlug: BRI, revoked: true },
      { funderSlug: BPR, scopes: ['PROFILE' as const] },
    ];
    for (const { revoked, ...grant } of cases) {
      const enterpriseId = await createEnterprise(planned);
      await createNeed(planned, enterpriseId);
      const consentId = await insertConsent(planned, enterpriseId, grant);
      if (revoked) await planned.db.prisma.consentRevocation.create({ data: { consentId } });
    }
    // Asked first: the analyst below is a member of BRI too.
    const briMember = (await memberOf(planned, BRI)).headers;
    // A BRI analyst who is also one of an IKM's own people reads that IKM's lead by right, not by a
    // grant: the plan has no figures for it and must give way to the resolvers, not show null.
    // Another IKM of the analyst's consents to BRI: read by right all the same, so not audited for the
    // analyst (the other members of BRI read it under the consent, audited).
    const ownEnterprise = await createEnterprise(planned);
    await createNeed(planned, ownEnterprise);
    const ownConsenting = await createEnterprise(planned);
    await createNeed(planned, ownConsenting);
    await insertConsent(planned, ownConsenting, { funderSlug: BRI });
    const bri = await planned.db.prisma.partner.findUniqueOrThrow({ where: { slug: BRI }, select: { id: true } });
    const analyst = `analis.${Date.now()}@bri-uji.example`;
    await planned.db.prisma.user.create({
      data: {
        email: analyst,
        name: 'Analis Uji',
        role: 'PARTNER',
        memberships: { create: [{ partnerId: bri.id, role: 'ANALYST' }, { enterpriseId: ownEnterprise, role: 'OWNER' }, { enterpriseId: ownConsenting, role: 'OWNER' }] },
      },
    });
    const ownEnterpriseId = Buffer.from(`Enterprise:${ownEnterprise}`).toString('base64');
    let ownLeadSeen = false;
    const callers = {
      'a member of BRI': briMember,
      'a member of BRI who owns an IKM': await planned.as(analyst),
      'a member of a BPR': (await memberOf(planned, BPR)).headers,
      "BRI's API key": await apiKeyOf(planned, BRI, ['leads:read']),
    };
    expect(planOf(schema, parse(LEADS), undefined)?.positions.map((p) => p.path.join('.'))).toEqual(['financingLeads.nodes']);
    let disclosed = 0;
    for (const [i, [who, headers]] of Object.entries(callers).entries()) {
      let after: string | null = null;
      for (const page of [1, 2]) {
        const id = `leads-${i}-${page}-${Date.now()}`;
        const ours: Awaited<ReturnType<typeof planned.gql>> = await planned.gql(LEADS, { n: 40, after }, { ...headers, 'x-request-id': `planned-${id}` });
        const reference = await plain.gql(LEADS, { n: 40, after }, { ...headers, 'x-request-id': `plain-${id}` });
        expect(ours.errors, `${who} page ${page}`).toBeUndefined();
        expect(ours, `${who} page ${page}`).toEqual(reference);
        const records = await audited(`planned-${id}`);
        expect(records, `${who} page ${page}`).toEqual(await audited(`plain-${id}`));
        disclosed += records.length;
        const nodes = ((ours.data as Record<string, unknown>).financingLeads as { nodes: { enterprise: { id: string } | null; readiness: unknown }[] }).nodes;
        const own = nodes.find((n) => n.enterprise?.id === ownEnterpriseId);
        if (own && who === 'a member of BRI who owns an IKM') {
          expect(own.readiness).not.toBeNull();
          ownLeadSeen = true;
        }
        after = ((ours.data as Record<string, unknown>).financingLeads as { pageInfo: { endCursor: string | null } }).pageInfo.endCursor;
      }
    }
    // The pages did show consented leads (and audited them), not only anonymised ones.
    expect(disclosed).toBeGreaterThan(0);
    expect(ownLeadSeen).toBe(true);
    // Readiness alone (no enterprise to give way first): the analyst's own IKM's verdict, not null.
    const readinessOnly = `query { financingLeads(first: 100) { nodes { id readiness { verdict scheme amount } } } }`;
    const analystHeaders = callers['a member of BRI who owns an IKM'];
    const { ours: readiness, reference: readinessReference } = await bothAnswers(readinessOnly, {}, analystHeaders);
    expect(readiness.errors).toBeUndefined();
    expect(readiness).toEqual(readinessReference);

    const headers = callers['a member of BRI'];
    // Authentication, then the page with its leads, writing the audit records of the leads shown under
    // consent as it reads them: the same at 5 and at 50 leads, not one more per lead.
    for (const n of [5, 50]) {
      const requestId = `leads-count-${n}-${Date.now()}`;
      expect(await planned.statementsDuring(() => planned.gql(LEADS, { n }, { ...headers, 'x-request-id': requestId })), `${n} leads`).toBe(2);
      if (n === 50) expect((await audited(requestId)).length).toBeGreaterThan(0);
    }
    // None of them through Prisma: the sign-in and the page with its leads and audit go through the driver.
    expect(await prismaQueriesDuring(() => planned.gql(LEADS, { n: 50 }, headers))).toBe(0);
    // After a cursor too (the page's ids as Prisma pages them): no more.
    const first = await planned.gql(LEADS, { n: 5 }, headers);
    const after = ((first.data as Record<string, unknown>).financingLeads as { pageInfo: { endCursor: string } }).pageInfo.endCursor;
    expect(await planned.statementsDuring(() => planned.gql(LEADS, { n: 50, after }, headers))).toBe(2);
  });

  it('two pages of leads in one query (aliases): each read with its leads, the audit records still the resolvers\'', async () => {
    const headers = (await memberOf(planned, BRI)).headers;
    const TWO = `query { first: financingLeads(first: 30) { nodes { id consentScopes enterprise { name } readiness { verdict } } }
      again: financingLeads(first: 50) { nodes { id enterprise { name } } } }`;
    expect(planOf(schema, parse(TWO), undefined)?.positions.map((p) => p.path.join('.'))).toEqual(['first.nodes', 'again.nodes']);
    const id = `two-pages-${Date.now()}`;
    const ours = await planned.gql(TWO, {}, { ...headers, 'x-request-id': `planned-${id}` });
    const reference = await plain.gql(TWO, {}, { ...headers, 'x-request-id': `plain-${id}` });
    expect(ours.errors).toBeUndefined();
    expect(ours).toEqual(reference);
    const records = await audited(`planned-${id}`);
    expect(records.length).toBeGreaterThan(0);
    expect(records).toEqual(await audited(`plain-${id}`));
  });

  it('a page of leads read backwards (last, before): the answer and the audit records are the resolvers\'', async () => {
    const headers = (await memberOf(planned, BRI)).headers;
    const first = await planned.gql('query { financingLeads(first: 40) { pageInfo { endCursor } } }', {}, headers);
    const before = ((first.data as Record<string, unknown>).financingLeads as { pageInfo: { endCursor: string } }).pageInfo.endCursor;
    const BACK = `query($before: String) { financingLeads(last: 25, before: $before) { nodes { id consentScopes enterprise { name } readiness { verdict } } } }`;
    for (const cursor of [before, null]) {
      const id = `backwards-${cursor ? 'before' : 'last'}-${Date.now()}`;
      const ours = await planned.gql(BACK, { before: cursor }, { ...headers, 'x-request-id': `planned-${id}` });
      const reference = await plain.gql(BACK, { before: cursor }, { ...headers, 'x-request-id': `plain-${id}` });
      expect(ours.errors).toBeUndefined();
      expect(ours).toEqual(reference);
      expect(await audited(`planned-${id}`)).toEqual(await audited(`plain-${id}`));
    }
  });

  it('a page the resolvers narrow (a verdict filter) audits more than the leads\' statement foresaw: the records are still the resolvers\'', async () => {
    const headers = (await memberOf(planned, BRI)).headers;
    const FILTERED = LEADS.replace('financingLeads(first: $n, after: $after)', 'financingLeads(first: $n, after: $after, filter: { verdict: $verdict })').replace('$after: String)', '$after: String, $verdict: ReadinessVerdict!)');
    const verdicts = (schema.getType('ReadinessVerdict') as GraphQLEnumType).getValues().map((v) => v.name);
    let disclosed = 0;
    for (const verdict of verdicts) {
      const id = `verdict-${verdict}-${Date.now()}`;
      const ours = await planned.gql(FILTERED, { n: 40, verdict }, { ...headers, 'x-request-id': `planned-${id}` });
      const reference = await plain.gql(FILTERED, { n: 40, verdict }, { ...headers, 'x-request-id': `plain-${id}` });
      expect(ours.errors, verdict).toBeUndefined();
      expect(ours, verdict).toEqual(reference);
      const records = await audited(`planned-${id}`);
      expect(records, verdict).toEqual(await audited(`plain-${id}`));
      disclosed += records.length;
    }
    expect(disclosed).toBeGreaterThan(0);
  });

  it('fields the plan does not cover (sector, need, review, the rule list) and staff: through the resolvers, same answer', async () => {
    const headers = (await memberOf(planned, BRI)).headers;
    for (const query of [
      '{ financingLeads(first: 10) { nodes { id sector } } }',
      '{ financingLeads(first: 10) { nodes { id need { amount } } } }',
      '{ financingLeads(first: 10) { nodes { id readiness { verdict rules { id outcome } } } } }',
      '{ financingLeads(first: 10) { nodes { id enterprise { name npwp } } } }',
    ]) {
      expect(planOf(schema, parse(query), undefined), query).toBeNull();
      const { ours, reference } = await bothAnswers(query, {}, headers);
      expect(ours.errors, query).toBeUndefined();
      expect(ours, query).toEqual(reference);
    }
    // Staff are no funder: the page is refused, by the resolvers, whether planned or not.
    const { ours, reference } = await bothAnswers(LEADS, { n: 5 }, await planned.as(STAFF_EMAIL));
    expect(ours.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(ours).toEqual(reference);
  });
});

describe('what planning leaves to the resolvers', () => {
  it('private fields and computed ones: not planned, and the answer depends on the viewer as before', async () => {
    const query = '{ enterprises(first: 20) { nodes { id name npwp annualTurnover sizeClass contacts { name phone } } } }';
    expect(planOf(schema, parse(query), undefined)).toBeNull();
    const staff = await planned.as(STAFF_EMAIL);
    for (const headers of [{}, staff]) {
      const { ours, reference } = await bothAnswers(query, {}, headers);
      expect(ours).toEqual(reference);
    }
    const anonymous = await planned.gql(query);
    const asStaff = await planned.gql(query, {}, staff);
    const npwps = (answer: typeof anonymous) => (answer.data!.enterprises.nodes as { npwp: string | null }[]).filter((n) => n.npwp !== null).length;
    expect(npwps(anonymous)).toBe(0);
    expect(npwps(asStaff)).toBeGreaterThan(0);
  });

  it('fragments, directives and arguments inside a page: not planned, same answer', async () => {
    for (const query of [
      '{ opportunities(first: 5) { nodes { ...O } } } fragment O on Opportunity { id title }',
      'query($t: Boolean!) { opportunities(first: 5) { nodes { id title @include(if: $t) } } }',
      '{ partners(first: 5) { nodes { id opportunities(first: 2) { nodes { id } } } } }',
    ]) {
      expect(planOf(schema, parse(query), undefined), query).toBeNull();
      const { ours, reference } = await bothAnswers(query, { t: true });
      expect(ours.errors).toBeUndefined();
      expect(ours).toEqual(reference);
    }
  });

  it('a row deleted between the page and its objects: the whole operation runs through the resolvers', async () => {
    const db = planned.db;
    const gone = await db.prisma.opportunity.create({
      data: { kind: 'SELL_OFFER', title: 'Dihapus di tengah baca', validFrom: new Date(), validUntil: new Date(Date.now() + 86_400_000), createdAt: new Date(Date.now() + 86_400_000) },
    });
    const document = parse('{ opportunities(first: 3) { nodes { id title } } }');
    const plan = planOf(schema, document, undefined)!;
    const args: ExecutionArgs = { schema, document, contextValue: { prisma: db.prisma, now: new Date(), viewer: ANONYMOUS, audit: createAuditLog(ANONYMOUS, null) } };
    const result = (await executePlanned(plan, args, execute, async (sql, params) => {
      await db.prisma.opportunity.delete({ where: { id: gone.id } });
      return db.query(sql, params);
    })) as { data: { opportunities: { nodes: { title: string }[] } } };
    const titles = result.data.opportunities.nodes.map((n) => n.title);
    expect(titles).toHaveLength(3);
    expect(titles).not.toContain('Dihapus di tengah baca');
    expect(result).toEqual(await execute(args));
  });
});
