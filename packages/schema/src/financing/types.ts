import { encodeGlobalID } from '@pothos/plugin-relay';
import { SCOPE } from '../auth/key-scopes';
import { isStaff } from '../auth/viewer';
import { policies, } from '../auth/policies';
import { builder } from '../builder';
import {
  ConsentScopeEnum,
  FinancingNeedStatusEnum,
  FinancingPurposeEnum,
  LeadStatusEnum,
  SectorEnum,
} from '../common/enums';
import { auditRead, enterprisesWithScope, funderScopes, heldGrantsSelect, heldScopes, protectedAccess } from '../consent/access';
import type { Context } from '../context';
import { staffEnterprisesWhere } from '../auth/region';
import type { Prisma } from '../generated/prisma/client';
import { AMOUNT_BANDS, type AmountBand, amountBand, describeAmountBand } from '../domain/consent';
import { K_ANONYMITY } from '../domain/anonymity';
import { isUuid, NO_ID } from '../domain/identifiers/uuid';
import { DistrictRef } from '../district/types';
import { EnterpriseRef } from '../enterprise/types';
import { parseRejection, PIPELINE_TEXT, REJECTION_REASONS, type RejectionReason } from './pipeline';
import type { Sector } from '../generated/prisma/enums';
import { directoryReleases, releaseOf } from './anonymity';
import { assess, READINESS_SELECT, ReadinessAssessmentRef } from './readiness';
import { planLeads } from './lead-plan';
import { funderIdOf, leadConsentScopes, leadIdentityShown, leadOpen, leadReadiness, leadStatus, type WithGrants } from './lead-view';


export const AmountBandEnum = builder.enumType('AmountBand', {
  description:
    'The band an anonymised financing lead shows instead of its amount: the KUR scheme plafonds of Permenko Perekonomian 1/2026 (Super Mikro, Mikro, Kecil) and one band above them.',
  values: Object.fromEntries(AMOUNT_BANDS.map((b) => [b.band, { description: describeAmountBand(b.band) }])) as Record<
    AmountBand,
    { description: string }
  >,
});

export const LeadRejectionReasonEnum = builder.enumType('LeadRejectionReason', {
  description: 'Why a funder rejected a lead; required when moving a lead to REJECTED.',
  values: Object.fromEntries(Object.entries(REJECTION_REASONS).map(([k, description]) => [k, { description }])) as Record<
    RejectionReason,
    { description: string }
  >,
});

const NEEDS_NOTE =
  "Visible to the Disperin staff of its kabupaten/kota's office or of the provincial office, the enterprise's members, and funders holding the enterprise's active consent with scope NEEDS (each such read is recorded in the enterprise's data access log).";

/** A node ID's database id when it is a UUID; anything else finds nothing rather than failing in SQL. */
const uuidOrNone = (id: string) => (isUuid(id) ? id : NO_ID);

/** The needs the caller may read: staff those of their kabupaten/kota (all: the provincial office), members their own enterprises', a funder consented ones. */
async function readableNeeds(ctx: Context): Promise<Omit<Prisma.FinancingNeedWhereInput, 'id'>> {
  if (isStaff(ctx.viewer)) return ctx.viewer.regencyId === null ? {} : { enterprise: staffEnterprisesWhere(ctx.viewer) };
  return { enterpriseId: { in: [...ctx.viewer.enterpriseIds, ...(await enterprisesWithScope('NEEDS', ctx))] } };
}

