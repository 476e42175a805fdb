import { encodeGlobalID } from '@pothos/plugin-relay';
import { enterpriseReadersOf } from '../auth/region';
import { builder } from '../builder';
import { ConsentScopeEnum, FunderTypeEnum } from '../common/enums';
import type { Context } from '../context';
import type { Prisma } from '../generated/prisma/client';
import { type ConsentStatus, consentStatus, SCOPE_DESCRIPTIONS } from '../domain/consent';
import { PartnerRef } from '../partner/types';
import { CONSENT_REQUESTED, READ_PROTECTED } from './access';
import { batchLoader } from '../common/batch';
import { partnerLoader, userRoleLoader } from './batch';

export const ConsentStatusEnum = builder.enumType('ConsentStatus', {
  description: 'State of a consent grant at the time of the request.',
  values: {
    ACTIVE: { description: 'In force: granted, not expired, not revoked.' },
    REVOKED: { description: 'Revoked by the enterprise (or by Disperin on its behalf); no longer in force.' },
    EXPIRED: { description: 'Its expiry has passed.' },
    NOT_YET_VALID: { description: 'Granted for a later start (not used by consentGrant, which starts at once).' },
  } satisfies Record<ConsentStatus, { description: string }>,
});

export const ConsentActorEnum = builder.enumType('ConsentActor', {
  description: 'Who recorded a consent or its revocation.',
  values: {
    ENTERPRISE_MEMBER: { description: 'A member of the enterprise itself.' },
    DISPERIN_STAFF: {
      description: 'A Disperin officer, on the enterprise\'s behalf (e.g. from a form the owner signed at a Temu Bisnis forum).',
    },
    UNKNOWN: { description: 'Not recorded (imported data).' },
  },
});

type Actor = 'ENTERPRISE_MEMBER' | 'DISPERIN_STAFF' | 'UNKNOWN';

async function actorOf(userId: string | null, ctx: Context): Promise<Actor> {
  if (!userId) return 'UNKNOWN';
  const role = await userRoleLoader(ctx)(userId);
  if (role === 'ADMIN' || role === 'OFFICER') return 'DISPERIN_STAFF';
  return role ? 'ENTERPRISE_MEMBER' : 'UNKNOWN';
}

builder.prismaObject('ConsentRevocation', {
  description: 'The revocation of a consent grant: from this instant on the grant gives no access.',
  fields: (t) => ({
    revokedAt: t.expose('revokedAt', { type: 'DateTime', description: 'When the consent was revoked.' }),
    reason: t.exposeString('reason', { description: 'Why, in words; may be empty.' }),
    revokedBy: t.field({
      type: ConsentActorEnum,
      description: 'Whether the enterprise revoked it or Disperin did on its behalf.',
      resolve: (r, _args, ctx) => actorOf(r.revokedById, ctx),
    }),
  }),
});

const SCOPES_TEXT = Object.entries(SCOPE_DESCRIPTIONS)
  .map(([scope, text]) => `${scope}: ${text}`)
  .join(' ');

