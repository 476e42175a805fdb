import { builder } from '../builder';
import { allows, demand, policies } from '../auth/policies';
import { FinancingNeedStatusEnum, FinancingPurposeEnum } from '../common/enums';
import { idOf } from '../common/global-id';
import { refuse, runMutation } from '../common/mutation';
import { outsideRegion } from '../common/region';
import { enterpriseRegion } from '../enterprise/region';
import { failed, payloadType, succeeded } from '../common/payload';
import { checkText, type UserError, userError } from '../common/user-errors';
import { auditRead, protectedAccess } from '../consent/access';
import type { Context } from '../context';
import { READINESS_DESCRIPTION, READINESS_SELECT, ReadinessAssessmentRef, assess } from './readiness';
import { needEvent } from './events';
import { leadSearchMatches } from './lead-search-matches';
import { FinancingNeedRef } from './types';

export const NEED_LIMITS = { tenorMin: 1, tenorMax: 120, collateral: 500 } as const;

const FinancingNeedCreateInput = builder.inputType('FinancingNeedCreateInput', {
  description: 'A financing need of an IKM.',
  fields: (t) => ({
    enterpriseId: t.id({ required: true, description: 'Global ID of the enterprise that needs the financing.' }),
    amount: t.field({ type: 'Money', required: true, description: 'Amount sought in rupiah, above Rp0.' }),
    purpose: t.field({ type: FinancingPurposeEnum, required: true, description: 'What the money is for.' }),
    tenorMonths: t.int({
      required: true,
      description: `Repayment period (tenor) in months, ${NEED_LIMITS.tenorMin} to ${NEED_LIMITS.tenorMax}.`,
    }),
    collateral: t.string({
      description: `Collateral (agunan) offered, in words, at most ${NEED_LIMITS.collateral} characters; omit when none is offered.`,
    }),
    sourceOpportunityId: t.id({
      description: 'Global ID of the opportunity the need comes from: a FINANCING_REQUEST the enterprise posted, or a FINANCING_OFFER of a funder.',
    }),
    sourceMeetingId: t.id({ description: 'Global ID of the Temu Bisnis forum meeting the need came out of; the enterprise must have taken part in it.' }),
  }),
});

const FinancingNeedCreatePayload = payloadType(
  'FinancingNeedCreatePayload',
  'financingNeed',
  FinancingNeedRef,
  'Result of financingNeedCreate.',
);

const FinancingNeedWithdrawInput = builder.inputType('FinancingNeedWithdrawInput', {
  description: 'The financing need to withdraw.',
  fields: (t) => ({ id: t.id({ required: true, description: 'Global ID of the financing need.' }) }),
});

const FinancingNeedWithdrawPayload = payloadType(
  'FinancingNeedWithdrawPayload',
  'financingNeed',
  FinancingNeedRef,
  'Result of financingNeedWithdraw.',
);

async function checkSources(
  input: { sourceOpportunityId?: string | number | null; sourceMeetingId?: string | number | null },
  enterpriseId: string,
  ctx: Context,
  errors: UserError[],
): Promise<{ sourceOpportunityId: string | null; sourceMeetingId: string | null }> {
  let sourceOpportunityId: string | null = null;
  let sourceMeetingId: string | null = null;
  if (input.sourceOpportunityId != null) {
    const id = idOf(String(input.sourceOpportunityId), 'Opportunity');
    const opportunity = id
      ? await ctx.prisma.opportunity.findFirst({
          where: {
            id,
            OR: [{ enterpriseId, kind: 'FINANCING_REQUEST' }, { kind: 'FINANCING_OFFER', partner: { kind: 'FUNDER' } }],
          },
          select: { id: true },
        })
      : null;
    if (!opportunity) {
      errors.push(
        userError(
          'NOT_FOUND',
          ['input', 'sourceOpportunityId'],
          "No opportunity with this ID is a financing request of this enterprise or a funder's financing offer.",
        ),
      );
    } else sourceOpportunityId = opportunity.id;
  }
  if (input.sourceMeetingId != null) {
    const id = idOf(String(input.sourceMeetingId), 'Meeting');
    const meeting = id
      ? await ctx.prisma.meeting.findFirst({
          where: { id, request: { OR: [{ requester: { enterpriseId } }, { recipient: { enterpriseId } }] } },
          select: { id: true },
        })
      : null;
    if (!meeting) {
      errors.push(userError('NOT_FOUND', ['input', 'sourceMeetingId'], 'No forum meeting with this ID had this enterprise at the table.'));
    } else sourceMeetingId = meeting.id;
  }
  return { sourceOpportunityId, sourceMeetingId };
}

