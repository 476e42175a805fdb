import { builder } from '../builder';
import { idOf } from '../common/global-id';
import { connectionNodesArePlanned } from '../common/planned-id';
import { parseNib } from '../domain/identifiers/nib';
import {
  EnterpriseFilter,
  EnterpriseOrder,
  enterpriseOrderBy,
  directoryWhere,
} from './filter';
import { enterpriseCount, plainEnterprisePage } from './directory-read';
import './types';
import { noRow } from '../common/no-row';
import { EXACT_COUNT_LIMIT } from '../common/counting';
import { HASHED_ROWS, SAMPLE_ROWS } from './combined-read';

builder.queryFields((t) => ({
  enterprise: t.prismaField({
    type: 'Enterprise',
    nullable: true,
    description:
      'An enterprise (IKM) by its global ID, archived ones included; null for an unknown ID or an ID of another type. Same as node(id:).',
    args: { id: t.arg.id({ required: true, description: 'Global ID of the enterprise.' }) },
    resolve: (query, _root, args, ctx) => {
      const id = idOf(String(args.id), 'Enterprise');
      return id ? ctx.prisma.enterprise.findUnique({ ...query, where: { id } }) : noRow(query);
    },
  }),
  enterpriseByNib: t.prismaField({
    type: 'Enterprise',
    nullable: true,
    description:
      'An enterprise (IKM) by its NIB (Nomor Induk Berusaha), archived ones included. Surrounding spaces are ignored; anything that is not 13 digits gives null.',
    args: { nib: t.arg.string({ required: true, description: 'The 13-digit NIB.' }) },
    resolve: (query, _root, args, ctx) => {
      const nib = parseNib(args.nib);
      return nib.ok ? ctx.prisma.enterprise.findUnique({ ...query, where: { nib: nib.value } }) : noRow(query);
    },
  }),
  enterprises: t.prismaConnection({
    type: 'Enterprise',
    cursor: 'id',
    defaultSize: 20,
    maxSize: 100,
    description:
      'The IKM registry of Jawa Tengah (most of it in Kota Semarang): filter (conditions combine with AND), sort and page. Archived enterprises are left out unless filter.includeArchived. An invalid filter value is a top-level BAD_USER_INPUT error naming the filter field; a valid filter that nothing matches gives an empty list.',
    args: {
      filter: t.arg({ type: EnterpriseFilter, description: 'Conditions; all must hold.' }),
      orderBy: t.arg({
        type: [EnterpriseOrder],
        description: 'Sort keys, the first one wins; ties are broken by ID so cursors are stable. Default: by name.',
      }),
    },
    totalCount: (_root, args, ctx) => enterpriseCount(args.filter, ctx),
    resolve: async (query, _root, args, ctx, info) =>
      // Planned nodes are read by the planner: their ids, where simple, through the driver.
      ((connectionNodesArePlanned(info.fieldNodes) ? ((await plainEnterprisePage(query, args.filter, args.orderBy, ctx, String(info.path.key))) as never[] | null) : null) ??
      ctx.prisma.enterprise.findMany({
        ...query,
        where: await directoryWhere(args.filter, ctx),
        orderBy: enterpriseOrderBy(args.orderBy),
      })),
  },
  {
    name: 'EnterpriseConnection',
    description: 'A page of enterprises (IKM), with the total number that match the filter.',
    fields: (c) => ({
      // Replaces the plugin's undescribed totalCount; the extension keeps its count-only fast path.
      totalCount: c.int({
        description: `How many enterprises match the filter, on all pages together: exact up to ${EXACT_COUNT_LIMIT.toLocaleString('en')}; above, PostgreSQL's estimate from its table statistics (usually within a few percent, never below ${(EXACT_COUNT_LIMIT + 1).toLocaleString('en')}), since counting a million IKM exactly would cost more than the page. A text search, or several conditions together (words of a search, products, a KBLI code, a certification, a kecamatan or kabupaten, a sector, a size class, a sentra), is counted from the condition fewest IKM meet: exact when at most ${SAMPLE_ROWS.toLocaleString('en')} IKM meet it, when each other condition is met by at most ${HASHED_ROWS.toLocaleString('en')} IKM or by no more than it, or when about 2,000 or fewer meet them all; else estimated from about ${SAMPLE_ROWS.toLocaleString('en')} of its IKM chosen at random, as the share that meet all the conditions times all of them (usually within 10 %). When every condition is met by over 100,000 IKM, and for a single word over 100,000 IKM have, the count is PostgreSQL's estimate. Products, a KBLI code or prefix, or a certification alone are exact up to ${EXACT_COUNT_LIMIT.toLocaleString('en')}, as other lists (a monthly capacity without a category is exact whenever at most 100,000 products reach it); so are a kecamatan or kabupaten with a sector or a size class.`,
        extensions: { pothosPrismaTotalCount: true },
        resolve: (connection) => (connection as unknown as { totalCount: () => Promise<number> }).totalCount(),
      }),
    }),
  },
  { name: 'EnterpriseEdge', description: 'An enterprise in a page, with its cursor.' }),
}));
