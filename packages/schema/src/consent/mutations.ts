import { builder } from '../builder';
import { SCOPE } from '../auth/key-scopes';
import { allows, callingFunderOf, policies } from '../auth/policies';
import { ConsentScopeEnum, FunderTypeEnum } from '../common/enums';
import { idOf } from '../common/global-id';
import { failed, payloadType, succeeded } from '../common/payload';
import { checkText, type UserError, userError } from '../common/user-errors';
import { checkGrantRequest, type ConsentScope, MAX_CONSENT_DAYS } from '../domain/consent';
import { runMutation } from '../common/mutation';
import { FinancingLeadRef, leadVisibility } from '../financing/types';
import { CONSENT_REQUESTED, funderScopes } from './access';
import { ConsentRef } from './types';

const REASON_MAX = 500;
/** A funder asks an enterprise about one lead at most once in this many days. */
export const REQUEST_INTERVAL_DAYS = 7;
const DAY_MS = 86_400_000;

const ConsentGrantInput = builder.inputType('ConsentGrantInput', {
  description:
    'A consent of an IKM for funders to read its protected data. Name exactly one recipient: funderId (one funder) or funderType (every funder of that subtype).',
  fields: (t) => ({
    enterpriseId: t.id({ required: true, description: 'Global ID of the enterprise giving consent.' }),
    funderId: t.id({ description: 'Global ID of the one funder (a FUNDER partner) allowed to read.' }),
    funderType: t.field({ type: FunderTypeEnum, description: 'Every funder of this subtype may read, e.g. BANK; no other subtype.' }),
    scopes: t.field({ type: [ConsentScopeEnum], required: true, description: 'What may be read; at least one, each once.' }),
    expiresAt: t.field({
      type: 'DateTime',
      required: true,
      description: `When the consent lapses: in the future and at most ${MAX_CONSENT_DAYS} days (one year) ahead.`,
    }),
  }),
});

const ConsentGrantPayload = payloadType('ConsentGrantPayload', 'consent', ConsentRef, 'Result of consentGrant.');

const ConsentRevokeInput = builder.inputType('ConsentRevokeInput', {
  description: 'The consent to revoke.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global ID of the consent.' }),
    reason: t.string({ description: `Why, at most ${REASON_MAX} characters (kept with the revocation).` }),
  }),
});

const ConsentRevokePayload = payloadType('ConsentRevokePayload', 'consent', ConsentRef, 'Result of consentRevoke.');

const ConsentRequestInput = builder.inputType('ConsentRequestInput', {
  description: 'A request, from a funder, for the consent of the enterprise behind a lead.',
  fields: (t) => ({
    leadId: t.id({ required: true, description: 'Global ID of the FinancingLead.' }),
    scopes: t.field({
      type: [ConsentScopeEnum],
      defaultValue: ['PROFILE', 'FINANCIALS', 'NEEDS'],
      description: 'What you ask to read; PROFILE, FINANCIALS and NEEDS by default.',
    }),
  }),
});

const ConsentRequestPayload = payloadType('ConsentRequestPayload', 'lead', FinancingLeadRef, 'Result of consentRequest.');

