import { builder } from '../builder';
import { neighboursOf } from '../domain/consortium/neighbourhood';
import '../regency/types';

export const DistrictRef = builder.prismaNode('District', {
  description: 'A kecamatan (district) of Jawa Tengah.',
  id: { field: 'id' },
  nullable: true,
  select: { id: true },
  fields: (t) => ({
    code: t.exposeString('code', {
      description: 'Kemendagri area code (kode wilayah), NN.NN.NN: its kabupaten/kota code and a number, e.g. 33.74.12 (Gunungpati, Kota Semarang).',
    }),
    name: t.exposeString('name', { description: 'Name of the kecamatan, e.g. Gunungpati; unique within its kabupaten/kota only.' }),
    regency: t.relation('regency', { description: 'The kabupaten/kota it belongs to.' }),
    neighbourCodes: t.stringList({
      description: 'Kemendagri codes of the kecamatan sharing a land border with this one, known for Kota Semarang only (its administrative map); empty elsewhere: "nearby" for an ad-hoc consortium.',
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