export const ConsentRef = builder.prismaNode('Consent', {
  description: `An IKM's consent for funders to read its protected data, after UU 27/2022 on personal data protection: explicit (given by a person), specific (scopes, and one funder or every funder of one type), dated (an expiry at most a year ahead) and revocable (a revocation is a new record; grants are never changed). Visible to the Disperin staff of its kabupaten/kota's office or of the provincial office and the enterprise's members. Scopes — ${SCOPES_TEXT}`,
  id: { field: 'id' },
  nullable: true,
  authScopes: (consent, ctx) => enterpriseReadersOf(ctx, consent.enterpriseId),
  fields: (t) => ({
    enterprise: t.relation('enterprise', { description: 'The enterprise that consents.' }),
    funder: t.relation('funder', {
      nullable: true,
      description: 'The one funder the consent names; null for a consent to every funder of `funderType`.',
    }),
    funderType: t.expose('funderType', {
      type: FunderTypeEnum,
      nullable: true,
      description: 'For a consent to every funder of one subtype (e.g. every BANK); null when one funder is named.',
    }),
    scopes: t.expose('scopes', { type: [ConsentScopeEnum], description: 'What the funders may read.' }),
    grantedAt: t.expose('grantedAt', { type: 'DateTime', description: 'When the consent was given.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'When it lapses by itself.' }),
    givenBy: t.field({
      type: ConsentActorEnum,
      description: 'Whether a member of the enterprise gave it or Disperin staff recorded it on its behalf.',
      resolve: (c, _args, ctx) => actorOf(c.grantedById, ctx),
    }),
    revocation: t.relation('revocation', { nullable: true, description: 'The revocation, if the consent was revoked.' }),
    status: t.field({
      type: ConsentStatusEnum,
      description: 'ACTIVE, REVOKED or EXPIRED, as of this request.',
      select: { revocation: true },
      resolve: (c, _args, ctx) => consentStatus({ ...c, revokedAt: c.revocation?.revokedAt ?? null }, ctx.now),
    }),
    active: t.boolean({
      description: 'True while the consent is in force, as of this request.',
      select: { revocation: true },
      resolve: (c, _args, ctx) => consentStatus({ ...c, revokedAt: c.revocation?.revokedAt ?? null }, ctx.now) === 'ACTIVE',
    }),
  }),
});

export const DataAccessActionEnum = builder.enumType('DataAccessAction', {
  description: "What a funder did with an enterprise's protected data.",
  values: {
    READ_PROTECTED: { description: 'Read consent-protected data (the fields are listed).' },
    CONSENT_REQUESTED: { description: 'Asked the enterprise for consent to a financing lead (the scopes asked for are listed as fields).' },
  },
});

export const DataAccessEntryRef = builder.prismaObject('AuditRecord', {
  variant: 'DataAccessEntry',
  description:
    "A record of a funder reading an enterprise's consent-protected data, or asking for consent: who (which organisation, a person or a program), what (the fields), when. Shown to the enterprise's members and Disperin staff.",
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime', description: 'When.' }),
    action: t.field({
      type: DataAccessActionEnum,
      description: 'READ_PROTECTED or CONSENT_REQUESTED.',
      resolve: (r) => (r.action === CONSENT_REQUESTED ? 'CONSENT_REQUESTED' : 'READ_PROTECTED'),
    }),
    fields: t.exposeStringList('fields', {
      description:
        'Fields read (e.g. annualTurnover, financingNeeds, financingReadiness, contacts.phone, identity), or the scopes asked for.',
    }),
    partner: t.field({
      type: PartnerRef,
      nullable: true,
      description: 'The funder organisation that read or asked.',
      resolve: async (r, _args, ctx) => (r.partnerId ? ((await partnerLoader(ctx, r.action)(r.partnerId)) ?? null) : null),
    }),
    viaApiKey: t.boolean({
      description: "True when the funder's program read it with an API key; false when a person did.",
      resolve: (r) => r.apiKeyId !== null,
    }),
    financingNeedId: t.id({
      nullable: true,
      description: 'For CONSENT_REQUESTED: global ID of the financing need the funder asked about.',
      resolve: (r) => (r.subjectType === 'FinancingNeed' ? encodeGlobalID('FinancingNeed', r.subjectId) : null),
    }),
  }),
});

/** Members and the staff of its kabupaten/kota only (policies.enterpriseReaders); everyone else gets null. */
const ownerOnly = {
  authScopes: (e: { id: string }, _args: object, ctx: Context) => enterpriseReadersOf(ctx, e.id),
  unauthorizedResolver: () => null,
};

type AuditRow = Prisma.AuditRecordGetPayload<object>;

/**
 * The first page of an enterprise's audit entries of one kind, for every enterprise of the
 * request in ONE statement (a window function keeps the newest `take` of each), so listing
 * enterprises with their data access log does not cost a statement per enterprise.
 */
