import { SCOPE } from '../auth/key-scopes';
import { allows, policies } from '../auth/policies';
import { builder } from '../builder';
import { FinancingPurposeEnum, OpportunityKindEnum, SectorEnum } from '../common/enums';
import { idOf } from '../common/global-id';
import { refuse, runMutation } from '../common/mutation';
import { NOT_REGIONAL } from '../common/region';
import { failed, payloadType } from '../common/payload';
import { checkText, userError } from '../common/user-errors';
import { checkDistrictCodes, checkMoney, checkRange } from '../partner/checks';
import { NO_ID } from '../domain/identifiers/uuid';
import type { Problem } from '../domain/problems';
import { AmountBandEnum } from '../financing/types';
import { SavedSearchRef, SavedSearchTargetEnum } from './types';

/** Saving and removing opportunity searches, and listing them. */

export const MAX_SAVED_SEARCHES = 50;
const f = (...path: string[]) => ['input', ...path];

const SavedSearchCreateInput = builder.inputType('SavedSearchCreateInput', {
  description:
    'A filter to be notified about: opportunities (kinds, productCategories, districtCodes, amountMin/amountMax) or, for a funder, financing leads (amountBands, sectors, purposes, districtCodes), matched on what the anonymised lead shows in the leads list.',
  fields: (t) => ({
    partnerId: t.id({ required: true, description: 'Global ID of the partner.' }),
    name: t.string({ required: true, description: 'What the search is for (at most 100 characters).' }),
    kinds: t.field({ type: [OpportunityKindEnum], description: 'Opportunity kinds; omitted: every kind.' }),
    productCategories: t.stringList({ description: 'Product categories (lower case); omitted: every category.' }),
    districtCodes: t.stringList({ description: 'Kemendagri kecamatan codes (NN.NN.NN, e.g. 33.74.12); omitted: anywhere.' }),
    amountMin: t.field({ type: 'Money', description: 'Lower end of the rupiah range.' }),
    amountMax: t.field({ type: 'Money', description: 'Upper end of the rupiah range (≥ amountMin).' }),
    target: t.field({
      type: SavedSearchTargetEnum,
      description: 'What to search: OPPORTUNITIES (default; the fields above) or, for a funder, FINANCING_LEADS (the fields below).',
    }),
    amountBands: t.field({ type: [AmountBandEnum], description: 'FINANCING_LEADS: KUR amount bands; omitted: any.' }),
    sectors: t.field({ type: [SectorEnum], description: 'FINANCING_LEADS: sectors as the anonymised lead shows them (a sector generalised away matches none); omitted: any.' }),
    purposes: t.field({ type: [FinancingPurposeEnum], description: 'FINANCING_LEADS: purposes; omitted: any.' }),
  }),
});

const SavedSearchDeleteInput = builder.inputType('SavedSearchDeleteInput', {
  description: 'The saved search to remove.',
  fields: (t) => ({ id: t.id({ required: true, description: 'Global ID of the saved search.' }) }),
});

const CreatePayload = payloadType('SavedSearchCreatePayload', 'savedSearch', SavedSearchRef, 'Result of savedSearchCreate.');
const DeletePayload = payloadType('SavedSearchDeletePayload', 'savedSearch', SavedSearchRef, 'Result of savedSearchDelete: the search as it was.');

const reader = (partnerId: string | null) => policies.partnerActing(partnerId ?? '00000000-0000-7000-8000-000000000000', SCOPE.OPPORTUNITIES_READ);

type CreateInput = typeof SavedSearchCreateInput.$inferInput;
const OPPORTUNITY_FIELDS = ['kinds', 'productCategories', 'amountMin', 'amountMax'] as const;
const LEAD_FIELDS = ['amountBands', 'sectors', 'purposes'] as const;

/** Each target takes only its own criteria (districtCodes serve both). Who may save a lead search is authScopes' (LEADS_READ: funders). */
function targetProblems(input: CreateInput): Problem[] {
  const leads = input.target === 'FINANCING_LEADS';
  return (leads ? OPPORTUNITY_FIELDS : LEAD_FIELDS)
    .filter((name) => input[name] != null)
    .map((name) =>
      userError('INVALID_VALUE', f(name), leads ? 'A FINANCING_LEADS search takes amountBands, sectors, purposes and districtCodes.' : 'Only a FINANCING_LEADS search takes this.'),
    );
}

builder.mutationFields((t) => ({
  savedSearchCreate: t.field({
    type: CreatePayload,
    description: `Saves a search for a partner: over opportunities (each new match raises saved_search.matched), or for a funder over financing leads (each newly stated need it matches, as the anonymised lead shows, raises saved_search.matched with only what the leads list shows). At most ${MAX_SAVED_SEARCHES} per partner. Members of the partner, or its API keys with OPPORTUNITIES_READ (FINANCING_LEADS: LEADS_READ, funders only).`,
    authScopes: (_root, { input }) => {
      const partnerId = idOf(String(input.partnerId), 'Partner') ?? NO_ID;
      return input.target === 'FINANCING_LEADS' ? policies.partnerActing(partnerId, SCOPE.LEADS_READ) : reader(partnerId);
    },
    args: { input: t.arg({ type: SavedSearchCreateInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const partnerId = idOf(String(input.partnerId), 'Partner')!;
      const districts = await checkDistrictCodes(ctx.prisma, input.districtCodes, f('districtCodes'));
      return runMutation(ctx, {
        region: NOT_REGIONAL,
        validate: () => [
          ...checkText(input.name, f('name'), { required: true, max: 100 }),
          ...targetProblems(input),
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
              target: input.target ?? 'OPPORTUNITIES',
              amountBands: [...new Set(input.amountBands ?? [])],
              sectors: [...new Set(input.sectors ?? [])],
              purposes: [...new Set(input.purposes ?? [])],
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
      return runMutation(ctx, { region: NOT_REGIONAL, run: (tx) => tx.savedSearch.delete({ where: { id: search.id } }) });
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
