import { builder } from '../builder';
import { policies } from '../auth/policies';
import { ProgramStageEnum } from '../common/enums';
import { idOf } from '../common/global-id';
import { runMutation } from '../common/mutation';
import { failed, payloadType } from '../common/payload';
import { checkText, type UserError, userError } from '../common/user-errors';
import { SentraRef } from './types';

const MAX_FLAGSHIP_PRODUCTS = 20;

const SentraUpdateInput = builder.inputType('SentraUpdateInput', {
  description: 'Changes to a sentra profile. Omitted fields stay as they are.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global ID of the sentra.' }),
    name: t.string({ description: 'New name, at most 120 characters.' }),
    description: t.string({ description: 'What the sentra makes and who works there, at most 4,000 characters.' }),
    landmark: t.string({ description: 'The landmark that identifies the sentra in its kecamatan, at most 200 characters.' }),
    programStage: t.field({ type: ProgramStageEnum, description: 'Stage in the Disperin empowerment programme.' }),
    flagshipProducts: t.stringList({ description: `At most ${MAX_FLAGSHIP_PRODUCTS} products.` }),
  }),
});

const SentraUpdatePayload = payloadType('SentraUpdatePayload', 'sentra', SentraRef, 'Result of sentraUpdate.');

type SentraUpdate = typeof SentraUpdateInput.$inferInput;

function validate(input: SentraUpdate): UserError[] {
  const products = input.flagshipProducts ?? [];
  return [
    ...checkText(input.name, ['input', 'name'], { required: input.name !== undefined, max: 120 }),
    ...checkText(input.description, ['input', 'description'], { max: 4000 }),
    ...checkText(input.landmark, ['input', 'landmark'], { required: input.landmark !== undefined, max: 200 }),
    ...(products.length > MAX_FLAGSHIP_PRODUCTS
      ? [userError('TOO_MANY', ['input', 'flagshipProducts'], `At most ${MAX_FLAGSHIP_PRODUCTS} flagship products.`)]
      : products.flatMap((p, i) => checkText(p, ['input', 'flagshipProducts', String(i)], { required: true, max: 80 }))),
  ];
}

builder.mutationField('sentraUpdate', (t) =>
  t.field({
    type: SentraUpdatePayload,
    description: "Updates a sentra's profile (name, landmark, flagship products, programme stage). Disperin staff only, of the sentra's kabupaten/kota or the provincial office (a FORBIDDEN user error otherwise).",
    authScopes: policies.staff,
    args: { input: t.arg({ type: SentraUpdateInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idOf(String(input.id), 'Sentra');
      const existing = id ? await ctx.prisma.sentra.findUnique({ where: { id } }) : null;
      if (!id || !existing) return failed([userError('NOT_FOUND', ['input', 'id'], 'No sentra has this ID.')]);
      return runMutation(ctx, {
        region: () => [{ districtId: existing.districtId, field: ['input', 'id'] }],
        validate: () => validate(input),
        run: (tx) =>
          tx.sentra.update({
            where: { id },
            data: {
              name: input.name?.trim() ?? undefined,
              description: input.description ?? undefined,
              landmark: input.landmark?.trim() ?? undefined,
              programStage: input.programStage ?? undefined,
              flagshipProducts: input.flagshipProducts?.map((p) => p.trim()) ?? undefined,
            },
          }),
      });
    },
  }),
);
