import { builder } from '../builder';
import { batchLoader } from '../common/batch';
import { argumentsKey } from '../common/request-cache';
import type { Context } from '../context';
import { MatchInterface, type MatchShape } from './types';

/**
 * The counterparts of a page of matches, loaded with ONE statement per selection: every
 * `enterprise { … }` (or `partner { … }`) of the page is planned by the Prisma plugin from the
 * query document, and the rows of the page are fetched together with `id IN (…)`, their nested
 * relations included. Sibling matches ask with the same selection, so they join one batch; the
 * number of statements does not grow with the page size.
 */

type Model = 'enterprise' | 'partner';
type Query = { include?: unknown; select?: Record<string, unknown> };

function selectionKey(query: Query): string {
  return argumentsKey(query);
}

function loadCounterpart(ctx: Context, model: Model, query: Query, id: string): Promise<unknown> {
  const key = selectionKey(query);
  const load = batchLoader<unknown>(ctx, `matching:${model}:${key}`, async (ids) => {
    // A select-mode query must still return the id, to hand each row to its match.
    const shaped = query.select ? { ...query, select: { ...query.select, id: true } } : query;
    const args = { ...shaped, where: { id: { in: ids } } };
    const rows = (
      model === 'enterprise'
        ? await ctx.prisma.enterprise.findMany(args as Parameters<typeof ctx.prisma.enterprise.findMany>[0])
        : await ctx.prisma.partner.findMany(args as Parameters<typeof ctx.prisma.partner.findMany>[0])
    ) as { id: string }[];
    return new Map(rows.map((row) => [row.id, row]));
  });
  return load(id).then((row) => {
    if (row === undefined) throw new Error(`The ${model} ${id} of this match is no longer in the registry.`);
    return row;
  });
}

export type MatchOf<K extends 'ENTERPRISE' | 'PARTNER'> = MatchShape & { kind: K };

export const EnterpriseMatchRef = builder.objectRef<MatchOf<'ENTERPRISE'>>('EnterpriseMatch').implement({
  description:
    'An IKM recommended to a partner or for an opportunity: the explained score and the enterprise itself (its public profile; private fields follow their own rules).',
  interfaces: [MatchInterface],
  isTypeOf: (value) => (value as { kind?: string }).kind === 'ENTERPRISE',
  fields: (t) => ({
    enterprise: t.prismaField({
      type: 'Enterprise',
      description: 'The recommended IKM.',
      resolve: (query, match, _args, ctx) => loadCounterpart(ctx, 'enterprise', query as Query, match.id) as never,
    }),
  }),
});

export const PartnerMatchRef = builder.objectRef<MatchOf<'PARTNER'>>('PartnerMatch').implement({
  description: 'A partner recommended to an IKM: the explained score and the partner organisation itself.',
  interfaces: [MatchInterface],
  isTypeOf: (value) => (value as { kind?: string }).kind === 'PARTNER',
  fields: (t) => ({
    partner: t.prismaField({
      type: 'Partner',
      description: 'The recommended partner organisation.',
      resolve: (query, match, _args, ctx) => loadCounterpart(ctx, 'partner', query as Query, match.id) as never,
    }),
  }),
});

export const EnterpriseMatchConnection = builder.connectionObject(
  {
    type: EnterpriseMatchRef,
    name: 'EnterpriseMatchConnection',
    description:
      'A page of recommended IKM, best first: score descending, then id ascending. Cursors hold the (score, id) place of a match, so `after` resumes right after it even when IKM were added or changed since.',
    fields: (t) => ({
      totalCount: t.int({
        description:
          'How many IKM are ranked (candidates left after the filter; with filter.minScore, those scoring at least that), across all pages: exact whenever every candidate that could rank was read or there are at most 10,000 candidates; above, estimated from a sample of the registry (about 10,000 IKM, or 2,000 scored with filter.minScore; the same sample on every page): within a few percent, less close for matches that are rare.',
        resolve: (c) => (c as unknown as { totalCount: number }).totalCount,
      }),
    }),
  },
  { name: 'EnterpriseMatchEdge', description: 'A recommended IKM with its cursor.' },
);

export const PartnerMatchConnection = builder.connectionObject(
  {
    type: PartnerMatchRef,
    name: 'PartnerMatchConnection',
    description:
      'A page of recommended partners, best first: score descending, then id ascending. Cursors hold the (score, id) place of a match and survive new data.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many partners are ranked, across all pages.',
        resolve: (c) => (c as unknown as { totalCount: number }).totalCount,
      }),
    }),
  },
  { name: 'PartnerMatchEdge', description: 'A recommended partner with its cursor.' },
);
