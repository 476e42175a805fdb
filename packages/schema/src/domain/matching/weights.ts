import type { CounterpartRole, Factor } from './types';

/**
 * The weights of the matching model, in one place.
 *
 * The rule of the score: each component measures one factor as a value in [0, 1]; its weight is
 * its share of the score, the weights of a role sum to 1, and
 *
 *     score = Σ weight × value × 100, in [0, 100],
 *
 * rounded to a whole number whose points are apportioned so the components add up to it exactly
 * (see points.ts). A factor with weight 0 is switched off and not listed.
 *
 * Why these defaults (points out of 100 per role of the counterpart):
 * - BUYER: a buyer first asks whether the IKM makes what it buys (sector/KBLI 20, product 20), then
 *   whether it can deliver (capacity 15) and is certified as the buyer requires (15; Halal, PIRT and
 *   SVLK are conditions of sale, not preferences). Proximity, readiness and forum history modulate.
 * - DISTRIBUTOR: as a buyer, but volume decides whether a distributor can stock a line (capacity 20),
 *   and certifications matter less because a distributor passes on the products (10).
 * - SUPPLIER: the question is whether its goods are the IKM's inputs (supply chain 35) for the KBLI it
 *   serves (20); raw materials are bulky and bought often, so proximity weighs more (25).
 * - FUNDER: lenders decide on the ticket (30) and on readiness (30: books, business age, size class,
 *   the signals of the KUR and bank screening); the funder's sector focus (15) and area (15) follow.
 * - FEEDBACK is 10 everywhere: enough that a pair that met with no interest drops below an otherwise
 *   equal pair, too little for history to outweigh fit.
 */

export const FACTORS: readonly Factor[] = [
  'SECTOR',
  'SUPPLY_CHAIN',
  'PRODUCT',
  'CAPACITY',
  'DISTRICT',
  'CERTIFICATION',
  'TICKET_SIZE',
  'READINESS',
  'FEEDBACK',
];

/** Relative weights: any non-negative numbers; they are renormalised to sum to 1. */
export type WeightOverride = Partial<Record<Factor, number>>;

/** Weights of one role, summing to 1; a factor not listed is not scored for that role. */
export type Weights = Readonly<Partial<Record<Factor, number>>>;

export type WeightTable = Readonly<Record<CounterpartRole, Weights>>;

export const DEFAULT_WEIGHT_POINTS: Readonly<Record<CounterpartRole, WeightOverride>> = {
  BUYER: { SECTOR: 20, PRODUCT: 20, CAPACITY: 15, CERTIFICATION: 15, DISTRICT: 10, READINESS: 10, FEEDBACK: 10 },
  DISTRIBUTOR: { SECTOR: 20, PRODUCT: 20, CAPACITY: 20, CERTIFICATION: 10, DISTRICT: 10, READINESS: 10, FEEDBACK: 10 },
  SUPPLIER: { SUPPLY_CHAIN: 35, SECTOR: 20, DISTRICT: 25, READINESS: 10, FEEDBACK: 10 },
  FUNDER: { TICKET_SIZE: 30, READINESS: 30, SECTOR: 15, DISTRICT: 15, FEEDBACK: 10 },
};

export type WeightsResult =
  | { ok: true; value: WeightTable }
  | { ok: false; code: 'INVALID_WEIGHTS'; factor: string | null; message: string };

const ROLES = Object.keys(DEFAULT_WEIGHT_POINTS) as CounterpartRole[];

function total(points: WeightOverride): number {
  return Object.values(points).reduce((sum, w) => sum + w, 0);
}

/** Each role's points divided by their total, which the callers have checked is above 0. */
function table(points: Readonly<Record<CounterpartRole, WeightOverride>>): WeightTable {
  return Object.fromEntries(
    ROLES.map((role) => {
      const sum = total(points[role]);
      return [role, Object.fromEntries(Object.entries(points[role]).map(([factor, w]) => [factor, w / sum]))];
    }),
  ) as Record<CounterpartRole, Weights>;
}

export const DEFAULT_WEIGHTS: WeightTable = table(DEFAULT_WEIGHT_POINTS);

/**
 * A forum's weights: the defaults with some factors re-weighted, in the same points, then
 * renormalised per role. An override re-weights a factor only for the roles that score it (a
 * forum cannot give buyers a ticket size). Rejects unknown factors, negative or non-finite weights,
 * and an override that leaves a role with no weight at all.
 */
export function withWeightOverride(override: WeightOverride): WeightsResult {
  for (const [factor, weight] of Object.entries(override)) {
    if (!(FACTORS as readonly string[]).includes(factor)) {
      return fail(factor, `"${factor}" is not a matching factor; the factors are ${FACTORS.join(', ')}.`);
    }
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      return fail(factor, `The weight of ${factor} must be a number of at least 0.`);
    }
  }
  const points = {} as Record<CounterpartRole, WeightOverride>;
  for (const role of ROLES) {
    const base = DEFAULT_WEIGHT_POINTS[role];
    points[role] = Object.fromEntries(
      (Object.entries(base) as [Factor, number][]).map(([factor, w]) => [factor, override[factor] ?? w]),
    );
    if (total(points[role]) <= 0) {
      return fail(null, `These weights leave matches with a ${role.toLowerCase()} nothing to score: give one of ${Object.keys(base).join(', ')} a weight above 0.`);
    }
  }
  return { ok: true, value: table(points) };
}

function fail(factor: string | null, message: string): WeightsResult {
  return { ok: false, code: 'INVALID_WEIGHTS', factor, message };
}
