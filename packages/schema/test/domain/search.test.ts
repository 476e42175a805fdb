import { describe, expect, it } from 'vitest';
import { enterpriseSearchText, searchWords } from '../../src/domain/search';

describe('searchWords', () => {
  it('folds case and accents the way searchText is folded, so a typed word meets the stored one', () => {
    expect(searchWords('  Café  BATIK-Tulis ')).toEqual(['cafe', 'batik', 'tulis']);
    const stored = enterpriseSearchText({ name: 'Kopi Gayo Café', description: '' }, [], null).split(' ');
    for (const word of searchWords('KOPI café')) expect(stored).toContain(word);
  });

  it('keeps letters and digits only: no LIKE wildcard, quote or query syntax survives', () => {
    expect(searchWords("50% _kain'; DROP TABLE x; -- a&b|!c:*")).toEqual(['50', 'kain', 'drop', 'table', 'x', 'a', 'b', 'c']);
    expect(searchWords('%_&|!:*-')).toEqual([]);
  });

  it('keeps at most 8 words', () => {
    expect(searchWords('a b c d e f g h i j')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  });
});
