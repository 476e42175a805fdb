import { builder } from '../builder';
import { ProgramStageEnum, SectorEnum } from '../common/enums';

export const SentraRef = builder.prismaNode('Sentra', {
  description:
    'A Sentra IKM: a cluster of small and medium industries (industri kecil dan menengah) with a landmark in its kecamatan, kept by Disperin Kota Semarang.',
  id: { field: 'id' },
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
    memberCount: t.relationCount('members', {
      description: 'Number of member enterprises (IKM) registered in the sentra.',
    }),
    isDemo: t.exposeBoolean('isDemo', { description: 'True for demonstration data from the seed.' }),
  }),
});