export const FinancingNeedRef = builder.prismaNode('FinancingNeed', {
  description: `A financing need an IKM states: how much, for what, over how long, with what collateral. ${NEEDS_NOTE}`,
  id: { field: 'id' },
  // node(id) finds only needs the caller may read: a need hidden from you reads as not found.
  findUnique: async (id, ctx) => ({ id: uuidOrNone(id), ...(await readableNeeds(ctx)) }),
  nullable: true,
  // A type's check runs once per object the plugin hands out: the audit step follows it here.
  authScopes: async (need, ctx) => auditRead(await protectedAccess(need.enterpriseId, 'NEEDS', ctx), need.enterpriseId, ['financingNeeds'], ctx),
  fields: (t) => ({
    enterprise: t.relation('enterprise', { description: 'The IKM that needs the financing.' }),
    amount: t.expose('amount', { type: 'Money', description: 'Amount sought, in rupiah.' }),
    amountBand: t.field({
      type: AmountBandEnum,
      description: 'The KUR band of the amount, as anonymised leads show it.',
      resolve: (n) => amountBand(n.amount),
    }),
    purpose: t.expose('purpose', { type: FinancingPurposeEnum, description: 'What the money is for.' }),
    tenorMonths: t.exposeInt('tenorMonths', { description: 'Repayment period (tenor) in months, 1 to 120.' }),
    collateral: t.exposeString('collateral', {
      description: 'Collateral (agunan) offered, in words, e.g. "BPKB mobil niaga"; empty when none is offered.',
    }),
    status: t.expose('status', { type: FinancingNeedStatusEnum, description: 'OPEN, WITHDRAWN or FUNDED.' }),
    sourceOpportunityId: t.id({
      nullable: true,
      description: 'Global ID of the marketplace opportunity the need came from, if any.',
      resolve: (n) => (n.sourceOpportunityId ? encodeGlobalID('Opportunity', n.sourceOpportunityId) : null),
    }),
    sourceMeetingId: t.id({
      nullable: true,
      description: 'Global ID of the Temu Bisnis forum meeting the need came from, if any.',
      resolve: (n) => (n.sourceMeetingId ? encodeGlobalID('Meeting', n.sourceMeetingId) : null),
    }),
    readiness: t.field({
      type: ReadinessAssessmentRef,
      nullable: true,
      description:
        "KUR readiness of this need's amount for its enterprise, as of today. Visible to the Disperin staff of its kabupaten/kota's office or of the provincial office, the enterprise's members and funders holding its consent with scope FINANCIALS (audited); null for others.",
      select: { enterprise: { select: READINESS_SELECT } },
      resolve: async (n, _args, ctx) =>
        auditRead(await protectedAccess(n.enterpriseId, 'FINANCIALS', ctx), n.enterpriseId, ['financingReadiness'], ctx) ? assess(n.enterprise, n.amount, ctx) : null,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the need was stated.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
  }),
});

/** People of the funder organisation a lead can be assigned to. */
export const LeadTeamMemberRef = builder.prismaObject('User', {
  variant: 'LeadTeamMember',
  description: 'A person of the funder organisation working on a lead.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Database id of the person (give it to leadAssign).' }),
    name: t.exposeString('name', { description: 'Full name.' }),
    email: t.exposeString('email', { description: 'Sign-in e-mail address.' }),
  }),
});

builder.prismaObject('LeadStatusChange', {
  description: 'One move of a lead in a funder\'s pipeline. The history is append-only.',
  fields: (t) => ({
    fromStatus: t.expose('fromStatus', { type: LeadStatusEnum, nullable: true, description: 'Status before; null for the entry that opened the review.' }),
    toStatus: t.expose('toStatus', { type: LeadStatusEnum, description: 'Status after.' }),
    note: t.exposeString('note', { description: 'What the person or program noted with the move; may be empty.' }),
    changedByUserId: t.exposeString('byUserId', {
      nullable: true,
      description: 'Database id of the person who made the move; null for an API key or the system.',
    }),
    at: t.expose('at', { type: 'DateTime', description: 'When.' }),
  }),
});

builder.prismaObject('LeadNote', {
  description: "A note on a lead in a funder's pipeline, visible to that funder only.",
  fields: (t) => ({
    body: t.exposeString('body', { description: 'The note.' }),
    authorUserId: t.exposeString('authorId', { nullable: true, description: 'Database id of the author; null for an API key.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was written.' }),
  }),
});

