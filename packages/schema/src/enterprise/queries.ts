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
import { ESTIMATED_WITHOUT_COUNTING, EXACT_COUNT_LIMIT } from '../common/counting';
import { HASHED_ROWS, MAX_DRIVING_ROWS, MERGED_SPREAD, SAMPLE_ROWS } from './combined-read';
import { SAMPLED_IKM } from './sampled-count';
import { MAX_WALKED_VALUES } from './sources';

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
        description: `How many enterprises match the filter, on all pages together: exact up to ${EXACT_COUNT_LIMIT.toLocaleString('en')}; above, an estimate (never below ${(EXACT_COUNT_LIMIT + 1).toLocaleString('en')}), since counting a million IKM exactly would cost more than the page. Conditions on an IKM's own record alone (a sector, a size class, a kecamatan or kabupaten, a sentra, a founding date, or none; also a kecamatan or kabupaten with a sector or a size class, and a sector with a size class) are estimated by PostgreSQL from its column statistics. Other filters are estimated from samples, since PostgreSQL counts an IKM's products, KBLI codes or words rather than the IKM, and takes two conditions as independent. A text search or several conditions are counted from the condition fewest IKM meet: exact when at most ${SAMPLE_ROWS.toLocaleString('en')} IKM meet it, when each other condition is met by at most ${HASHED_ROWS.toLocaleString('en')} IKM or by no more than it, or when about 2,000 or fewer meet them all; else the share of about ${SAMPLE_ROWS.toLocaleString('en')} of its IKM chosen at random that meet all the conditions, times all of them (usually within 10 %). When each condition is one a single index reads in name order (a KBLI code, a word that begins one word, a sector, a size class, a kecamatan, a sentra, a certification), met by at most ${MAX_DRIVING_ROWS.toLocaleString('en')} IKM and none by over ${MERGED_SPREAD} times the IKM of another, the count is exact up to ${EXACT_COUNT_LIMIT.toLocaleString('en')} when the condition fewest meet is met by at most ${ESTIMATED_WITHOUT_COUNTING.toLocaleString('en')} IKM or that share is at most ${(2 * EXACT_COUNT_LIMIT).toLocaleString('en')}; else that share. When every condition is met by over ${MAX_DRIVING_ROWS.toLocaleString('en')} IKM, when the condition fewest meet cannot be read in name order (a word that begins more than ${MAX_WALKED_VALUES} words, a KBLI prefix of more than ${MAX_WALKED_VALUES} codes) and over 1 % of its IKM match, and for products, a KBLI code or prefix or a certification alone, the count above ${EXACT_COUNT_LIMIT.toLocaleString('en')} is the share of a sample of the registry (about ${SAMPLED_IKM.toLocaleString('en')} IKM, the same on every request) that meets every condition, times all IKM: usually within 10 % when a twentieth of the registry or more matches, within 20 % when a fiftieth does (the sample reads whole pages, and IKM registered together are alike); an estimate of at most ${(2 * EXACT_COUNT_LIMIT).toLocaleString('en')} is counted instead, exact up to ${EXACT_COUNT_LIMIT.toLocaleString('en')}. A single whole word over ${MAX_DRIVING_ROWS.toLocaleString('en')} IKM have is PostgreSQL's estimate of that word's rows, one an IKM. A monthly capacity without a category is exact whenever at most 100,000 products reach it, else PostgreSQL's estimate.`,
        extensions: { pothosPrismaTotalCount: true },
        resolve: (connection) => (connection as unknown as { totalCount: () => Promise<number> }).totalCount(),
      }),
    }),
  },
  { name: 'EnterpriseEdge', description: 'An enterprise in a page, with its cursor.' }),
}));
