import { SCOPE } from '../auth/key-scopes';
import { demand, policies } from '../auth/policies';
import { builder, type Types } from '../builder';
import { CertificationKindEnum, OpportunityKindEnum, SectorEnum } from '../common/enums';
import { idOf } from '../common/global-id';
import { runMutation } from '../common/mutation';
import { NOT_REGIONAL } from '../common/region';
import { enterpriseRegion } from '../enterprise/region';
import { failed, payloadType } from '../common/payload';
import { checkText, type UserError, userError } from '../common/user-errors';
import type { Context } from '../context';
import { hasLapsed } from '../domain/opportunity-status';
import { searchText } from '../domain/search';
import type { Opportunity, Prisma } from '../generated/prisma/client';
import type { CertificationKind, OpportunityKind } from '../generated/prisma/enums';
import { checkDistrictCodes, checkKbliPrefixes, checkMoney, checkRange } from '../partner/checks';
import {
  ENTERPRISE_OPPORTUNITY_KINDS,
  KINDS_BY_PARTNER_KIND,
  needsAmount,
  PARTNER_OPPORTUNITY_KINDS,
  partnerMayPost,
  posterSide,
} from './rules';
import { savedSearchMatches } from '../saved-search/matches';
import { opportunityEvent } from './events';
import { OpportunityRef } from './types';

const TITLE_MIN = 3;
const TITLE_MAX = 200;
/**
 * Longest delivery period of a buy request, in months. Ours: a consortium offer holds its members'
 * capacity for the whole period, and two years is as far as an IKM can reasonably commit capacity
 * (the longest validity in the seed is 300 days); a longer contract is posted again.
 */
const DELIVERY_MONTHS_MAX = 24;

/** Fields shared by post and update; on update an omitted field stays as it is and null clears an optional one. */
function contentFields(t: PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>) {
  return {
    description: t.string({ description: 'Details in words, at most 4000 characters.' }),
    sector: t.field({ type: SectorEnum, description: 'Sector it concerns.' }),
    kbliPrefixes: t.stringList({ description: 'KBLI prefixes of 2–5 digits within manufacturing (10–33), at most 20.' }),
    productCategory: t.string({ description: 'Product category slug, e.g. "komponen-mesin"; at most 60 characters.' }),
    quantity: t.int({ description: 'Quantity, greater than 0; needs a unit.' }),
    unit: t.string({ description: 'Unit of the quantity, e.g. "pcs", "kg"; at most 30 characters.' }),
    deliveryMonths: t.int({
      description: `Buy requests only: the quantity is a total to deliver over this many months, ${DELIVERY_MONTHS_MAX} at most; omitted or null: the quantity is a monthly volume.`,
    }),
    amountMin: t.field({ type: 'Money', description: 'Lower end of the amount in rupiah.' }),
    amountMax: t.field({
      type: 'Money',
      description: 'Upper end of the amount in rupiah (≥ amountMin). Financing offers and requests need amountMin or amountMax.',
    }),
    districtCodes: t.stringList({ description: 'Kemendagri codes of the kecamatan it concerns (NN.NN.NN, e.g. 33.74.12); empty for any.' }),
    requiredCertifications: t.field({ type: [CertificationKindEnum], description: 'Certifications an IKM needs to answer.' }),
    validFrom: t.field({ type: 'DateTime', description: 'Start of validity; default: now.' }),
  };
}

const OpportunityPostInput = builder.inputType('OpportunityPostInput', {
  description:
    'A new opportunity. Partner kinds (BUY_REQUEST, SUPPLY_OFFER, DISTRIBUTION_OFFER, FINANCING_OFFER) are posted for a partner, IKM kinds (SELL_OFFER, SUPPLY_REQUEST, DISTRIBUTION_REQUEST, FINANCING_REQUEST) for an enterprise.',
  fields: (t) => ({
    kind: t.field({ type: OpportunityKindEnum, required: true, description: 'What is offered or requested.' }),
    partnerId: t.id({
      description: 'Global ID of the posting partner (partner kinds). Default: the partner you act for.',
    }),
    enterpriseId: t.id({
      description: 'Global ID of the posting IKM (IKM kinds). Default: your enterprise, when you belong to exactly one.',
    }),
    title: t.string({ required: true, description: `Short title, ${TITLE_MIN} to ${TITLE_MAX} characters.` }),
    ...contentFields(t),
    validUntil: t.field({ type: 'DateTime', required: true, description: 'Last instant of validity; in the future, after validFrom.' }),
  }),
});