export const LeadReviewRef = builder.prismaNode('LeadReview', {
  description: `One funder's review of one financing lead: its own pipeline status (${PIPELINE_TEXT}), history, notes and assignee. Visible only to that funder; other funders, even with the ID, get null.`,
  id: { field: 'id' },
  // node(id) finds only the caller's own reviews: another funder's review reads as not found.
  findUnique: (id, ctx) => ({ id: uuidOrNone(id), funderId: ctx.viewer.partner?.id ?? NO_ID }),
  nullable: true,
  authScopes: (review) => policies.ownReview(review.funderId),
  fields: (t) => ({
    status: t.expose('status', { type: LeadStatusEnum, description: 'Current status in your pipeline.' }),
    rejectionReason: t.field({
      type: LeadRejectionReasonEnum,
      nullable: true,
      description: 'Why the lead was rejected; null unless REJECTED.',
      resolve: (r) => parseRejection(r.rejectionReason)?.code ?? null,
    }),
    rejectionNote: t.string({
      nullable: true,
      description: 'The explanation given with the rejection, if any.',
      resolve: (r) => parseRejection(r.rejectionReason)?.note ?? null,
    }),
    disbursedAmount: t.expose('disbursedAmount', { type: 'Money', nullable: true, description: 'Amount disbursed in rupiah; null unless DISBURSED.' }),
    disbursedOn: t.expose('disbursedOn', { type: 'Date', nullable: true, description: 'Date of disbursement; null unless DISBURSED.' }),
    assignee: t.relation('assignedTo', {
      type: LeadTeamMemberRef,
      nullable: true,
      description: 'The person of your organisation the lead is assigned to.',
    }),
    history: t.relation('history', {
      description:
        'Every status change, oldest first; the first entry opened the review (status NEW). A plain list: the pipeline bounds it to six entries.',
      query: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
    }),
    notes: t.relatedConnection(
      'notes',
      {
        cursor: 'id',
        description: 'Notes on the lead, newest first.',
        totalCount: true,
        query: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] },
      },
      { name: 'LeadNoteConnection', description: 'A page of notes on a lead.' },
      { name: 'LeadNoteEdge', description: 'A note in a page, with its cursor.' },
    ),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When you first acted on the lead.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When the review last changed.' }),
  }),
});


/**
 * The sector and kecamatan a lead shows: the enterprise's own under any active consent (its
 * identity is open then), otherwise the release of its cell of the public directory. The releases
 * are asked for either way, so a page showing these fields costs the same statements at any size.
 */
async function shownCell(n: WithGrants & { enterprise: { sector: Sector; districtId: string } }, ctx: Context) {
  const releases = await directoryReleases(ctx);
  if (heldScopes(n.enterpriseId, n.enterprise.consents, ctx).size > 0) return { sector: n.enterprise.sector, districtId: n.enterprise.districtId };
  return releaseOf(releases, n.enterprise);
}

/** The where that makes a need a lead of the calling funder: open, or already in its pipeline. */
export function leadVisibility(ctx: Context) {
  return {
    OR: [
      { status: 'OPEN' as const, enterprise: { status: 'ACTIVE' as const } },
      { reviews: { some: { funderId: funderIdOf(ctx) } } },
    ],
  };
}

