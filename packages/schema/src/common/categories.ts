import { badFilter } from './errors';

/** At most this many categories in one `productCategories` filter. */
export const MAX_FILTER_CATEGORIES = 20;

/**
 * The product categories a list filter asks for, lowercased and without repeats: `productCategory`
 * (one slug) or `productCategories` (any of several, so a distributor need not ask once per
 * category), not both. Null when neither is given. Throws BAD_USER_INPUT on the field at fault.
 */
export function filterCategories(filter: { productCategory?: string | null; productCategories?: readonly string[] | null }): string[] | null {
  const { productCategory: one, productCategories: many } = filter;
  if (one != null && many != null) throw badFilter('productCategories', 'give productCategory or productCategories, not both.');
  if (one != null) {
    if (one.trim() === '') throw badFilter('productCategory', 'must not be empty.');
    return [one.trim().toLowerCase()];
  }
  if (many == null) return null;
  if (many.length === 0) throw badFilter('productCategories', 'give at least one category, or leave the field out.');
  if (many.length > MAX_FILTER_CATEGORIES) throw badFilter('productCategories', `at most ${MAX_FILTER_CATEGORIES} categories.`);
  if (many.some((c) => c.trim() === '')) throw badFilter('productCategories', 'a category must not be empty.');
  return [...new Set(many.map((c) => c.trim().toLowerCase()))];
}
