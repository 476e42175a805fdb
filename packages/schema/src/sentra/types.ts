import { builder } from '../builder';
import { ProgramStageEnum, SectorEnum } from '../common/enums';
import './aggregates';

/** The members a sentra lists and counts by default: archived records are left out, as in `enterprises`. */
const memberWhere = (includeArchived: boolean) => (includeArchived ? {} : { status: 'ACTIVE' as const });

export const SentraRef = builder.prismaNode('Sentra', {
  description:
    'A Sentra IKM: a cluster of small and medium industries (industri kecil dan menengah) with a landmark in its kecamatan, kept by Disperin Kota Semarang.',
  id: { field: 'id' },
  nullable: true,
  // Select mode: Pothos asks Prisma only for the columns a query needs (a sentra nested under 50
  // opportunities need not carry its description). Fields that read other columns say so.
  select: { id: true },
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable short name used in URLs, e.g. kampung-batik-malon.' }),
    name: t.exposeString('name', { description: 'Name of the sentra.' }),
    description: t.exposeString('description', { description: 'What the sentra makes and who works there.' }),
    landmark: t.exposeString('landmark', { description: 'The landmark that identifies the sentra in its kecamatan.' }),
    district: t.relation('district', { description: 'The kecamatan the sentra is in.' }),
    sector: t.expose('sector', { type: SectorEnum, description: 'Main sector of the sentra.' }),
    flagshipProducts: t.exposeStringList('flagshipProducts', {
      description: 'Flagship products (produk unggulan).',
    }),
    programStage: t.expose('programStage', {
      type: ProgramStageEnum,
      description: 'Stage in the Disperin empowerment programme.',
    }),
    members: t.relatedConnection(
      'members',
      {
        cursor: 'id',
        totalCount: true,
        description:
          'The member enterprises (IKM) of the sentra, by name. Archived records are left out unless includeArchived, as in `enterprises`.',
        args: {
          includeArchived: t.arg.boolean({
            defaultValue: false,
            description: 'Include members whose record Disperin has archived.',
          }),
        },
        query: (args) => ({
          where: memberWhere(args.includeArchived ?? false),
          orderBy: [{ name: 'asc' as const }, { id: 'asc' as const }],
        }),
      },
      {
        name: 'SentraMemberConnection',
        description: 'A page of the member enterprises of a sentra, with their total number.',
        fields: (c) => ({
          totalCount: c.int({
            description: 'How many members the sentra has (with the includeArchived of the field), on all pages together.',
            extensions: { pothosPrismaTotalCount: true },
            resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount,
          }),
        }),
      },
      { name: 'SentraMemberEdge', description: 'A member enterprise in a page, with its cursor.' },
    ),
    isDemo: t.exposeBoolean('isDemo', { description: 'True for demonstration data from the seed.' }),
  }),
});
