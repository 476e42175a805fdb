import { builder } from '../builder';
import { RegencyKind } from '../generated/prisma/enums';

const RegencyKindEnum = builder.enumType(RegencyKind, {
  name: 'RegencyKind',
  description: 'Kind of a kabupaten/kota. Kemendagri numbers kabupaten from 01 and kota from 71 within a province (e.g. 33.21 Kabupaten Demak, 33.74 Kota Semarang).',
});

builder.prismaNode('Regency', {
  description: 'A kabupaten or kota (regency or city) of Provinsi Jawa Tengah, the second level of Kemendagri regions.',
  id: { field: 'id' },
  nullable: true,
  select: { id: true },
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Kemendagri area code (kode wilayah), e.g. "33.74" for Kota Semarang.' }),
    name: t.exposeString('name', { description: 'Official name with its kind, e.g. "Kota Semarang", "Kabupaten Demak".' }),
    kind: t.expose('kind', { type: RegencyKindEnum, description: 'KABUPATEN or KOTA.' }),
    provinceCode: t.exposeString('provinceCode', { description: 'Kemendagri code of the province: "33" for Jawa Tengah.' }),
    districts: t.relatedConnection('districts', {
      description: 'Its kecamatan, by Kemendagri code.',
      cursor: 'id',
      query: { orderBy: [{ code: 'asc' }] },
      totalCount: true,
    }),
  }),
});