const OpportunityUpdateInput = builder.inputType('OpportunityUpdateInput', {
  description:
    'Changes to an opportunity. Omitted fields stay as they are; null clears an optional field. The kind and the poster cannot change.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global ID of the opportunity.' }),
    title: t.string({ description: `Short title, ${TITLE_MIN} to ${TITLE_MAX} characters.` }),
    ...contentFields(t),
    validUntil: t.field({ type: 'DateTime', description: 'Last instant of validity; when given, in the future and after validFrom.' }),
    reopen: t.boolean({
      description:
        'Set the status back to OPEN (after a close). An opportunity whose validUntil has passed can be reopened only together with a new validUntil.',
    }),
  }),
});

const OpportunityCloseReasonEnum = builder.enumType('OpportunityCloseReason', {
  description: 'Why an opportunity is closed.',
  values: {
    CLOSED: { description: 'Withdrawn, no longer wanted, or closed by Disperin staff.' },
    FULFILLED: { description: 'The need was met: a deal was made.' },
  },
});

const OpportunityCloseInput = builder.inputType('OpportunityCloseInput', {
  description: 'The opportunity to close and why.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global ID of the opportunity.' }),
    reason: t.field({ type: OpportunityCloseReasonEnum, required: true, description: 'CLOSED or FULFILLED.' }),
  }),
});

const OpportunityPostPayload = payloadType('OpportunityPostPayload', 'opportunity', OpportunityRef, 'Result of opportunityPost.');
const OpportunityUpdatePayload = payloadType('OpportunityUpdatePayload', 'opportunity', OpportunityRef, 'Result of opportunityUpdate.');
const OpportunityClosePayload = payloadType('OpportunityClosePayload', 'opportunity', OpportunityRef, 'Result of opportunityClose.');

type PostInput = typeof OpportunityPostInput.$inferInput;
type UpdateInput = typeof OpportunityUpdateInput.$inferInput;
type ContentInput = Omit<PostInput, 'kind' | 'partnerId' | 'enterpriseId' | 'title' | 'validUntil'> & {
  title?: string | null;
  validUntil?: Date | null;
};

const f = (...path: string[]) => ['input', ...path];

function pick<T>(value: T | undefined, current: T): T {
  return value === undefined ? current : value;
}

/** Trimmed text; '' and null become null, undefined stays undefined (omitted). */
function optionalText(value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  return value?.trim() || null;
}

type OpportunityData = Omit<Prisma.OpportunityUncheckedCreateInput, 'kind' | 'partnerId' | 'enterpriseId'>;

/**
 * Validates the content against the opportunity as it will be (current values for omitted fields),
 * so that quantity/unit, amount ranges and validity hold for the result.
 */