builder.mutationFields((t) => ({
  financingNeedCreate: t.field({
    type: FinancingNeedCreatePayload,
    description:
      "States a financing need of an IKM; it becomes an OPEN lead in funders' pipelines, anonymised until the enterprise consents. The enterprise's own members, or Disperin staff on its behalf.",
    authScopes: (_root, { input }) => policies.enterpriseOwnPeople(idOf(String(input.enterpriseId), 'Enterprise')),
    args: { input: t.arg({ type: FinancingNeedCreateInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const enterpriseId = idOf(String(input.enterpriseId), 'Enterprise');
      const enterprise = enterpriseId
        ? await ctx.prisma.enterprise.findUnique({ where: { id: enterpriseId }, select: { id: true, status: true } })
        : null;
      if (!enterprise) return failed([userError('NOT_FOUND', ['input', 'enterpriseId'], 'No enterprise has this ID.')]);
      const errors: UserError[] = [];
      if (enterprise.status !== 'ACTIVE') {
        errors.push(userError('INVALID_VALUE', ['input', 'enterpriseId'], 'The enterprise is archived; reactivate it before stating a need.'));
      }
      if (input.amount <= 0n) errors.push(userError('INVALID_MONEY', ['input', 'amount'], 'The amount sought must be above Rp0.'));
      if (input.tenorMonths < NEED_LIMITS.tenorMin || input.tenorMonths > NEED_LIMITS.tenorMax) {
        errors.push(
          userError(
            'INVALID_VALUE',
            ['input', 'tenorMonths'],
            `The tenor must be ${NEED_LIMITS.tenorMin} to ${NEED_LIMITS.tenorMax} months (10 years).`,
          ),
        );
      }
      errors.push(...checkText(input.collateral, ['input', 'collateral'], { max: NEED_LIMITS.collateral }));
      const sources = await checkSources(input, enterprise.id, ctx, errors);
      return runMutation(ctx, {
        region: () => enterpriseRegion(ctx, { id: enterprise.id }, ['input', 'enterpriseId']),
        validate: () => errors,
        run: (tx) =>
          tx.financingNeed.create({
            data: {
              enterpriseId: enterprise.id,
              amount: input.amount,
              purpose: input.purpose,
              tenorMonths: input.tenorMonths,
              collateral: input.collateral?.trim() ?? '',
              ...sources,
              createdAt: ctx.now,
            },
          }),
        events: async (created, tx) => [needEvent('financing_need.created', created), ...(await leadSearchMatches(ctx, tx, created))],
      });
    },
  }),
  financingNeedWithdraw: t.field({
    type: FinancingNeedWithdrawPayload,
    description:
      "Withdraws an OPEN financing need: it leaves funders' lists of open leads (funders that already reviewed it keep it in their pipeline, marked not open). Withdrawing twice changes nothing; a FUNDED need cannot be withdrawn. The enterprise's members or Disperin staff.",
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: FinancingNeedWithdrawInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idOf(String(input.id), 'FinancingNeed');
      const need = id ? await ctx.prisma.financingNeed.findUnique({ where: { id } }) : null;
      // A need the caller cannot see does not exist for it; one it sees under consent is not its to
      // change. Staff of another kabupaten/kota are refused by the region below, as in every mutation.
      if (!need || !(allows(ctx.viewer, policies.enterpriseOwnPeople(need.enterpriseId)) || (await protectedAccess(need.enterpriseId, 'NEEDS', ctx)))) {
        return failed([userError('NOT_FOUND', ['input', 'id'], 'No financing need of an enterprise you belong to has this ID.')]);
      }
      demand(ctx.viewer, policies.enterpriseOwnPeople(need.enterpriseId), "Only the enterprise's members or Disperin staff may withdraw its financing need.");
      // Staff withdraw for the IKM of their own kabupaten/kota; withdrawing again is a no-op for them only.
      const region = await enterpriseRegion(ctx, { id: need.enterpriseId }, ['input', 'id']);
      if (need.status === 'WITHDRAWN' && (await outsideRegion(ctx, region)).length === 0) return succeeded(need);
      return runMutation(ctx, {
        region: () => region,
        run: async (tx) => {
          // Only an OPEN need moves; a disbursement recorded at the same moment wins and is reported.
          const { count } = await tx.financingNeed.updateMany({ where: { id: need.id, status: 'OPEN' }, data: { status: 'WITHDRAWN' } });
          const now = await tx.financingNeed.findUniqueOrThrow({ where: { id: need.id } });
          if (count === 0 && now.status !== 'WITHDRAWN') {
            refuse(userError('INVALID_TRANSITION', ['input', 'id'], `The need is ${now.status}: only an OPEN need can be withdrawn.`));
          }
          return now;
        },
        events: (withdrawn) => [needEvent('financing_need.withdrawn', withdrawn)],
      });
    },
  }),
}));

builder.prismaObjectFields('Enterprise', (t) => ({
  financingNeeds: t.relatedConnection(
    'financingNeeds',
    {
      cursor: 'id',
      nullable: true,
      description:
        "The enterprise's financing needs, newest first. Visible to the Disperin staff of its kabupaten/kota's office or of the provincial office, its members, and funders holding its active consent with scope NEEDS (audited); null for everyone else.",
      args: { status: t.arg({ type: FinancingNeedStatusEnum, description: 'Only needs with this status.' }) },
      // The plugin resolves the connection itself: the audit step follows the check here.
      authScopes: async (e, _args, ctx) => auditRead(await protectedAccess(e.id, 'NEEDS', ctx), e.id, ['financingNeeds'], ctx),
      unauthorizedResolver: () => null,
      totalCount: true,
      query: (args) => ({
        where: args.status ? { status: args.status } : {},
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
    },
    { name: 'FinancingNeedConnection', description: 'A page of financing needs.' },
    { name: 'FinancingNeedEdge', description: 'A financing need in a page, with its cursor.' },
  ),
  financingReadiness: t.field({
    type: ReadinessAssessmentRef,
    nullable: true,
    description: `${READINESS_DESCRIPTION} Visible to the Disperin staff of its kabupaten/kota's office or of the provincial office, the enterprise's members and funders holding its active consent with scope FINANCIALS (each such read is audited); null for everyone else.`,
    args: { amount: t.arg({ type: 'Money', required: true, description: 'The plafond to assess, in rupiah.' }) },
    select: READINESS_SELECT,
    resolve: async (e, { amount }, ctx) =>
      auditRead(await protectedAccess(e.id, 'FINANCIALS', ctx), e.id, ['financingReadiness'], ctx) ? assess(e, amount, ctx) : null,
  }),
}));
