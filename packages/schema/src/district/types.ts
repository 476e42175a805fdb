import { builder } from '../builder';
import { neighboursOf } from '../domain/consortium/neighbourhood';

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
    neighbourCodes: t.stringList({
      description: 'Kemendagri codes of the kecamatan sharing a land border with this one (the administrative map of Kota Semarang): "nearby" for an ad-hoc consortium.',
      select: { code: true },
      resolve: (district) => [...neighboursOf(district.code)],
    }),
    sentra: t.relatedConnection('sentra', {
      description: 'The Sentra IKM (industry clusters) whose landmark is in this kecamatan.',
      cursor: 'id',
      query: { orderBy: [{ name: 'asc' }, { id: 'asc' }] },
    }),
  }),
});