builder.mutationFields((t) => ({
  consentGrant: t.field({
    type: ConsentGrantPayload,
    description:
      "Records an IKM's consent: explicit, for named scopes, to one funder or to every funder of one subtype, until a date at most a year ahead. Takes effect at once. Given by a member of the enterprise, or recorded by Disperin staff on its behalf (the consent then shows givenBy DISPERIN_STAFF). Without consent a funder sees the enterprise's leads only anonymised (k-anonymous among at least 5 IKM of the public directory, see FinancingLead); any consent names the enterprise to the funder. A FINANCING_REQUEST opportunity the enterprise posts is public by its own choice, with or without consent.",
    authScopes: (_root, { input }) => policies.enterpriseOwnPeople(idOf(String(input.enterpriseId), 'Enterprise')),
    args: { input: t.arg({ type: ConsentGrantInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const enterpriseId = idOf(String(input.enterpriseId), 'Enterprise');
      const enterprise = enterpriseId ? await ctx.prisma.enterprise.findUnique({ where: { id: enterpriseId }, select: { id: true } }) : null;
      if (!enterprise) return failed([userError('NOT_FOUND', ['input', 'enterpriseId'], 'No enterprise has this ID.')]);
      const errors: UserError[] = checkGrantRequest(
        {
          funderId: input.funderId == null ? null : String(input.funderId),
          funderType: input.funderType ?? null,
          scopes: input.scopes,
          expiresAt: input.expiresAt,
        },
        ctx.now,
      ).map((p) => ({ ...p, field: ['input', ...p.field] }));
      let funderId: string | null = null;
      if (input.funderId != null) {
        const id = idOf(String(input.funderId), 'Partner');
        const funder = id
          ? await ctx.prisma.partner.findFirst({ where: { id, kind: 'FUNDER', status: 'ACTIVE' }, select: { id: true } })
          : null;
        if (!funder) errors.push(userError('NOT_FOUND', ['input', 'funderId'], 'No active funder (a FUNDER partner) has this ID.'));
        else funderId = funder.id;
      }
      return runMutation(ctx, {
        validate: () => errors,
        run: (tx) =>
          tx.consent.create({
            data: {
              enterpriseId: enterprise.id,
              funderId,
              funderType: funderId ? null : (input.funderType ?? null),
              scopes: [...new Set(input.scopes)],
              grantedAt: ctx.now,
              expiresAt: input.expiresAt,
              grantedById: ctx.viewer.userId,
            },
          }),
      });
    },
  }),
  consentRevoke: t.field({
    type: ConsentRevokePayload,
    description:
      'Revokes a consent. The grant is not changed: a revocation is recorded beside it, effective at once, so the very next request by a funder no longer reads under it. Revoking twice changes nothing. A member of the enterprise, or Disperin staff on its behalf.',
    authScopes: { authenticated: true },
    args: { input: t.arg({ type: ConsentRevokeInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idOf(String(input.id), 'Consent');
      const consent = id ? await ctx.prisma.consent.findUnique({ where: { id }, include: { revocation: true } }) : null;
      if (!consent || !allows(ctx.viewer, policies.enterpriseOwnPeople(consent.enterpriseId))) {
        return failed([userError('NOT_FOUND', ['input', 'id'], 'No consent of an enterprise you belong to has this ID.')]);
      }
      return runMutation(ctx, {
        validate: () => checkText(input.reason, ['input', 'reason'], { max: REASON_MAX }),
        run: async (tx) => {
          // A revocation racing this one may win; the consent is revoked either way.
          await tx.consentRevocation.createMany({
            data: [{ consentId: consent.id, revokedAt: ctx.now, revokedById: ctx.viewer.userId, reason: input.reason?.trim() ?? '' }],
            skipDuplicates: true,
          });
          return tx.consent.findUniqueOrThrow({ where: { id: consent.id } });
        },
      });
    },
  }),
  consentRequest: t.field({
    type: ConsentRequestPayload,
    description: `Asks the enterprise behind a lead for consent, without learning who it is: the request is recorded for the enterprise to see (enterprise.consentRequests) and answer with consentGrant. Asking again about the same lead within ${REQUEST_INTERVAL_DAYS} days is an ALREADY_REQUESTED user error; asking for scopes you already hold is INVALID_VALUE. Funders only (API keys need scope leads:write).`,
    authScopes: policies.funder(SCOPE.LEADS_WRITE),
    args: { input: t.arg({ type: ConsentRequestInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const needId = idOf(String(input.leadId), 'FinancingLead');
      const need = needId ? await ctx.prisma.financingNeed.findFirst({ where: { id: needId, ...leadVisibility(ctx) } }) : null;
      const partnerId = ctx.viewer.partner?.id;
      if (!need || !partnerId) return failed([userError('NOT_FOUND', ['input', 'leadId'], 'No financing lead of yours has this ID.')]);
      const scopes = [...new Set((input.scopes ?? []) as ConsentScope[])].sort();
      if (scopes.length === 0) return failed([userError('REQUIRED', ['input', 'scopes'], 'Ask for at least one scope.')]);
      const held = callingFunderOf(ctx.viewer) ? await funderScopes(need.enterpriseId, ctx) : new Set<ConsentScope>();
      if (scopes.every((s) => held.has(s))) {
        return failed([userError('INVALID_VALUE', ['input', 'scopes'], 'The enterprise already lets you read these scopes.')]);
      }
      const recent = await ctx.prisma.auditRecord.findFirst({
        where: {
          action: CONSENT_REQUESTED,
          subjectType: 'FinancingNeed',
          subjectId: need.id,
          partnerId,
          at: { gt: new Date(ctx.now.getTime() - REQUEST_INTERVAL_DAYS * DAY_MS) },
        },
        select: { id: true },
      });
      if (recent) {
        return failed([
          userError('ALREADY_REQUESTED', ['input', 'leadId'], `You asked about this lead in the last ${REQUEST_INTERVAL_DAYS} days; the enterprise has been told.`),
        ]);
      }
      ctx.audit.note({ action: CONSENT_REQUESTED, subjectType: 'FinancingNeed', subjectId: need.id, enterpriseId: need.enterpriseId, fields: scopes });
      return succeeded(need);
    },
  }),
}));
