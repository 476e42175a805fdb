import { certificatesHeld, dayOf } from '../certificates';
import { getHighs } from '../highs';

/**
 * Consortium allocation (issue 19): a buy request no single IKM can fill, shared among the members
 * of a sentra or an ad-hoc group. The objective, in this order (issue 19, "fill the volume, then
 * prefer certified and proven members, then spread work fairly"):
 *
 * 1. fill as much of the requested quantity as the members can commit;
 * 2. then as much of it as possible with preferred members: weight 1 + 2·certified + proven, so a
 *    certified member outranks a proven one, and one that is both outranks either;
 * 3. then spread the work fairly: within each weight tier the highest utilisation (allocated over
 *    available) is as low as it can be; the sum of the tiers' highest utilisations is minimised.
 *
 * Everything is compared per month: a member never gets more units a month than it is free to
 * commit (its stated share of its monthly capacity, less what it has already committed to other
 * consortia), and a request for a total over several months needs that total over the months
 * (monthlyNeed). Quantities are whole units.
 * Plain data in and out; HiGHS solves stages 1 and 2 as one integer program (stopping short of
 * the optimum throws), stage 3 is exact water-filling (below).
 */

export interface ConsortiumRequestInput {
  /** Units wanted over `months` months (e.g. 20,000 masks in one month). */
  quantity: number;
  /** Months the quantity is for; default 1 (the quantity is monthly). */
  months?: number;
  /**
   * First day of delivery: a certificate counts only if it has not expired by then (the matching
   * rule, domain/certificates.ts), for required and preferred certifications alike.
   */
  deliveryStarts: Date;
  /** A member must hold every one of these (e.g. HALAL for food) to take part at all. */
  requiredCertifications?: readonly string[];
  /** A member holding every one of these is preferred ("certified"); none given: nobody is preferred for it. */
  preferredCertifications?: readonly string[];
}

/**
 * Units a month the request needs: its quantity over its months, rounded up so that the months
 * together deliver it all (3,001 units over 3 months need 1,001 a month). Monthly capacity is
 * compared with this, never with a total for several months.
 */
export function monthlyNeed(request: Pick<ConsortiumRequestInput, 'quantity' | 'months'>): number {
  return Math.ceil(request.quantity / (request.months ?? 1));
}

export interface ConsortiumMemberInput {
  id: string;
  label?: string;
  /** Units it can make a month. */
  monthlyCapacity: number;
  /** Share of its capacity (percent, 0 to 100) it will commit to consortia. */
  committedSharePercent: number;
  /** Units a month of that share already committed to other live consortia. */
  committedElsewhere: number;
  /** Its certificates; expiresOn null: no expiry recorded. */
  certifications: readonly { kind: string; expiresOn: Date | null }[];
  /** Past consortium deliveries: units promised and units delivered on time. */
  deliveries: { promised: number; delivered: number };
}

/**
 * A member is "proven" when it delivered at least 95 % of what it promised, over at least one
 * past delivery. Product decision recorded in issue 19 ("past delivery record"); the threshold is
 * ours, chosen so that one short delivery out of twenty still counts as reliable.
 */
export const PROVEN_DELIVERY_RATE = 0.95;

export interface MemberAllocation {
  memberId: string;
  /** Units a month it is free to commit: share of capacity less commitments elsewhere. */
  available: number;
  /** Units a month allocated to it. */
  quantity: number;
  certified: boolean;
  proven: boolean;
  /** Why it was left out entirely (a required certification missing or expired before delivery), or null. */
  excluded: string | null;
  /** The allocation explained, one sentence per reason, as match reasons are. */
  reasons: string[];
}

export interface ConsortiumAllocation {
  /** Units a month needed (monthlyNeed); filled and shortfall are units a month too. */
  requested: number;
  filled: number;
  shortfall: number;
  /** Σ weight × units (stage 2's objective). */
  preference: number;
  /** Σ over tiers of the tier's highest utilisation (stage 3's objective, lower is fairer). */
  unfairness: number;
  members: MemberAllocation[];
}

