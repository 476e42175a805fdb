/**
 * Search text for Postgres full-text search with the 'simple' configuration (no stemming: Indonesian
 * words keep their affixes, which an English stemmer would mangle). Case and accents are folded here,
 * once, so "Kopi Gayo Aceh", "kopi gayo" and "Café" all meet the same tokens.
 */
export function searchText(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => !!p)
    .map(fold)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** An enterprise's search text: name, description, products with their categories, and its sentra. */
export function enterpriseSearchText(
  enterprise: { name: string; description: string },
  products: readonly { name: string; category: string }[],
  sentraName: string | null | undefined,
): string {
  return searchText(
    enterprise.name,
    enterprise.description,
    ...products.flatMap((p) => [p.name, p.category]),
    sentraName,
  );
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ');
}

const MAX_TERMS = 8;

/**
 * The words of what a person typed, folded like searchText: at most 8, each of letters and digits
 * only, so no query syntax, LIKE wildcard or SQL can be injected through them. Empty when nothing
 * searchable remains.
 */
export function searchWords(input: string): string[] {
  return fold(input).split(' ').filter(Boolean).slice(0, MAX_TERMS);
}

/**
 * The terms a search word is a prefix of, as a range of the C-collated term order: from the word
 * up to the word with its last character's code one higher. A range (unlike LIKE 'word%' with the
 * word as a parameter) lets a prepared statement's generic plan read the index.
 */
export function prefixRange(word: string): { gte: string; lt: string } {
  return { gte: word, lt: word.slice(0, -1) + String.fromCharCode(word.charCodeAt(word.length - 1) + 1) };
}
