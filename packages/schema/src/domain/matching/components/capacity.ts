import { capitalise, categoryText, formatCount, listText } from '../text';
import { type Component, evaluation } from './common';

/**
 * Capacity against the volume asked: full credit when a month of production covers it, otherwise
 * the share it covers. Only products of the categories sought count, and only in the unit asked;
 * when the counterpart names no unit, the unit the IKM makes most of stands for its capacity,
 * since kilograms and pieces cannot be added.
 */
export const capacityFit: Component = (enterprise, ask) => {
  const { volume, noun } = ask;
  if (volume === null) {
    return evaluation('CAPACITY', 1, `${capitalise(noun)} asks no minimum volume.`);
  }
  const sought = ask.productCategories;
  const unitAsked = volume.unit?.trim().toLowerCase() ?? null;
  const byUnit = new Map<string, { capacity: number; categories: Set<string> }>();
  for (const p of enterprise.products) {
    const unit = p.unit.trim().toLowerCase();
    if ((sought.length === 0 || sought.includes(p.category)) && (unitAsked === null || unit === unitAsked)) {
      const entry = byUnit.get(unit) ?? { capacity: 0, categories: new Set<string>() };
      entry.capacity += p.monthlyCapacity;
      entry.categories.add(categoryText(p.category));
      byUnit.set(unit, entry);
    }
  }
  const best = [...byUnit].reduce<[string, { capacity: number; categories: Set<string> }] | null>(
    (top, entry) => (top === null || entry[1].capacity > top[1].capacity ? entry : top),
    null,
  );
  const asked = volume.perMonth
    ? `${noun}'s minimum of ${formatCount(volume.quantity)} a month${volume.upTo === null ? '' : ` (it takes up to ${formatCount(volume.upTo)})`}`
    : `the ${formatCount(volume.quantity)} ${volume.unit ?? 'units'} ${noun} asks for`;
  if (best === null) {
    const what = sought.length > 0 ? listText(sought.map(categoryText)) : 'products';
    return evaluation(
      'CAPACITY',
      0,
      `Makes no ${what}${unitAsked === null ? '' : ` counted in ${unitAsked}`}, so nothing covers ${asked}.`,
    );
  }
  const [unit, { capacity, categories }] = best;
  const has = `Monthly capacity (kapasitas produksi) of ${formatCount(capacity)} ${unit} of ${listText([...categories])}`;
  if (capacity >= volume.quantity) return evaluation('CAPACITY', 1, `${has} meets ${asked}.`);
  const share = capacity / volume.quantity;
  // Floor, not round: 199 of 200 must not read as 100%.
  return evaluation('CAPACITY', share, `${has} covers ${Math.floor(share * 100)}% of ${asked}.`);
};