export function availableOf(member: ConsortiumMemberInput): number {
  const share = Math.floor((member.monthlyCapacity * member.committedSharePercent) / 100);
  return Math.max(0, share - member.committedElsewhere);
}

export function isProven(member: ConsortiumMemberInput): boolean {
  const { promised, delivered } = member.deliveries;
  return promised > 0 && delivered >= PROVEN_DELIVERY_RATE * promised;
}

const holdsAll = (held: readonly string[], wanted: readonly string[]) => wanted.every((c) => held.includes(c));

interface Prepared {
  member: ConsortiumMemberInput;
  available: number;
  certified: boolean;
  proven: boolean;
  weight: number;
  excluded: string | null;
}

/** Why a member lacking required certifications is left out: each missing one, and when an expired one ran out. */
function exclusionOf(missing: readonly string[], expiredOn: ReadonlyMap<string, string>, deliveryStarts: Date): string | null {
  if (missing.length === 0) return null;
  const lacking = missing.filter((c) => !expiredOn.has(c));
  const expired = missing.filter((c) => expiredOn.has(c)).map((c) => `${c} expired on ${expiredOn.get(c)}`);
  return [
    ...(lacking.length > 0 ? [`it lacks the required certification ${lacking.join(', ')}`] : []),
    ...(expired.length > 0 ? [`its required certificate ${expired.join(', ')}, before delivery begins on ${dayOf(deliveryStarts)}`] : []),
  ].join('; ');
}

/** Availability, preference weight and exclusion of each member: the model's data. */
export function prepareMembers(request: ConsortiumRequestInput, members: readonly ConsortiumMemberInput[]): Prepared[] {
  const required = request.requiredCertifications ?? [];
  const preferred = request.preferredCertifications ?? [];
  return members.map((member) => {
    const { held, expiredOn } = certificatesHeld(member.certifications, request.deliveryStarts);
    const kinds = [...held];
    const missing = required.filter((c) => !held.has(c));
    const certified = preferred.length > 0 && holdsAll(kinds, preferred);
    const proven = isProven(member);
    return {
      member,
      available: missing.length > 0 ? 0 : availableOf(member),
      certified,
      proven,
      weight: 1 + 2 * Number(certified) + Number(proven),
      excluded: exclusionOf(missing, expiredOn, request.deliveryStarts),
    };
  });
}

/** Each solve's limit: a stage that stops there keeps its best allocation and the result says it is not proven. */
const STAGE_SECONDS = 3;

/** Column names of the LP: x<i> units of member i; t<w> highest utilisation of tier w. */
const x = (i: number) => `x${i}`;

function sum(terms: string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < terms.length; i += 10) lines.push(terms.slice(i, i + 10).join(' + '));
  return lines.join('\n  + ') || '0 x0';
}

function bounds(prepared: Prepared[]): string[] {
  return prepared.map((p, i) => ` 0 <= ${x(i)} <= ${p.available}`);
}

