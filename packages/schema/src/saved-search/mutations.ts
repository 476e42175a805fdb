import { SCOPE } from '../auth/key-scopes';
import { allows, policies } from '../auth/policies';
import { builder } from '../builder';
import { OpportunityKindEnum } from '../common/enums';
import { idOf } from '../common/global-id';
import { refuse, runMutation } from '../common/mutation';
import { failed, payloadType } from '../common/payload';
import { checkText, userError } from '../common/user-errors';
import { checkDistrictCodes, checkMoney, checkRange } from '../partner/checks';
import { SavedSearchRef } from './types';

/** Saving and removing opportunity searches, and listing them. */

export const MAX_SAVED_SEARCHES = 50;
const f = (...path: string[]) => ['input', ...path];

const SavedSearchCreateInput = builder.inputType('SavedSearchCreateInput', {
  description: 'An opportunity filter to be notified about.',
  fields: (t) => ({
    partnerId: t.id({ required: true, description: 'Global ID of the partner.' }),
    name: t.string({ required: true, description: 'What the search is for (at most 100 characters).' }),
    kinds: t.field({ type: [OpportunityKindEnum], description: 'Opportunity kinds; omitted: every kind.' }),
    productCategories: t.stringList({ description: 'Product categories (lower case); omitted: every category.' }),
    districtCodes: t.stringList({ description: 'Kemendagri kecamatan codes (33.74.01–33.74.16); omitted: anywhere.' }),
    amountMin: t.field({ type: 'Money', description: 'Lower end of the rupiah range.' }),
    amountMax: t.field({ type: 'Money', description: 'Upper end of the rupiah range (≥ amountMin).' }),
  }),
});

const SavedSearchDeleteInput = builder.inputType('SavedSearchDeleteInput', {
  description: 'The saved search to remove.',
  fields: (t) => ({ id: t.id({ required: true, description: 'Global ID of the saved search.' }) }),
});

const CreatePayload = payloadType('SavedSearchCreatePayload', 'savedSearch', SavedSearchRef, 'Result of savedSearchCreate.');
const DeletePayload = payloadType('SavedSearchDeletePayload', 'savedSearch', SavedSearchRef, 'Result of savedSearchDelete: the search as it was.');

const reader = (partnerId: string | null) => policies.partnerActing(partnerId ?? '00000000-0000-7000-8000-000000000000', SCOPE.OPPORTUNITIES_READ);

builder.mutationFields((t) => ({
  savedSearchCreate: t.field({
    type: CreatePayload,
    description: `Saves an opportunity search for a partner; each new matching opportunity raises saved_search.matched. At most ${MAX_SAVED_SEARCHES} per partner. Members of the partner, or its API keys with OPPORTUNITIES_READ.`,
    authScopes: (_root, { input }) => reader(idOf(String(input.partnerId), 'Partner')),
    args: { input: t.arg({ type: SavedSearchCreateInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const partnerId = idOf(String(input.partnerId), 'Partner')!;
      const districts = await checkDistrictCodes(ctx.prisma, input.districtCodes, f('districtCodes'));
      return runMutation(ctx, {
        validate: () => [
          ...checkText(input.name, f('name'), { required: true, max: 100 }),
          ...districts.errors,
          ...checkMoney(input.amountMin, f('amountMin')),
          ...checkMoney(input.amountMax, f('amountMax')),
          ...checkRange(input.amountMin, input.amountMax, f('amountMax'), 'Amount'),
        ],
        run: async (tx) => {
          await tx.$queryRaw`SELECT id FROM "Partner" WHERE id = ${partnerId}::uuid FOR UPDATE`;
          if ((await tx.savedSearch.count({ where: { partnerId } })) >= MAX_SAVED_SEARCHES) {
            refuse(userError('LIMIT_REACHED', f('partnerId'), `A partner has at most ${MAX_SAVED_SEARCHES} saved searches; delete one first.`));
          }
          return tx.savedSearch.create({
            data: {
              partnerId,
              name: input.name.trim(),
              kinds: [...new Set(input.kinds ?? [])],
              productCategories: [...new Set((input.productCategories ?? []).map((c) => c.trim().toLowerCase()))],
              districtCodes: districts.codes,
              amountMin: input.amountMin ?? null,
              amountMax: input.amountMax ?? null,
            },
          });
        },
      });
    },
  }),
  savedSearchDelete: t.field({
    type: DeletePayload,
    description: 'Removes a saved search. Members of the partner, or its API keys with OPPORTUNITIES_READ.',
    authScopes: policies.signedIn,
    args: { input: t.arg({ type: SavedSearchDeleteInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idOf(String(input.id), 'SavedSearch');
      const search = id ? await ctx.prisma.savedSearch.findUnique({ where: { id } }) : null;
      if (!search || !allows(ctx.viewer, reader(search.partnerId))) return failed([userError('NOT_FOUND', f('id'), 'No saved search of your organisation has this ID.')]);
      return runMutation(ctx, { run: (tx) => tx.savedSearch.delete({ where: { id: search.id } }) });
    },
  }),
}));

builder.queryField('savedSearches', (t) =>
  t.prismaConnection({
    type: 'SavedSearch',
    cursor: 'id',
    description: "A partner's saved searches, newest first. Members of the partner, or its API keys with OPPORTUNITIES_READ.",
    args: { partnerId: t.arg.id({ required: true, description: 'Global ID of the partner.' }) },
    authScopes: policies.signedIn,
    resolve: (query, _root, args, ctx) => {
      const partnerId = idOf(String(args.partnerId), 'Partner');
      if (!partnerId || !allows(ctx.viewer, reader(partnerId))) return [];
      return ctx.prisma.savedSearch.findMany({ ...query, where: { partnerId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
    },
  }),
);