async function checkContent(
  ctx: Context,
  input: ContentInput,
  kind: OpportunityKind,
  current: Opportunity | null,
): Promise<{ errors: UserError[]; data: OpportunityData }> {
  const errors: UserError[] = [];
  const creating = current === null;

  const titleErrors = checkText(input.title, f('title'), { required: creating || input.title !== undefined, max: TITLE_MAX });
  errors.push(...titleErrors);
  if (titleErrors.length === 0 && input.title != null && input.title.trim().length < TITLE_MIN) {
    errors.push(userError('TOO_SHORT', f('title'), `title must be at least ${TITLE_MIN} characters; got ${input.title.trim().length}.`));
  }
  errors.push(...checkText(input.description, f('description'), { max: 4000 }));
  errors.push(...checkText(input.productCategory, f('productCategory'), { max: 60 }));
  errors.push(...checkText(input.unit, f('unit'), { max: 30 }));

  const quantity = pick(input.quantity, current?.quantity ?? null);
  const unit = pick(optionalText(input.unit), current?.unit ?? null);
  if (quantity !== null && quantity <= 0) {
    errors.push(userError('INVALID_VALUE', f('quantity'), `quantity must be greater than 0.`));
  } else if (quantity !== null && !unit) {
    errors.push(userError('REQUIRED', f('unit'), 'A quantity needs a unit, e.g. "pcs" or "kg".'));
  } else if (quantity === null && unit) {
    errors.push(userError('REQUIRED', f('quantity'), 'A unit needs a quantity.'));
  }

  const deliveryMonths = pick(input.deliveryMonths, current?.deliveryMonths ?? null);
  errors.push(...checkDeliveryMonths(input.deliveryMonths, deliveryMonths, quantity, kind));

  const amountMin = pick(input.amountMin, current?.amountMin ?? null);
  const amountMax = pick(input.amountMax, current?.amountMax ?? null);
  const moneyErrors = [...checkMoney(input.amountMin, f('amountMin')), ...checkMoney(input.amountMax, f('amountMax'))];
  errors.push(...moneyErrors);
  if (moneyErrors.length === 0) errors.push(...checkRange(amountMin, amountMax, f('amountMax'), 'Amount'));
  if (needsAmount(kind) && amountMin === null && amountMax === null) {
    errors.push(userError('REQUIRED', f('amountMax'), `A ${kind} needs an amount in rupiah: give amountMin, amountMax or both.`));
  }

  const kbli = checkKbliPrefixes(input.kbliPrefixes, f('kbliPrefixes'));
  const districts = await checkDistrictCodes(ctx.prisma, input.districtCodes, f('districtCodes'));
  errors.push(...kbli.errors, ...districts.errors);

  const validFrom = input.validFrom ?? current?.validFrom ?? ctx.now;
  const validUntil = input.validUntil ?? current?.validUntil ?? null;
  if (input.validUntil != null && input.validUntil.getTime() <= ctx.now.getTime()) {
    errors.push(userError('IN_PAST', f('validUntil'), `validUntil must be in the future.`));
  } else if (validUntil && validUntil.getTime() <= validFrom.getTime()) {
    errors.push(
      userError(
        'INVALID_RANGE',
        f('validUntil'),
        `validUntil (${validUntil.toISOString()}) must come after validFrom (${validFrom.toISOString()}).`,
      ),
    );
  }

  const title = pick(input.title?.trim(), current?.title ?? '');
  const description = input.description === undefined ? (current?.description ?? '') : (input.description ?? '');
  const categoryInput = optionalText(input.productCategory);
  const productCategory = pick(
    categoryInput === undefined ? undefined : (categoryInput?.toLowerCase() ?? null),
    current?.productCategory ?? null,
  );
  const data: OpportunityData = {
    title,
    description,
    sector: pick(input.sector, current?.sector ?? null),
    kbliPrefixes: input.kbliPrefixes === undefined ? (current?.kbliPrefixes ?? []) : kbli.prefixes,
    productCategory,
    quantity,
    unit,
    deliveryMonths,
    amountMin,
    amountMax,
    districtCodes: input.districtCodes === undefined ? (current?.districtCodes ?? []) : districts.codes,
    requiredCertifications:
      input.requiredCertifications === undefined
        ? (current?.requiredCertifications ?? [])
        : [...new Set<CertificationKind>(input.requiredCertifications ?? [])],
    validFrom,
    validUntil: validUntil ?? ctx.now,
    searchText: searchText(title, description, productCategory),
  };
  return { errors, data };
}

/**
 * The delivery period (issue 19: a buy request states "quantity, unit, period"): a whole number of
 * months from 1 to DELIVERY_MONTHS_MAX, for a buy request that states a quantity. Other kinds are
 * not allocated over months, so they are refused it rather than storing a period nothing reads.
 */
function checkDeliveryMonths(given: number | null | undefined, months: number | null, quantity: number | null, kind: OpportunityKind): UserError[] {
  if (months === null) return [];
  if (given != null && (!Number.isInteger(given) || given < 1 || given > DELIVERY_MONTHS_MAX)) {
    return [userError('INVALID_VALUE', f('deliveryMonths'), `deliveryMonths must be a whole number of months from 1 to ${DELIVERY_MONTHS_MAX}.`)];
  }
  if (kind !== 'BUY_REQUEST') return [userError('INVALID_VALUE', f('deliveryMonths'), `Only a BUY_REQUEST has a delivery period, not a ${kind}.`)];
  if (quantity === null) return [userError('REQUIRED', f('quantity'), 'A delivery period needs the quantity to deliver over it.')];
  return [];
}