/** Allocates the request among the members (see the objective above). Throws RangeError on impossible numbers. */
export async function allocateConsortium(request: ConsortiumRequestInput, members: readonly ConsortiumMemberInput[]): Promise<ConsortiumAllocation> {
  if (!Number.isInteger(request.quantity) || request.quantity < 0) throw new RangeError('quantity must be a whole number of units, 0 or more');
  if (request.months !== undefined && !(Number.isInteger(request.months) && request.months >= 1)) throw new RangeError('months must be a whole number, 1 or more');
  const need = monthlyNeed(request);
  for (const m of members) {
    if (!Number.isInteger(m.monthlyCapacity) || m.monthlyCapacity < 0) throw new RangeError('monthlyCapacity must be a whole number, 0 or more');
    if (!(m.committedSharePercent >= 0 && m.committedSharePercent <= 100)) throw new RangeError('committedSharePercent must be 0 to 100');
    if (!Number.isInteger(m.committedElsewhere) || m.committedElsewhere < 0) throw new RangeError('committedElsewhere must be a whole number, 0 or more');
  }
  const prepared = prepareMembers(request, members);
  const used = prepared.map((p, i) => ({ p, i })).filter(({ p }) => p.available > 0);
  const quantities = new Array<number>(prepared.length).fill(0);
  if (used.length > 0 && need > 0) {
    const highs = await getHighs();
    const integers = used.map(({ i }) => x(i));
    const general = ['General', ...chunk(integers)];
    const allBounds = bounds(prepared).filter((_, i) => prepared[i]!.available > 0);
    // Stage 1 and 2 in one solve: one more unit (worth W + weight ≥ W + 1) outweighs moving every
    // unit to a better tier (at most 3 per unit), since W = 3·need + 1.
    const W = 3 * need + 1;
    const first = highs.solve(
      [
        'Maximize',
        ` obj: ${sum(used.map(({ p, i }) => `${W + p.weight} ${x(i)}`))}`,
        'Subject To',
        ` volume: ${sum(integers)} <= ${need}`,
        'Bounds',
        ...allBounds,
        ...general,
        'End',
      ].join('\n'),
      // The default relative gap (1e-4) would give away units of a big request.
      { mip_rel_gap: 0, mip_abs_gap: 0.99, time_limit: STAGE_SECONDS },
    );
    if (first.Status !== 'Optimal') throw new Error(`HiGHS could not allocate the consortium (${first.Status}).`);
    const stage1 = used.map(({ i }) => Math.round(first.Columns[x(i)]!.Primal));
    // Stage 3, exactly and without HiGHS: every optimum of stages 1–2 fills the tiers above one
    // and leaves those below it empty (a unit in a lower tier while a higher one has room could
    // move up), so only that one tier's units are free to place. Its highest utilisation is
    // lowest when the units are water-filled: t = lowestMaxUtilisation(), each member floor(t·a),
    // less one unit from members exactly at t while there are more units than the tier holds.
    // (An integer program of it took HiGHS over 3 s to prove on 500 members.)
    stage1.forEach((units, k) => {
      quantities[used[k]!.i] = units;
    });
    for (const w of new Set(used.map(({ p }) => p.weight))) {
      const tier = used.filter(({ p }) => p.weight === w);
      const units = tier.reduce((s, { i }) => s + quantities[i]!, 0);
      const spread = spreadEvenly(tier.map(({ p }) => p.available), units);
      tier.forEach(({ i }, k) => {
        quantities[i] = spread[k]!;
      });
    }
  }
  return explainAllocation(request, prepared, quantities);
}

/**
 * `units` whole units over members free for `available` (all > 0, units at most their sum), with
 * the lowest highest utilisation: each floor(t·a) at t = lowestMaxUtilisation(), less one unit
 * from members exactly at t (largest first) while there are more units than asked. Stage 3 for
 * one tier; for members of one tier that can fill the request it is the whole allocation.
 */
export function spreadEvenly(available: readonly number[], units: number): number[] {
  const free = available.reduce((s, a) => s + a, 0);
  if (units === 0 || units === free) return units === 0 ? available.map(() => 0) : [...available];
  const t = lowestMaxUtilisation(available, units);
  const quantities = available.map((a) => Math.floor(t * a + 1e-9));
  let excess = quantities.reduce((s, q) => s + q, 0) - units;
  for (const k of available.map((_, k) => k).sort((x, y) => available[y]! - available[x]!)) {
    if (excess === 0) break;
    if (Math.abs(quantities[k]! / available[k]! - t) < 1e-12) {
      quantities[k]! -= 1;
      excess -= 1;
    }
  }
  return quantities;
}

