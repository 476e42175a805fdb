import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/connection';
import { CEILINGS, sizeClass } from '@temu-bisnis/schema/domain/size-class';
import { openTestDatabase } from './support/database';

/**
 * What the database keeps for the directory's indexes. Enterprise.sizeClass is generated (migration
 * directory_sort_keys) so that the size-class filter reads an index: it must class every figure as
 * the domain does (PP 7/2021 art. 35, domain/size-class.ts), at each ceiling and just above it, on
 * both bases. Each product keeps its enterprise's name (migration product_sort_key), the order the
 * product filter reads a category's IKM in: it must follow the enterprise whoever writes.
 */
let db: Database;
beforeAll(async () => {
  db = await openTestDatabase({ seeded: true });
});
afterAll(() => db?.close());

const amounts = (Object.values(CEILINGS).flat().map((c) => c.max)).flatMap((max) => [max - 1n, max, max + 1n]);
const cases: [bigint | null, bigint | null][] = [
  [null, null],
  [0n, null],
  [null, 0n],
  ...amounts.map((a): [bigint | null, bigint | null] => [a, null]),
  ...amounts.map((a): [bigint | null, bigint | null] => [null, a]),
  // Sales decide when recorded, whatever the capital.
  ...amounts.map((a): [bigint | null, bigint | null] => [a, 20n * a]),
];

describe('the size class the database keeps', () => {
  it('is the domain\'s class at every ceiling of PP 7/2021 art. 35, on sales and on capital', async () => {
    const rows = await db.query<{ c: string | null }>(
      `SELECT size_class_of(t.turnover, t.capital)::text AS c FROM unnest($1::bigint[], $2::bigint[]) WITH ORDINALITY AS t(turnover, capital, n) ORDER BY t.n`,
      [cases.map(([t]) => t?.toString() ?? null), cases.map(([, c]) => c?.toString() ?? null)],
    );
    expect(rows.map((r) => r.c)).toEqual(cases.map(([annualTurnover, businessCapital]) => sizeClass({ annualTurnover, businessCapital }).sizeClass));
  });

  it('follows the figures it is derived from, and cannot be written', async () => {
    const district = await db.prisma.district.findFirstOrThrow();
    const e = await db.prisma.enterprise.create({
      data: { nib: '9999999999998', name: 'Uji Kelas Usaha', sector: 'CRAFT', districtId: district.id, foundedOn: new Date('2020-01-01'), businessCapital: CEILINGS.BUSINESS_CAPITAL[0]!.max },
    });
    expect(e.sizeClass).toBe('MICRO');
    const grown = await db.prisma.enterprise.update({ where: { id: e.id }, data: { annualTurnover: CEILINGS.ANNUAL_SALES[0]!.max + 1n } });
    expect(grown.sizeClass).toBe('SMALL');
    await expect(db.query(`UPDATE "Enterprise" SET "sizeClass" = 'LARGE' WHERE id = $1`, [e.id])).rejects.toThrow();
    expect((await db.prisma.enterprise.findUniqueOrThrow({ where: { id: e.id } })).sizeClass).toBe('SMALL');
  });
});

describe("the enterprise's name beside its products and KBLI codes", () => {
  it('is written when a product, a KBLI code or a certificate is added, follows a rename and a move, and cannot be written wrong', async () => {
    const [a, b] = await db.prisma.enterprise.findMany({ take: 2, orderBy: { nib: 'asc' }, select: { id: true, name: true } });
    const product = await db.prisma.enterpriseProduct.create({ data: { enterpriseId: a!.id, name: 'Uji', category: 'uji-urut', monthlyCapacity: 1, unit: 'pcs' } });
    expect(product.enterpriseName).toBe(a!.name);
    await db.prisma.enterprise.update({ where: { id: a!.id }, data: { name: 'Zz Nama Baru' } });
    const names = async () => (await db.prisma.enterpriseProduct.findMany({ where: { enterpriseId: a!.id }, select: { enterpriseName: true } })).map((p) => p.enterpriseName);
    expect(new Set(await names())).toEqual(new Set(['Zz Nama Baru']));
    await db.prisma.enterpriseProduct.update({ where: { id: product.id }, data: { enterpriseName: 'Salah' } });
    expect((await db.prisma.enterpriseProduct.findUniqueOrThrow({ where: { id: product.id } })).enterpriseName).toBe('Zz Nama Baru');
    await db.prisma.enterpriseProduct.update({ where: { id: product.id }, data: { enterpriseId: b!.id } });
    expect((await db.prisma.enterpriseProduct.findUniqueOrThrow({ where: { id: product.id } })).enterpriseName).toBe(b!.name);
    // The same for KBLI codes (migration kbli_sort_key).
    const code = await db.prisma.enterpriseKbli.create({ data: { enterpriseId: a!.id, code: '99999', version: 'KBLI_2020' } });
    expect(code.enterpriseName).toBe('Zz Nama Baru');
    await db.prisma.enterprise.update({ where: { id: a!.id }, data: { name: 'Zz Nama Lagi' } });
    expect((await db.prisma.enterpriseKbli.findUniqueOrThrow({ where: { id: code.id } })).enterpriseName).toBe('Zz Nama Lagi');
    await db.prisma.enterpriseKbli.update({ where: { id: code.id }, data: { enterpriseName: 'Salah' } });
    expect((await db.prisma.enterpriseKbli.findUniqueOrThrow({ where: { id: code.id } })).enterpriseName).toBe('Zz Nama Lagi');
    // And for certificates (migration certification_sort_key).
    await db.prisma.certification.deleteMany({ where: { enterpriseId: a!.id, kind: 'GREEN_INDUSTRY' } });
    const certificate = await db.prisma.certification.create({ data: { enterpriseId: a!.id, kind: 'GREEN_INDUSTRY' } });
    expect(certificate.enterpriseName).toBe('Zz Nama Lagi');
    await db.prisma.enterprise.update({ where: { id: a!.id }, data: { name: 'Zz Nama Ketiga' } });
    expect((await db.prisma.certification.findUniqueOrThrow({ where: { id: certificate.id } })).enterpriseName).toBe('Zz Nama Ketiga');
    await db.prisma.certification.update({ where: { id: certificate.id }, data: { enterpriseName: 'Salah' } });
    expect((await db.prisma.certification.findUniqueOrThrow({ where: { id: certificate.id } })).enterpriseName).toBe('Zz Nama Ketiga');
  });
});
