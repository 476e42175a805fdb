import { builder } from '../builder';
import { SCOPE } from '../auth/key-scopes';
import { policies } from '../auth/policies';
import { LeadStatusEnum } from '../common/enums';
import { idOf } from '../common/global-id';
import { refuseIf, runMutation, type Tx, underInput } from '../common/mutation';
import { NOT_REGIONAL } from '../common/region';
import { failed, payloadType } from '../common/payload';
import { checkText, userError } from '../common/user-errors';
import { scopesGrantedTo } from '../consent/access';
import type { Context } from '../context';
import { semarangToday } from '../enterprise/size';
import type { Funder } from '../domain/consent';
import { isCanonicalUuid } from '../domain/identifiers/uuid';
import type { LeadReview, Prisma } from '../generated/prisma/client';
import type { OutboxEvent } from '../common/outbox';
import { leadStatusChanged } from './events';
import { checkTransition, CONSENT_FOR_MOVE_TEXT, type LeadStatus, storedRejection } from './pipeline';
import { LeadRejectionReasonEnum, LeadReviewRef, leadVisibility } from './types';

const NOTE_MAX = 2000;

const FUNDER_WRITE = policies.funder(SCOPE.LEADS_WRITE);

/** The need behind a lead ID, if it is a lead of the calling funder. */
async function findLead(leadId: string | number, ctx: Context) {
  const id = idOf(String(leadId), 'FinancingLead');
  return id ? ctx.prisma.financingNeed.findFirst({ where: { id, ...leadVisibility(ctx) } }) : null;
}

const LEAD_NOT_FOUND = (field = 'leadId') =>
  userError('NOT_FOUND', ['input', field], 'No financing lead of yours has this ID (use the id of a FinancingLead from financingLeads).');

/**
 * The caller's review of a lead, created at NEW (with its opening history entry) when there is
 * none yet, and locked for the rest of the transaction: concurrent changes to one review apply one
 * after another, each seeing the status the previous one left. On PostgreSQL the row lock queues
 * them; PGlite has one connection and runs transactions one at a time anyway.
 */
async function lockReview(tx: Tx, needId: string, funderId: string, userId: string | null, now: Date) {
  const { count } = await tx.leadReview.createMany({
    data: [{ financingNeedId: needId, funderId, status: 'NEW', createdAt: now, updatedAt: now }],
    skipDuplicates: true,
  });
  const [locked] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM "LeadReview"
    WHERE "financingNeedId" = ${needId}::uuid AND "funderId" = ${funderId}::uuid
    FOR UPDATE`;
  const review = await tx.leadReview.findUniqueOrThrow({ where: { id: locked!.id } });
  if (count === 1) {
    await tx.leadStatusChange.create({
      data: { reviewId: review.id, fromStatus: null, toStatus: 'NEW', note: 'Lead taken into the pipeline.', byUserId: userId, at: now },
    });
  }
  return review;
}

/**
 * The instant to stamp a change with: the request's clock, but always after the review's previous
 * change, so the history read by time is the order the changes were applied in, even when
 * concurrent requests started in another order.
 */
function stampAfter(review: { updatedAt: Date }, now: Date): Date {
  return new Date(Math.max(now.getTime(), review.updatedAt.getTime() + 1));
}

/** Runs `change` on the locked review of a lead; a refusal inside rolls everything back. */
async function withReview(
  leadId: string | number,
  ctx: Context,
  change: (
    tx: Tx,
    review: Prisma.LeadReviewGetPayload<object>,
    need: { id: string; amount: bigint; enterpriseId: string },
    at: Date,
    funder: Funder,
  ) => Promise<void>,
  events?: (review: LeadReview) => OutboxEvent[],
) {
  // FUNDER_WRITE admits only people and keys of a FUNDER partner.
  const partner = ctx.viewer.partner;
  const funder = partner ? { id: partner.id, funderType: partner.funderType } : null;
  const need = funder ? await findLead(leadId, ctx) : null;
  if (!funder || !need) return failed([LEAD_NOT_FOUND()]);
  return runMutation(ctx, {
    region: NOT_REGIONAL,
    run: async (tx) => {
      const locked = await lockReview(tx, need.id, funder.id, ctx.viewer.userId, ctx.now);
      await change(tx, locked, need, stampAfter(locked, ctx.now), funder);
      return tx.leadReview.findUniqueOrThrow({ where: { id: locked.id } });
    },
    ...(events ? { events } : {}),
  });
}

const LeadStatusUpdateInput = builder.inputType('LeadStatusUpdateInput', {
  description: 'Moves a lead in your pipeline.',
  fields: (t) => ({
    leadId: t.id({ required: true, description: 'Global ID of the FinancingLead.' }),
    status: t.field({
      type: LeadStatusEnum,
      required: true,
      description: `The new status: NEW → CONTACTED → IN_REVIEW → APPROVED or REJECTED; APPROVED → DISBURSED. Moves beyond first contact need the enterprise's active consent at the moment of the move: ${CONSENT_FOR_MOVE_TEXT}. CONTACTED and REJECTED need none.`,
    }),
    reasonCode: t.field({ type: LeadRejectionReasonEnum, description: 'Why the lead is rejected: required with REJECTED, refused otherwise.' }),
    disbursedAmount: t.field({
      type: 'Money',
      description: 'Rupiah disbursed, above Rp0 and at most the amount sought: required with DISBURSED, refused otherwise.',
    }),
    disbursedOn: t.field({ type: 'Date', description: 'Date of disbursement, not in the future: required with DISBURSED, refused otherwise.' }),
    note: t.string({ description: `What to record with the move, at most ${NOTE_MAX} characters; required with reasonCode OTHER.` }),
  }),
});