const NOT_YOURS = 'Only Disperin staff and members of the organisation that posts an opportunity may post or change it.';

type Poster = { partnerId: string | null; enterpriseId: string | null };

/** Which organisation posts: the input's partnerId/enterpriseId, else the one the caller acts for. */
function resolvePoster(ctx: Context, input: PostInput): { poster: Poster } | { error: UserError } {
  const side = posterSide(input.kind);
  if (input.partnerId != null && input.enterpriseId != null) {
    return { error: userError('INVALID_VALUE', f('enterpriseId'), 'Give either partnerId or enterpriseId, not both.') };
  }
  if (input.partnerId != null) {
    const id = idOf(String(input.partnerId), 'Partner');
    if (!id) return { error: userError('NOT_FOUND', f('partnerId'), 'No partner has this ID.') };
    return { poster: { partnerId: id, enterpriseId: null } };
  }
  if (input.enterpriseId != null) {
    const id = idOf(String(input.enterpriseId), 'Enterprise');
    if (!id) return { error: userError('NOT_FOUND', f('enterpriseId'), 'No enterprise has this ID.') };
    return { poster: { partnerId: null, enterpriseId: id } };
  }
  if (side === 'PARTNER' && ctx.viewer.partner) return { poster: { partnerId: ctx.viewer.partner.id, enterpriseId: null } };
  if (side === 'ENTERPRISE' && ctx.viewer.enterpriseIds.length === 1) {
    return { poster: { partnerId: null, enterpriseId: ctx.viewer.enterpriseIds[0]! } };
  }
  return side === 'PARTNER'
    ? { error: userError('REQUIRED', f('partnerId'), `A ${input.kind} is posted for a partner: give partnerId.`) }
    : { error: userError('REQUIRED', f('enterpriseId'), `A ${input.kind} is posted for an IKM: give enterpriseId.`) };
}

/**
 * Staff post and change an IKM's opportunities in their own kabupaten/kota only (the IKM's
 * kecamatan); a partner's have no region (partners serve several kabupaten/kota).
 */
function posterRegion(ctx: Context, poster: { enterpriseId: string | null }, field: string[]) {
  return poster.enterpriseId ? enterpriseRegion(ctx, { id: poster.enterpriseId }, field) : NOT_REGIONAL();
}

async function loadOwned(ctx: Context, globalId: string | number) {
  const id = idOf(String(globalId), 'Opportunity');
  const current = id ? await ctx.prisma.opportunity.findUnique({ where: { id } }) : null;
  if (!current) return { error: userError('NOT_FOUND', f('id'), 'No opportunity has this ID.') };
  demand(ctx.viewer, policies.opportunityPoster(current), NOT_YOURS);
  return { current };
}

