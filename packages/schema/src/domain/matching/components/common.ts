import type { CounterpartAsk } from '../counterpart';
import type { EnterpriseProfile, Evaluation, Factor, PairHistory } from '../types';

/** What a component may read besides the pair: the date of the request and the forum history. */
export type ComponentContext = { asOf: Date; history: PairHistory };

/** A component measures one factor of a pair as a value in [0, 1] and says why. */
export type Component = (enterprise: EnterpriseProfile, ask: CounterpartAsk, context: ComponentContext) => Evaluation;

export function evaluation(factor: Factor, value: number, reason: string): Evaluation {
  return { factor, value: Math.min(1, Math.max(0, value)), reason };
}

/** The IKM's KBLI codes, primary first, so reasons name the code it is registered for. */
export function codesPrimaryFirst(enterprise: EnterpriseProfile): string[] {
  return [...enterprise.kbliCodes].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary)).map((k) => k.code);
}
