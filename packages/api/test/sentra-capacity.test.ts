import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentraCapacityMismatches } from './support/sentra-capacity';
import { startTestServer, type TestServer } from './support/server';

/**
 * SentraCapacity, kept by the database's triggers (migration sentra_capacity): after every kind of
 * write to products and members it holds what summing the products again gives, and so does
 * Sentra.capacityByCategory.
 */
let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ seeded: true });
});
afterAll(() => api.close());

describe('the capacities kept per sentra, category and unit', () => {
  it('equal a recomputation after the seed, and after inserts, updates, moves, archiving and deletes', async () => {
    const prisma = api.db.prisma;
    expect(await prisma.sentraCapacity.count()).toBeGreaterThan(0);
    expect(await sentraCapacityMismatches(api.db)).toEqual([]);

    const [home, other] = await prisma.sentra.findMany({ orderBy: { slug: 'asc' }, take: 2 });
    const members = await prisma.enterprise.findMany({ where: { sentraId: home!.id, status: 'ACTIVE' }, orderBy: { id: 'asc' }, take: 3 });
    expect(members).toHaveLength(3);
    const [a, b, c] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]];
    const steps: [string, () => Promise<unknown>][] = [
      // Two products of one category in " KG " and "kg" (one unit), and a new category, in one statement.
      [
        'insert',
        () =>
          prisma.enterpriseProduct.createMany({
            data: [
              { enterpriseId: a.id, name: 'Zz satu', category: 'zz-uji', monthlyCapacity: 10, unit: ' KG ' },
              { enterpriseId: a.id, name: 'Zz dua', category: 'zz-uji', monthlyCapacity: 5, unit: 'kg' },
              { enterpriseId: b.id, name: 'Zz tiga', category: 'zz-uji', monthlyCapacity: 7, unit: 'pcs' },
              { enterpriseId: c.id, name: 'Zz empat', category: 'zz-uji', monthlyCapacity: 1, unit: 'kg' },
            ],
          }),
      ],
      ['capacity changed', () => prisma.enterpriseProduct.updateMany({ where: { name: 'Zz satu' }, data: { monthlyCapacity: 40 } })],
      ['unit changed', () => prisma.enterpriseProduct.updateMany({ where: { name: 'Zz dua' }, data: { unit: 'lembar' } })],
      ['category changed', () => prisma.enterpriseProduct.updateMany({ where: { name: 'Zz tiga' }, data: { category: 'zz-lain' } })],
      ['product moved to another member', () => prisma.enterpriseProduct.updateMany({ where: { name: 'Zz empat' }, data: { enterpriseId: b.id } })],
      ['nothing counted changed', () => prisma.enterpriseProduct.updateMany({ where: { enterpriseId: a.id }, data: { unitPrice: 1000n } })],
      ['member moved to another sentra', () => prisma.enterprise.update({ where: { id: a.id }, data: { sentraId: other!.id } })],
      ['member archived', () => prisma.enterprise.update({ where: { id: b.id }, data: { status: 'ARCHIVED' } })],
      ['product of an archived member changed', () => prisma.enterpriseProduct.updateMany({ where: { enterpriseId: b.id }, data: { monthlyCapacity: 3 } })],
      ['member restored', () => prisma.enterprise.update({ where: { id: b.id }, data: { status: 'ACTIVE' } })],
      ['member left every sentra', () => prisma.enterprise.update({ where: { id: c.id }, data: { sentraId: null } })],
      ['all members of a sentra moved in one statement', () => prisma.enterprise.updateMany({ where: { sentraId: home!.id }, data: { sentraId: other!.id } })],
      ['product deleted', () => prisma.enterpriseProduct.deleteMany({ where: { name: 'Zz satu' } })],
      [
        'member created with its products',
        () =>
          prisma.enterprise.create({
            data: {
              nib: '9999999999998', name: 'Zzhapus Sentra', sector: 'CRAFT', districtId: other!.districtId, sentraId: other!.id, foundedOn: new Date('2020-01-01'), searchText: 'zzhapus sentra',
              products: { create: [{ name: 'Zz lima', category: 'zz-uji', monthlyCapacity: 9, unit: 'KG' }, { name: 'Zz enam', category: 'zz-lain', monthlyCapacity: 2, unit: 'pcs' }] },
            },
          }),
      ],
      ['member deleted with its products', () => prisma.enterprise.delete({ where: { nib: '9999999999998' } })],
    ];
    for (const [step, write] of steps) {
      await write();
      expect(await sentraCapacityMismatches(api.db), step).toEqual([]);
    }
    // No row stays behind at no member, and the field reads the kept rows.
    expect(await prisma.sentraCapacity.count({ where: { enterprises: { lte: 0 } } })).toBe(0);
    const res = await api.gql<{ sentra: { nodes: { capacityByCategory: { category: string }[] }[] } }>(
      `{ sentra(first: 100) { nodes { capacityByCategory { category unit totalMonthlyCapacity enterpriseCount } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.sentra.nodes.flatMap((s) => s.capacityByCategory).length).toBe(await prisma.sentraCapacity.count());
  });
});