const LeadStatusUpdatePayload = payloadType('LeadStatusUpdatePayload', 'review', LeadReviewRef, 'Result of leadStatusUpdate.');

const LeadNoteAddInput = builder.inputType('LeadNoteAddInput', {
  description: 'A note on a lead in your pipeline.',
  fields: (t) => ({
    leadId: t.id({ required: true, description: 'Global ID of the FinancingLead.' }),
    body: t.string({ required: true, description: `The note, at most ${NOTE_MAX} characters.` }),
  }),
});

const LeadNoteAddPayload = payloadType('LeadNoteAddPayload', 'review', LeadReviewRef, 'Result of leadNoteAdd.');

const LeadAssignInput = builder.inputType('LeadAssignInput', {
  description: 'Who in your organisation works on a lead.',
  fields: (t) => ({
    leadId: t.id({ required: true, description: 'Global ID of the FinancingLead.' }),
    assigneeId: t.id({
      description: 'Database id of a person of your organisation (LeadTeamMember.id, viewer.user.id); null or omitted to unassign.',
      // Not a global ID: the server checks it as a UUID (packages/api/src/server/security/id-inputs.ts).
      extensions: { idForm: 'uuid' },
    }),
  }),
});

const LeadAssignPayload = payloadType('LeadAssignPayload', 'review', LeadReviewRef, 'Result of leadAssign.');

