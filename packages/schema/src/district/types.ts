import { builder } from '../builder';

export const DistrictRef = builder.prismaNode('District', {
  description: 'A kecamatan (district) of Kota Semarang.',
  id: { field: 'id' },
  nullable: true,
  select: { id: true },
  fields: (t) => ({
    code: t.exposeString('code', {
      description: 'Kemendagri area code (kode wilayah), 33.74.01–33.74.16 for the 16 kecamatan of Kota Semarang.',
    }),
    name: t.exposeString('name', { description: 'Name of the kecamatan, e.g. Gunungpati.' }),
    sentra: t.relatedConnection('sentra', {
      description: 'The Sentra IKM (industry clusters) whose landmark is in this kecamatan.',
      cursor: 'id',
      query: { orderBy: [{ name: 'asc' }, { id: 'asc' }] },
    }),
  }),
});
