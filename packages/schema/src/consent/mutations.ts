import { allows, policies } from '../auth/policies';
import { builder } from '../builder';
import { ConsentScopeEnum, FunderTypeEnum } from '../common/enums';
import { idOf } from '../common/global-id';
import { failed, payloadType } from '../common/payload';
import { checkText, type UserError, userError } from '../common/user-errors';
import { checkGrantRequest, MAX_CONSENT_DAYS } from '../domain/consent';
import { runMutation } from '../common/mutation';
import { consentEvent } from './events';
import { ConsentRef } from './types';

const REASON_MAX = 500;

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


builder.mutationFields((t) => ({
  consentGrant: t.field({
    type: ConsentGrantPayload,
    description:
      "Records an IKM's consent: explicit, for named scopes, to one funder or to every funder of one subtype, until a date at most a year ahead. Takes effect at once. Given by a member of the enterprise, or recorded by Disperin staff on its behalf (the consent then shows givenBy DISPERIN_STAFF). Without consent a funder sees the enterprise's leads only anonymised (k-anonymous among at least 5 IKM of the public directory, see FinancingLead); any consent names the enterprise to the funder. A FINANCING_REQUEST opportunity the enterprise posts is public by its own choice, with or without consent.",
    authScopes: (_root, { input }) => policies.enterpriseOwnPeople(idOf(String(input.enterpriseId), 'Enterprise')),
    args: { input: t.arg({ type: ConsentGrantInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const enterpriseId = idOf(String(input.enterpriseId), 'Enterprise');
      const enterprise = enterpriseId ? await ctx.prisma.enterprise.findUnique({ where: { id: enterpriseId }, select: { id: true, districtId: true } }) : null;
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
        // Staff record consents for the IKM of their own kabupaten/kota.
        region: () => [{ districtId: enterprise.districtId, field: ['input', 'enterpriseId'] }],
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
        events: (granted) => [consentEvent('consent.granted', granted)],
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
      const consent = id ? await ctx.prisma.consent.findUnique({ where: { id }, include: { revocation: true, enterprise: { select: { districtId: true } } } }) : null;
      if (!consent || !allows(ctx.viewer, policies.enterpriseOwnPeople(consent.enterpriseId))) {
        return failed([userError('NOT_FOUND', ['input', 'id'], 'No consent of an enterprise you belong to has this ID.')]);
      }
      return runMutation(ctx, {
        region: () => [{ districtId: consent.enterprise.districtId, field: ['input', 'id'] }],
        validate: () => checkText(input.reason, ['input', 'reason'], { max: REASON_MAX }),
        run: async (tx) => {
          // A revocation racing this one may win; the consent is revoked either way.
          await tx.consentRevocation.createMany({
            data: [{ consentId: consent.id, revokedAt: ctx.now, revokedById: ctx.viewer.userId, reason: input.reason?.trim() ?? '' }],
            skipDuplicates: true,
          });
          return tx.consent.findUniqueOrThrow({ where: { id: consent.id } });
        },
        events: (revoked) => [consentEvent('consent.revoked', revoked)],
      });
    },
  }),
}));
