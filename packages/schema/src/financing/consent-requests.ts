import { builder } from '../builder';
import { SCOPE } from '../auth/key-scopes';
import { callingFunderOf, policies } from '../auth/policies';
import { ConsentScopeEnum } from '../common/enums';
import { idOf } from '../common/global-id';
import { failed, payloadType, succeeded } from '../common/payload';
import { userError } from '../common/user-errors';
import { CONSENT_REQUESTED, funderScopes } from '../consent/access';
import type { ConsentScope } from '../domain/consent';
import { FinancingLeadRef, leadVisibility } from './types';

/** consentRequest: a funder asks the enterprise behind one of its leads for consent (consent/ holds the grants). */

/** A funder asks an enterprise about one lead at most once in this many days. */
const REQUEST_INTERVAL_DAYS = 7;
const DAY_MS = 86_400_000;

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
  consentRequest: t.field({
    type: ConsentRequestPayload,
    description: `Asks the enterprise behind a lead for consent, without learning who it is: the request is recorded for the enterprise to see (enterprise.consentRequests) and answer with consentGrant. Asking again about the same lead within ${REQUEST_INTERVAL_DAYS} days is an ALREADY_REQUESTED user error; asking for scopes you already hold is INVALID_VALUE. Funders only (API keys need scope LEADS_WRITE).`,
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
