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
  if (volume === null || volume.quantity <= 0) {
    return evaluation('CAPACITY', 1, `${capitalise(noun)} asks no minimum volume.`);
  }
  const sought = ask.productCategories;
  const unitAsked = volume.unit?.trim().toLowerCase() ?? null;
  const totals = new Map<string, number>();
  for (const p of enterprise.products) {
    const unit = p.unit.trim().toLowerCase();
    if ((sought.length === 0 || sought.includes(p.category)) && (unitAsked === null || unit === unitAsked)) {
      totals.set(unit, (totals.get(unit) ?? 0) + p.monthlyCapacity);
    }
  }
  const [unit, capacity] = [...totals].reduce<[string, number] | [null, 0]>(
    (best, entry) => (entry[1] > best[1] ? entry : best),
    [null, 0],
  );
  const asked = volume.perMonth
    ? `${noun}'s minimum of ${formatCount(volume.quantity)} a month${volume.upTo === null ? '' : ` (it takes up to ${formatCount(volume.upTo)})`}`
    : `the ${formatCount(volume.quantity)} ${volume.unit ?? 'units'} ${noun} asks for`;
  const of = sought.length > 0 ? ` of ${listText(sought.map(categoryText))}` : '';
  if (unit === null) {
    const what = unitAsked === null ? `no products${of}` : `no products${of} counted in ${unitAsked}`;
    return evaluation('CAPACITY', 0, `Makes ${what}, so nothing covers ${asked}.`);
  }
  const has = `Monthly capacity (kapasitas produksi) of ${formatCount(capacity)} ${unit}${of}`;
  if (capacity >= volume.quantity) return evaluation('CAPACITY', 1, `${has} meets ${asked}.`);
  const share = capacity / volume.quantity;
  // Floor, not round: 199 of 200 must not read as 100%.
  return evaluation('CAPACITY', share, `${has} covers ${Math.floor(share * 100)}% of ${asked}.`);
};
