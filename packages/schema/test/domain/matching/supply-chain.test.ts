import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INPUT_SOURCE, SUPPLY_LINKS } from '../../../src/domain/matching';
import { fedPrefixes, inputCategoriesFeeding, supplyMatches } from '../../../src/domain/matching/supply-chain';

const seed = (file: string) => JSON.parse(readFileSync(new URL(`../../../../../prisma/seed-data/${file}`, import.meta.url), 'utf8'));
const catalogue: { lines: { id: string; kbli: string[]; inputs?: { category: string }[] }[] } = seed('catalogue.json');
const partners: { partners: { slug: string; kind: string; kbliPrefixes: string[]; productCategories: string[] }[] } = seed('partners.json');

const item = (category: string) => ({ item: category, kbli: INPUT_SOURCE[category] ?? null });

describe('the KBLI input–output table', () => {
  it('holds the links the design names', () => {
    const links = SUPPLY_LINKS.map((l) => `${l.from}→${l.to}`);
    expect(links).toEqual(expect.arrayContaining(['20→13', '24→25', '2222→10', '1702→10', '16→31', '02→13134']));
  });

  it('is written in KBLI prefixes of 2 to 5 digits', () => {
    for (const code of [...SUPPLY_LINKS.flatMap((l) => [l.from, l.to]), ...Object.values(INPUT_SOURCE)]) {
      expect(code).toMatch(/^[0-9]{2,5}$/);
    }
  });

  it('feeds the primary KBLI of every seeded product line from each of its known inputs', () => {
    const unknown = new Set<string>();
    for (const line of catalogue.lines) {
      for (const { category } of line.inputs ?? []) {
        if (!(category in INPUT_SOURCE)) {
          unknown.add(category);
          continue;
        }
        expect(supplyMatches([item(category)], line.kbli)[0]?.code, `${category} → ${line.id}`).toBe(line.kbli[0]);
      }
    }
    // Sewing accessories (buttons, zips, thread) span several KBLI classes, so the table leaves them out.
    expect([...unknown]).toEqual(['aksesoris-jahit']);
  });

  it('links every seeded supplier to an industry it says it serves', () => {
    const suppliers = partners.partners.filter((p) => p.kind === 'SUPPLIER');
    expect(suppliers.length).toBeGreaterThan(5);
    for (const s of suppliers) {
      expect(supplyMatches(s.productCategories.map(item), s.kbliPrefixes), s.slug).not.toEqual([]);
    }
  });

  it('answers both directions alike', () => {
    expect(fedPrefixes([item('kayu-olahan')])).toEqual(['162', '31', '32']);
    expect(inputCategoriesFeeding(['31001'])).toEqual(expect.arrayContaining(['kayu-olahan', 'finishing']));
    expect(inputCategoriesFeeding(['31001'])).not.toContain('kain-mori');
  });
});