function firstPages(ctx: Context, action: string, take: number) {
  return batchLoader<AuditRow[]>(ctx, `audit:${action}:${take}`, async (enterpriseIds) => {
    const rows = await ctx.prisma.$queryRaw<AuditRow[]>`
      SELECT id::text AS id, at, "actorUserId"::text AS "actorUserId", "apiKeyId"::text AS "apiKeyId",
             "partnerId"::text AS "partnerId", action, "subjectType", "subjectId",
             "enterpriseId"::text AS "enterpriseId", fields, "requestId"
      FROM (
        SELECT *, row_number() OVER (PARTITION BY "enterpriseId" ORDER BY at DESC, id DESC) AS rank
        FROM "AuditRecord"
        WHERE "enterpriseId" = ANY(${enterpriseIds}::uuid[]) AND action = ${action}
      ) ranked
      WHERE rank <= ${take}
      ORDER BY at DESC, id DESC`;
    const byEnterprise = new Map<string, AuditRow[]>();
    for (const row of rows) byEnterprise.set(row.enterpriseId!, [...(byEnterprise.get(row.enterpriseId!) ?? []), row]);
    return byEnterprise;
  });
}

/** How many entries of one kind each enterprise of the request has, in one statement. */
function entryCounts(ctx: Context, action: string) {
  return batchLoader<number>(ctx, `auditCount:${action}`, async (enterpriseIds) => {
    const groups = await ctx.prisma.auditRecord.groupBy({
      by: ['enterpriseId'],
      where: { enterpriseId: { in: enterpriseIds }, action },
      _count: { _all: true },
    });
    return new Map(groups.map((g) => [g.enterpriseId!, g._count._all]));
  });
}

function auditEntries(action: string) {
  return async (
    query: Pick<Prisma.AuditRecordFindManyArgs, 'take' | 'skip' | 'cursor'>,
    e: { id: string },
    _args: object,
    ctx: Context,
  ): Promise<AuditRow[]> => {
    // Later pages (after a cursor) are read for one enterprise at a time.
    if (query.cursor || query.skip || !query.take || query.take < 0) {
      return ctx.prisma.auditRecord.findMany({ ...query, where: { enterpriseId: e.id, action }, orderBy: [{ at: 'desc' }, { id: 'desc' }] });
    }
    return (await firstPages(ctx, action, query.take)(e.id)) ?? [];
  };
}

builder.prismaObjectFields('Enterprise', (t) => ({
  consents: t.relatedConnection(
    'consents',
    {
      cursor: 'id',
      nullable: true,
      description:
        "The enterprise's consent history, newest first: every grant with its revocation if any, and whether it is active now. The Disperin staff of its kabupaten/kota's office or of the provincial office, and the enterprise's members; null for everyone else.",
      ...ownerOnly,
      totalCount: true,
      query: { orderBy: [{ grantedAt: 'desc' }, { id: 'desc' }] },
    },
    { name: 'ConsentConnection', description: 'A page of consent grants.' },
    { name: 'ConsentEdge', description: 'A consent grant in a page, with its cursor.' },
  ),
  dataAccessLog: t.prismaConnection(
    {
      type: DataAccessEntryRef,
      cursor: 'id',
      nullable: true,
      description:
        "Who read this enterprise's consent-protected data: every read by a funder, newest first. The Disperin staff of its kabupaten/kota's office or of the provincial office, and the enterprise's members; null for everyone else.",
      ...ownerOnly,
      totalCount: async (e, _args, ctx) => (await entryCounts(ctx, READ_PROTECTED)(e.id)) ?? 0,
      resolve: auditEntries(READ_PROTECTED),
    },
    { name: 'DataAccessConnection', description: 'A page of data access records.' },
    { name: 'DataAccessEdge', description: 'A data access record in a page, with its cursor.' },
  ),
  consentRequests: t.prismaConnection(
    {
      type: DataAccessEntryRef,
      cursor: 'id',
      nullable: true,
      description:
        "Funders' requests for this enterprise's consent to one of its financing leads, newest first; answer one with consentGrant. The Disperin staff of its kabupaten/kota's office or of the provincial office, and the enterprise's members; null for everyone else.",
      ...ownerOnly,
      totalCount: async (e, _args, ctx) => (await entryCounts(ctx, CONSENT_REQUESTED)(e.id)) ?? 0,
      resolve: auditEntries(CONSENT_REQUESTED),
    },
    { name: 'ConsentRequestConnection', description: 'A page of consent requests.' },
    { name: 'ConsentRequestEdge', description: 'A consent request in a page, with its cursor.' },
  ),
}));
