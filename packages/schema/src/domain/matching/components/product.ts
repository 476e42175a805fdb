import { capitalise, categoryText, listText } from '../text';
import { type Component, evaluation } from './common';

/** Product-category fit: the IKM makes at least one category the counterpart seeks. */
export const productFit: Component = (enterprise, ask) => {
  const sought = ask.productCategories;
  if (sought.length === 0) {
    return evaluation('PRODUCT', 1, `${capitalise(ask.noun)} names no product category, so any product fits.`);
  }
  const made = [...new Set(enterprise.products.map((p) => p.category))];
  const matched = made.filter((c) => sought.includes(c));
  if (matched.length > 0) {
    return evaluation('PRODUCT', 1, `Makes ${listText(matched.map(categoryText))}, which ${ask.noun} seeks.`);
  }
  const makes = made.length > 0 ? `it makes ${listText(made.map(categoryText))}` : 'it records no products';
  return evaluation(
    'PRODUCT',
    0,
    `Makes none of the categories ${ask.noun} seeks (${listText(sought.map(categoryText))}); ${makes}.`,
  );
};
