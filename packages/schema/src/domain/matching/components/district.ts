import { capitalise, formatCount } from '../text';
import { type Component, evaluation } from './common';

/**
 * Proximity. A counterpart that lists kecamatan serves only those, so outside them nothing counts.
 * Inside, nearer is better: the same kecamatan (said as the same Sentra IKM when both are in one,
 * since a sentra lies in one kecamatan), then a kecamatan it chose to serve, and last a city-wide
 * counterpart, which is no closer to this IKM than to any other.
 */
export const DISTRICT_LEVEL = { SAME_KECAMATAN: 1, SERVED: 0.75, WHOLE_CITY: 0.6 } as const;

export const districtFit: Component = (enterprise, ask) => {
  const { districtCodes: served, location, noun } = ask;
  const here = enterprise.districtName;
  if (served.length > 0 && !served.includes(enterprise.districtCode)) {
    const count = served.length === 1 ? 'the one kecamatan' : `the ${formatCount(served.length)} kecamatan`;
    return evaluation('DISTRICT', 0, `${here} is outside ${count} ${noun} serves.`);
  }
  if (enterprise.sentra !== null && location.sentraId === enterprise.sentra.id) {
    return evaluation(
      'DISTRICT',
      DISTRICT_LEVEL.SAME_KECAMATAN,
      `Both are in the same Sentra IKM (${enterprise.sentra.name}) in ${here}.`,
    );
  }
  if (location.districtCode === enterprise.districtCode) {
    return evaluation('DISTRICT', DISTRICT_LEVEL.SAME_KECAMATAN, `Same kecamatan (${here}) as ${noun}.`);
  }
  if (served.length > 0) {
    const among = served.length === 1 ? ' only' : `, one of the ${formatCount(served.length)} kecamatan it lists`;
    return evaluation('DISTRICT', DISTRICT_LEVEL.SERVED, `${capitalise(noun)} serves ${here}${among}.`);
  }
  return evaluation(
    'DISTRICT',
    DISTRICT_LEVEL.WHOLE_CITY,
    `${capitalise(noun)} serves the whole city (Kota Semarang), ${here} included.`,
  );
};
