import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../../schema/src/common/mutation';
import { concurrently } from './support/concurrently';
import { sentraCapacityMismatches, sentraMemberFigureMismatches } from './support/sentra-figures';
import { startTestServer, type TestServer } from './support/server';
import { testDatabaseKind } from './support/templates';

/**
 * SentraCapacity, SentraSizeClassCount and SentraOpenOpportunity, kept by the database's triggers
 * (migrations sentra_capacity and sentra_member_figures): after every kind of write to products,
 * members and opportunities they hold what computing the figures again gives, and the Sentra
 * fields read them.
 */
let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ seeded: true });
});
afterAll(() => api.close());

describe('the figures kept per sentra', () => {
  it('equal a recomputation after the seed, and after inserts, updates, moves, archiving and deletes', async () => {
    const prisma = api.db.prisma;
    expect(await prisma.sentraCapacity.count()).toBeGreaterThan(0);
    expect(await sentraCapacityMismatches(api.db)).toEqual([]);
    expect(await prisma.sentraSizeClassCount.count()).toBeGreaterThan(0);
    expect(await prisma.sentraOpenOpportunity.count()).toBeGreaterThan(0);
    expect(await sentraMemberFigureMismatches(api.db)).toEqual([]);

    const [home, other] = await prisma.sentra.findMany({ orderBy: { slug: 'asc' }, take: 2 });
    const members = await prisma.enterprise.findMany({ where: { sentraId: home!.id, status: 'ACTIVE' }, orderBy: { id: 'asc' }, take: 3 });
    expect(members).toHaveLength(3);
    const [a, b, c] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]];
    const opportunity = (enterpriseId: string, title: string, validUntil: string) =>
      prisma.opportunity.create({
        data: { kind: 'SELL_OFFER', title, enterpriseId, validFrom: new Date('2026-01-01'), validUntil: new Date(validUntil), searchText: title.toLowerCase() },
      });
    const steps: [string, () => Promise<unknown>][] = [
      ['opportunities posted, one of them passed', () => Promise.all([opportunity(a.id, 'Zz Tawar A', '2099-01-01'), opportunity(c.id, 'Zz Tawar C', '2000-01-01')])],
      ['opportunity extended', () => prisma.opportunity.updateMany({ where: { title: 'Zz Tawar C' }, data: { validUntil: new Date('2098-06-30T10:00:00.123Z') } })],
      ['opportunity of another member', () => prisma.opportunity.updateMany({ where: { title: 'Zz Tawar C' }, data: { enterpriseId: b.id } })],
      ['opportunity fulfilled', () => prisma.opportunity.updateMany({ where: { title: 'Zz Tawar A' }, data: { status: 'FULFILLED' } })],
      ['opportunity reopened', () => prisma.opportunity.updateMany({ where: { title: 'Zz Tawar A' }, data: { status: 'OPEN' } })],
      ['figures that change a size class', () => prisma.enterprise.update({ where: { id: a.id }, data: { annualTurnover: 40_000_000_000n, businessCapital: null } })],
      ['figures removed (unclassified)', () => prisma.enterprise.update({ where: { id: c.id }, data: { annualTurnover: null, businessCapital: null } })],
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
              opportunities: { create: { kind: 'SELL_OFFER', title: 'Zz Tawar D', validFrom: new Date('2026-01-01'), validUntil: new Date('2099-01-01') } },
              products: { create: [{ name: 'Zz lima', category: 'zz-uji', monthlyCapacity: 9, unit: 'KG' }, { name: 'Zz enam', category: 'zz-lain', monthlyCapacity: 2, unit: 'pcs' }] },
            },
          }),
      ],
      ['member deleted with its products, its opportunity left without it', () => prisma.enterprise.delete({ where: { nib: '9999999999998' } })],
      ['opportunity deleted', () => prisma.opportunity.deleteMany({ where: { title: 'Zz Tawar A' } })],
    ];
    for (const [step, write] of steps) {
      await write();
      expect(await sentraCapacityMismatches(api.db), step).toEqual([]);
      expect(await sentraMemberFigureMismatches(api.db), step).toEqual([]);
    }
    // No row stays behind at no member or opportunity, and the fields read the kept rows.
    expect(await prisma.sentraCapacity.count({ where: { enterprises: { lte: 0 } } })).toBe(0);
    expect(await prisma.sentraOpenOpportunity.count({ where: { opportunities: { lte: 0 } } })).toBe(0);
    const res = await api.gql<{ sentra: { nodes: { capacityByCategory: { category: string }[] }[] } }>(
      `{ sentra(first: 100) { nodes { capacityByCategory { category unit totalMonthlyCapacity enterpriseCount } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.sentra.nodes.flatMap((s) => s.capacityByCategory).length).toBe(await prisma.sentraCapacity.count());
  });
});

// PGlite runs one transaction at a time.
describe.skipIf(testDatabaseKind !== 'postgres')('the figures kept per sentra under concurrent transactions (PostgreSQL)', () => {
  it("count a member once when two add its first product of a category and unit, out when two remove its last, and in the sentra it moved to while another wrote its products and opportunities", async () => {
    const prisma = api.db.prisma;
    const member = await prisma.enterprise.findFirstOrThrow({ where: { sentraId: { not: null }, status: 'ACTIVE' }, orderBy: { id: 'asc' } });
    const home = member.sentraId!;
    const other = await prisma.sentra.findFirstOrThrow({ where: { id: { not: home } }, orderBy: { slug: 'asc' } });
    // Capacity 0 in a category the member already makes: its match keys stay, so no write of the
    // member's row (which would make the second wait) comes with the products.
    const product = (tx: Pick<Tx, 'enterpriseProduct'>, name: string, unit: string) =>
      tx.enterpriseProduct.create({ data: { enterpriseId: member.id, name, category: 'zz-balap', monthlyCapacity: 0, unit } });
    const opportunity = (tx: Tx, title: string) =>
      tx.opportunity.create({
        data: { kind: 'SELL_OFFER', title, enterpriseId: member.id, validFrom: new Date('2026-01-01'), validUntil: new Date('2099-01-01'), searchText: title.toLowerCase() },
      });
    const move = (sentraId: string) => (tx: Tx) => tx.enterprise.update({ where: { id: member.id }, data: { sentraId } });
    await product(prisma, 'Zz balap kg', 'kg');
    const races: [string, (tx: Tx) => Promise<unknown>, (tx: Tx) => Promise<unknown>][] = [
      ['first products of a unit, twice', (tx) => product(tx, 'Zz balap 1', 'pcs'), (tx) => product(tx, 'Zz balap 2', 'pcs')],
      ['last products of the unit removed', (tx) => tx.enterpriseProduct.deleteMany({ where: { name: 'Zz balap 1' } }), (tx) => tx.enterpriseProduct.deleteMany({ where: { name: 'Zz balap 2' } })],
      ['member moved, then a product and an opportunity', move(other.id), async (tx) => [await product(tx, 'Zz balap 3', 'lembar'), await opportunity(tx, 'Zz balap A')]],
      ['a product and an opportunity, then the member moved back', async (tx) => [await product(tx, 'Zz balap 4', 'ikat'), await opportunity(tx, 'Zz balap B')], move(home)],
    ];
    for (const [race, first, second] of races) {
      await concurrently(api.db, first, second);
      expect(await sentraCapacityMismatches(api.db), race).toEqual([]);
      expect(await sentraMemberFigureMismatches(api.db), race).toEqual([]);
    }
  });
});