export const FinancingLeadRef = builder.prismaNode('FinancingNeed', {
  variant: 'FinancingLead',
  description:
    `A financing need as a funder sees it in its pipeline. Without the enterprise's consent it is anonymised: sector and kecamatan (each generalised away where the public directory has fewer than ${K_ANONYMITY} active IKM sharing them), KUR amount band, purpose and whether it is open — no name, NIB, exact amount, date, business age, KBLI, sentra or size class, and no ID that leads to the enterprise: the lead's ID is random, and a FINANCING_REQUEST opportunity the IKM posted publicly (its own choice to be named) is not linked to it. For every anonymised lead at least ${K_ANONYMITY} active IKM of the public directory fit everything the API tells you about it. With consent, \`enterprise\` (any scope), \`need\` (NEEDS) and \`readiness\` (FINANCIALS) are filled in, and every such read is recorded in the enterprise's data access log. \`review\` and \`status\` are the calling funder's own.`,
  id: { field: 'id' },
  // A lead is an open need of an active enterprise, or one already in the caller's pipeline.
  findUnique: (id, ctx) => ({ id: uuidOrNone(id), ...leadVisibility(ctx) }),
  nullable: true,
  authScopes: policies.funder(SCOPE.LEADS_READ),
  // A page of leads is read in one statement when its selection allows (lead-plan.ts).
  extensions: { plannedRead: planLeads },
  fields: (t) => ({
    sector: t.field({
      type: SectorEnum,
      nullable: true,
      description: `Manufacturing sector of the enterprise. Without consent, null where fewer than ${K_ANONYMITY} active IKM of the public directory share its sector (and kecamatan, when shown).`,
      select: (_args, ctx) => ({ enterprise: { select: { sector: true, districtId: true, consents: heldGrantsSelect(ctx) } } }),
      resolve: async (n, _args, ctx) => (await shownCell(n, ctx)).sector,
    }),
    district: t.field({
      type: DistrictRef,
      nullable: true,
      description: `The kecamatan (district) of the enterprise. Without consent, null (nothing finer than the province is known) where fewer than ${K_ANONYMITY} active IKM of the public directory share it (with the sector, when shown).`,
      select: (_args, ctx, nested) => ({ enterprise: { select: { sector: true, districtId: true, district: nested(), consents: heldGrantsSelect(ctx) } } }),
      resolve: async (n, _args, ctx) => ((await shownCell(n, ctx)).districtId === null ? null : n.enterprise.district),
    }),
    amountBand: t.field({
      type: AmountBandEnum,
      description: 'The KUR band of the amount sought; the exact amount is in `need` under consent.',
      resolve: (n) => amountBand(n.amount),
    }),
    purpose: t.expose('purpose', { type: FinancingPurposeEnum, description: 'What the money is for.' }),
    open: t.boolean({
      description: 'True while the need is OPEN; false once the enterprise withdrew it or it was funded (it stays in your pipeline).',
      resolve: leadOpen,
    }),
    consentScopes: t.field({
      type: [ConsentScopeEnum],
      description: 'What the enterprise currently lets you read; empty without consent (ask with consentRequest).',
      select: (_args, ctx) => ({ enterprise: { select: { consents: heldGrantsSelect(ctx) } } }),
      resolve: (n, _args, ctx) => leadConsentScopes(n, ctx),
    }),
    enterprise: t.field({
      type: EnterpriseRef,
      nullable: true,
      description:
        'The enterprise behind the lead, when it has given you an active consent of any scope (audited as a read of its identity); null otherwise. Its private fields follow their own scopes.',
      select: (_args, ctx, nested) => ({ enterprise: nested({ include: { consents: heldGrantsSelect(ctx) } }) }),
      resolve: (n, _args, ctx) => (leadIdentityShown(n, ctx) ? n.enterprise : null),
    }),
    need: t.variant(FinancingNeedRef, {
      description: 'The need itself (exact amount, tenor, collateral, dates), under consent with scope NEEDS; null otherwise.',
      isNull: async (n, _args, ctx) => !(await funderScopes(n.enterpriseId, ctx)).has('NEEDS'),
    }),
    readiness: t.field({
      type: ReadinessAssessmentRef,
      nullable: true,
      description: 'KUR readiness of the amount sought, under consent with scope FINANCIALS (audited); null otherwise.',
      select: (_args, ctx) => ({ enterprise: { select: { ...READINESS_SELECT, consents: heldGrantsSelect(ctx) } } }),
      resolve: (n, _args, ctx) => leadReadiness(n, ctx),
    }),
    status: t.field({
      type: LeadStatusEnum,
      description: 'Where the lead stands in your pipeline; NEW when you have not acted on it.',
      select: (_args, ctx) => ({ reviews: { where: { funderId: funderIdOf(ctx) }, take: 1, select: { status: true } } }),
      resolve: (n) => leadStatus(n),
    }),
    review: t.field({
      type: LeadReviewRef,
      nullable: true,
      description: "Your review of the lead: status, history, notes, assignee. Null until you act on it. Never another funder's.",
      select: (_args, ctx, nested) => ({ reviews: nested({ where: { funderId: funderIdOf(ctx) }, take: 1 }) }),
      resolve: (n) => n.reviews[0] ?? null,
    }),
  }),
});

builder.prismaObjectField(LeadReviewRef, 'lead', (t) =>
  t.relation('financingNeed', { type: FinancingLeadRef, description: 'The lead reviewed.' }),
);