builder.mutationFields((t) => ({
  opportunityPost: t.field({
    type: OpportunityPostPayload,
    description:
      "Posts an opportunity on the marketplace for a partner or an IKM. Disperin staff, or a member of the posting organisation; an API key needs the scope OPPORTUNITIES_WRITE.",
    authScopes: { apiScope: SCOPE.OPPORTUNITIES_WRITE },
    args: { input: t.arg({ type: OpportunityPostInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const resolved = resolvePoster(ctx, input);
      if ('error' in resolved) return failed([resolved.error]);
      const { poster } = resolved;
      demand(ctx.viewer, policies.opportunityPoster(poster), NOT_YOURS);

      const errors: UserError[] = [];
      if (poster.partnerId) {
        const partner = await ctx.prisma.partner.findUnique({ where: { id: poster.partnerId }, select: { status: true, kind: true } });
        if (!partner) return failed([userError('NOT_FOUND', f('partnerId'), 'No partner has this ID.')]);
        if (partner.status !== 'ACTIVE') errors.push(userError('INVALID_VALUE', f('partnerId'), 'An archived partner cannot post.'));
        if (posterSide(input.kind) === 'PARTNER' && !partnerMayPost(partner.kind, input.kind)) {
          errors.push(
            userError('INVALID_VALUE', f('kind'), `A ${partner.kind.toLowerCase()} posts ${KINDS_BY_PARTNER_KIND[partner.kind].join(' or ')}, not ${input.kind}.`),
          );
        }
      } else {
        const enterprise = await ctx.prisma.enterprise.findUnique({ where: { id: poster.enterpriseId! }, select: { status: true } });
        if (!enterprise) return failed([userError('NOT_FOUND', f('enterpriseId'), 'No enterprise has this ID.')]);
        if (enterprise.status !== 'ACTIVE') errors.push(userError('INVALID_VALUE', f('enterpriseId'), 'An archived enterprise cannot post.'));
      }
      const side = posterSide(input.kind);
      if (side === 'PARTNER' && !poster.partnerId) {
        errors.push(userError('INVALID_VALUE', f('kind'), `An IKM can post ${ENTERPRISE_OPPORTUNITY_KINDS.join(', ')}; ${input.kind} is for partners.`));
      }
      if (side === 'ENTERPRISE' && !poster.enterpriseId) {
        errors.push(userError('INVALID_VALUE', f('kind'), `A partner can post ${PARTNER_OPPORTUNITY_KINDS.join(', ')}; ${input.kind} is for IKM.`));
      }
      const { errors: contentErrors, data } = await checkContent(ctx, input, input.kind, null);
      errors.push(...contentErrors);
      return runMutation(ctx, {
        region: () => posterRegion(ctx, poster, f('enterpriseId')),
        validate: () => errors,
        run: (tx) => tx.opportunity.create({ data: { ...data, kind: input.kind, ...poster } }),
        events: async (created, tx) => [opportunityEvent('opportunity.posted', created), ...(await savedSearchMatches(tx, created))],
      });
    },
  }),
  opportunityUpdate: t.field({
    type: OpportunityUpdatePayload,
    description:
      'Changes an opportunity, or reopens a closed one. Disperin staff, or a member of the organisation that posted it; an API key needs the scope OPPORTUNITIES_WRITE.',
    authScopes: { apiScope: SCOPE.OPPORTUNITIES_WRITE },
    args: { input: t.arg({ type: OpportunityUpdateInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const loaded = await loadOwned(ctx, input.id);
      if ('error' in loaded) return failed([loaded.error!]);
      const { current } = loaded;
      const { id: _id, reopen, ...content } = input as UpdateInput;
      const { errors, data } = await checkContent(ctx, content, current.kind, current);
      let status = current.status;
      if (reopen) {
        status = 'OPEN';
        if (input.validUntil == null && hasLapsed(current.validUntil, ctx.now)) {
          errors.push(
            userError(
              'IN_PAST',
              f('validUntil'),
              `This opportunity's validity ended at ${current.validUntil.toISOString()}; give a new validUntil in the future to reopen it.`,
            ),
          );
        }
      }
      return runMutation(ctx, {
        region: () => posterRegion(ctx, current, f('id')),
        validate: () => errors,
        run: (tx) => tx.opportunity.update({ where: { id: current.id }, data: { ...data, status } }),
      });
    },
  }),
  opportunityClose: t.field({
    type: OpportunityClosePayload,
    description:
      'Closes an opportunity: CLOSED (withdrawn) or FULFILLED (a deal was made). Expired ones can be closed too. Disperin staff, or a member of the organisation that posted it; an API key needs the scope OPPORTUNITIES_WRITE.',
    authScopes: { apiScope: SCOPE.OPPORTUNITIES_WRITE },
    args: { input: t.arg({ type: OpportunityCloseInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const loaded = await loadOwned(ctx, input.id);
      if ('error' in loaded) return failed([loaded.error!]);
      const { current } = loaded;
      return runMutation(ctx, {
        region: () => posterRegion(ctx, current, f('id')),
        validate: () => (current.status === input.reason ? [userError('INVALID_VALUE', f('reason'), `The opportunity is already ${input.reason}.`)] : []),
        run: (tx) => tx.opportunity.update({ where: { id: current.id }, data: { status: input.reason } }),
        events: (closed) => [opportunityEvent('opportunity.closed', closed)],
      });
    },
  }),
}));
