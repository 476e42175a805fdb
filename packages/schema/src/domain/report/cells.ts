import { K_ANONYMITY } from '../anonymity';

/**
 * One figure of a report with the number of IKM it is built from. A cell built from fewer than
 * K_ANONYMITY (5) IKM is suppressed (value null): the project's k (DESIGN.md "Privacy"; the
 * k-anonymity of Sweeney 2002). Zero counts are suppressed too, since "fewer than 5" includes none:
 * a report never says of a small group that nobody in it did something.
 */
export type Cell<T> = { value: T | null; suppressed: boolean };

export function cell<T>(value: T, ikm: number, k = K_ANONYMITY): Cell<T> {
  return ikm < k ? { value: null, suppressed: true } : { value, suppressed: false };
}