/**
 * The lowest highest utilisation at which whole units `units` fit members free for `available`:
 * the smallest t with Σ floor(t·a) ≥ units, which is one of the fractions k/a. Bisection finds
 * an interval holding no other such fraction; the answer is the largest floor(t·a)/a at its top.
 */
function lowestMaxUtilisation(available: readonly number[], units: number): number {
  const fits = (t: number) => available.reduce((s, a) => s + Math.floor(t * a + 1e-9), 0) >= units;
  let [lo, hi] = [0, 1];
  for (let k = 0; k < 64; k += 1) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) hi = mid;
    else lo = mid;
  }
  return Math.max(...available.map((a) => Math.floor(hi * a + 1e-9) / a));
}

function chunk(names: string[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < names.length; i += 12) lines.push(` ${names.slice(i, i + 12).join(' ')}`);
  return lines;
}

/** Objective values of an allocation, to compare allocations (and to check an independent optimum). */
export function objectiveOf(prepared: readonly Prepared[], quantities: readonly number[]) {
  const filled = quantities.reduce((a, b) => a + b, 0);
  const preference = prepared.reduce((s, p, i) => s + p.weight * quantities[i]!, 0);
  const highest = new Map<number, number>();
  prepared.forEach((p, i) => {
    if (p.available > 0) highest.set(p.weight, Math.max(highest.get(p.weight) ?? 0, quantities[i]! / p.available));
  });
  const unfairness = [...highest.values()].reduce((a, b) => a + b, 0);
  return { filled, preference, unfairness };
}

const units = (n: number) => n.toLocaleString('en-US');

/** The allocation with each member's reasons, from the quantities decided. */
export function explainAllocation(request: ConsortiumRequestInput, prepared: Prepared[], quantities: number[]): ConsortiumAllocation {
  const { filled, preference, unfairness } = objectiveOf(prepared, quantities);
  const need = monthlyNeed(request);
  const months = request.months ?? 1;
  const perMonth = months > 1 ? `${units(request.quantity)} units over ${months} months are ${units(need)} a month` : `${units(need)} units a month are requested`;
  const members = prepared.map((p, i): MemberAllocation => {
    const m = p.member;
    const quantity = quantities[i]!;
    const reasons: string[] = [];
    if (p.excluded) reasons.push(`Left out: ${p.excluded}.`);
    else {
      const share = Math.floor((m.monthlyCapacity * m.committedSharePercent) / 100);
      reasons.push(
        `Commits ${m.committedSharePercent} % of ${units(m.monthlyCapacity)} units a month (${units(share)})` +
          (m.committedElsewhere > 0 ? `, ${units(m.committedElsewhere)} of them already to other consortia: ${units(p.available)} free.` : '.'),
      );
      if (p.certified) reasons.push(`Preferred: holds ${(request.preferredCertifications ?? []).join(', ')}.`);
      if (p.proven) reasons.push(`Proven: delivered ${units(m.deliveries.delivered)} of ${units(m.deliveries.promised)} units promised before.`);
      else if (m.deliveries.promised > 0) reasons.push(`Delivered ${units(m.deliveries.delivered)} of ${units(m.deliveries.promised)} units promised before: below ${PROVEN_DELIVERY_RATE * 100} %.`);
      if (p.available > 0) {
        const percent = Math.round((100 * quantity) / p.available);
        reasons.push(
          quantity === p.available
            ? `Allocated ${units(quantity)} a month: all it is free to commit${filled < need ? `; ${perMonth}, still not filled` : ', as its tier comes before the others'}.`
            : quantity === 0
              ? `Allocated nothing: members preferred before it fill the ${units(need)} units a month.`
              : `Allocated ${units(quantity)} a month (${percent} % of what it is free to commit): ${perMonth}, the rest spread evenly over members of its tier.`,
        );
      }
    }
    return { memberId: m.id, available: p.available, quantity, certified: p.certified, proven: p.proven, excluded: p.excluded, reasons };
  });
  return { requested: need, filled, shortfall: need - filled, preference, unfairness, members };
}