builder.mutationFields((t) => ({
  leadStatusUpdate: t.field({
    type: LeadStatusUpdatePayload,
    description:
      `Moves a lead in your own pipeline and appends the move to its history. An invalid move (e.g. NEW → APPROVED, or anything after REJECTED) is an INVALID_TRANSITION user error on ["input","status"] and changes nothing. A move the enterprise's consent does not cover (${CONSENT_FOR_MOVE_TEXT}) is a CONSENT_REQUIRED user error on ["input","status"] and changes nothing; a revoked consent leaves earlier moves in place but stops those that need it (REJECTED stays possible, to close the lead). Concurrent updates of one review are applied one at a time, each against the status the previous one left, so no history entry is lost and no step is skipped. Funders only (API keys need scope LEADS_WRITE).`,
    authScopes: FUNDER_WRITE,
    args: { input: t.arg({ type: LeadStatusUpdateInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const textErrors = checkText(input.note, ['input', 'note'], { max: NOTE_MAX });
      if (textErrors.length > 0) return failed(textErrors);
      return withReview(input.leadId, ctx, async (tx, review, need, at, funder) => {
        const from = review.status as LeadStatus;
        const problems = checkTransition(
          from,
          {
            to: input.status,
            reasonCode: input.reasonCode ?? null,
            disbursedAmount: input.disbursedAmount ?? null,
            disbursedOn: input.disbursedOn ?? null,
            note: input.note ?? null,
          },
          {
            requestedAmount: need.amount,
            today: semarangToday(ctx.now),
            consentScopes: await scopesGrantedTo(tx, need.enterpriseId, funder, ctx.now),
          },
        );
        refuseIf(underInput(problems));
        await tx.leadReview.update({
          where: { id: review.id },
          data: {
            status: input.status,
            updatedAt: at,
            ...(input.status === 'REJECTED' && input.reasonCode ? { rejectionReason: storedRejection(input.reasonCode, input.note) } : {}),
            ...(input.status === 'DISBURSED' ? { disbursedAmount: input.disbursedAmount, disbursedOn: input.disbursedOn } : {}),
          },
        });
        await tx.leadStatusChange.create({
          data: {
            reviewId: review.id,
            fromStatus: from,
            toStatus: input.status,
            note: input.note?.trim() ?? '',
            byUserId: ctx.viewer.userId,
            at,
          },
        });
        if (input.status === 'DISBURSED') {
          await tx.financingNeed.updateMany({ where: { id: need.id, status: 'OPEN' }, data: { status: 'FUNDED' } });
        }
      }, (review) => [leadStatusChanged(review)]);
    },
  }),
  leadNoteAdd: t.field({
    type: LeadNoteAddPayload,
    description: 'Adds a note to a lead in your pipeline (taking the lead in at NEW if you had not acted on it). Only your organisation sees it. Funders only (API keys need scope LEADS_WRITE).',
    authScopes: FUNDER_WRITE,
    args: { input: t.arg({ type: LeadNoteAddInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const errors = checkText(input.body, ['input', 'body'], { required: true, max: NOTE_MAX });
      if (errors.length > 0) return failed(errors);
      return withReview(input.leadId, ctx, async (tx, review, _need, at) => {
        await tx.leadNote.create({ data: { reviewId: review.id, authorId: ctx.viewer.userId, body: input.body.trim(), createdAt: at } });
        await tx.leadReview.update({ where: { id: review.id }, data: { updatedAt: at } });
      });
    },
  }),
  leadAssign: t.field({
    type: LeadAssignPayload,
    description:
      'Assigns a lead in your pipeline to a person of your own organisation, or unassigns it (taking the lead in at NEW if you had not acted on it). Funders only (API keys need scope LEADS_WRITE).',
    authScopes: FUNDER_WRITE,
    args: { input: t.arg({ type: LeadAssignInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const funderId = ctx.viewer.partner?.id;
      let assigneeId: string | null = null;
      if (input.assigneeId != null) {
        const id = String(input.assigneeId);
        const member = isCanonicalUuid(id) && funderId
          ? await ctx.prisma.organisationMembership.findFirst({ where: { userId: id, partnerId: funderId }, select: { userId: true } })
          : null;
        if (!member) {
          return failed([userError('NOT_FOUND', ['input', 'assigneeId'], 'No person of your organisation has this id.')]);
        }
        assigneeId = member.userId;
      }
      return withReview(input.leadId, ctx, async (tx, review, _need, at) => {
        await tx.leadReview.update({ where: { id: review.id }, data: { assignedToId: assigneeId, updatedAt: at } });
      });
    },
  }),
}));
