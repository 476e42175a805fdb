import { businessAgeMonths } from '../domain/business-age';
import type { CounterpartAsk, Factor, PairHistory, Weights } from '../domain/matching';
import { COMPONENTS } from '../domain/matching/components';
import { apportion } from '../domain/matching/points';
import { CEILINGS, type SizeClass } from '../domain/size-class';
import { type CandidateRow, profileOf, type Withheld } from './candidates';

/**
 * The score of every candidate, fast enough for a city's registry.
 *
 * Scoring one pair with the domain's scoreEnterpriseForPartner takes tens of microseconds, most of
 * it spent writing the reasons; a partner whose filter admits 100,000 IKM would wait seconds. But
 * each component reads only a few fields of the IKM, and across a registry those fields repeat:
 * SECTOR reads the sector and KBLI codes, DISTRICT the kecamatan and sentra, READINESS the
 * bookkeeping, business age in months and size class, and so on. So each component is evaluated
 * once per distinct value of the fields it reads (its projection, the keys below), by the domain's
 * own component function, and remembered for the rest of the ranking; the total of a combination
 * of component values is apportioned once, by the domain's own apportion. Only the page's matches
 * are then scored in full, with their reasons, by the domain functions.
 *
 * The projections are the one thing this file knows about the components' insides. If a
 * component starts reading another field, its key must grow too: packages/api/test/matching.test.ts
 * checks that these scores equal the domain's, pair by pair, over random and seeded profiles, and
 * the resolvers check every match they return against the domain's score.
 */

/** The fields a component reads, as a path of memo keys (compared with SameValueZero). */
type Projection = (row: CandidateRow, withheld: Withheld, history: PairHistory) => readonly unknown[];

/** The size class of domain/size-class.ts without its reason: sales first, else capital. */
export function sizeClassOnly(annualTurnover: bigint | null, businessCapital: bigint | null): SizeClass | null {
  const [basis, amount] =
    annualTurnover !== null
      ? (['ANNUAL_SALES', annualTurnover] as const)
      : businessCapital !== null
        ? (['BUSINESS_CAPITAL', businessCapital] as const)
        : [null, null];
  if (basis === null) return null;
  return CEILINGS[basis].find((c) => amount <= c.max)?.sizeClass ?? 'LARGE';
}

/** A trie of Maps: one level per part of the key, so no key string is ever built. */
class Memo<V> {
  private readonly root = new Map<unknown, unknown>();

  get(parts: readonly unknown[]): V | undefined {
    let node: unknown = this.root;
    for (const part of parts) {
      node = (node as Map<unknown, unknown>).get(part);
      if (node === undefined) return undefined;
    }
    return node as V;
  }

  set(parts: readonly unknown[], value: V): void {
    let node = this.root;
    for (let i = 0; i < parts.length - 1; i += 1) {
      let next = node.get(parts[i]) as Map<unknown, unknown> | undefined;
      if (!next) node.set(parts[i], (next = new Map()));
      node = next;
    }
    node.set(parts[parts.length - 1], value);
  }
}

type Evaluated = { id: number; share: number };

export class EnterpriseRanker {
  private readonly factors: {
    factor: Factor;
    weight: number;
    project: Projection | null;
    memo: Memo<Evaluated>;
    /** Equal shares get one id, so candidates whose values agree share a total. */
    ids: Map<number, number>;
  }[];
  private readonly totals = new Memo<number>();
  private readonly ages = new Map<number, number>();
  /** Reused from pair to pair. */
  private readonly picked: number[] = [];
  private readonly ids: number[] = [];

  constructor(
    private readonly ask: CounterpartAsk,
    weights: Weights,
    private readonly asOf: Date,
  ) {
    const projections: Partial<Record<Factor, Projection>> = {
      SECTOR: (r) => [r.sector, r.kbli],
      SUPPLY_CHAIN: (r) => [r.kbli],
      PRODUCT: (r) => [r.categories],
      CAPACITY: (r) => [r.products],
      DISTRICT: (r) => [r.districtCode, r.sentraId],
      CERTIFICATION: (r) => [r.certs],
      TICKET_SIZE: (r, w) => [w.needs ? null : r.need],
      READINESS: (r, w) => [
        w.financials ? 'NONE' : r.bookkeeping,
        this.ageOf(r.foundedOn),
        sizeClassOnly(r.annualTurnover, r.businessCapital),
      ],
      // History objects are shared by candidates with equal history (history.ts).
      FEEDBACK: (r, _w, h) => [r.sector, h],
    };
    // The same factors in the same order as score.ts: the weights' own order, zero weights left out.
    this.factors = (Object.entries(weights) as [Factor, number][])
      .filter(([, w]) => w > 0)
      .map(([factor, weight]) => ({ factor, weight, project: projections[factor] ?? null, memo: new Memo(), ids: new Map() }));
  }

  private ageOf(foundedOn: Date): number {
    const t = foundedOn.getTime();
    let months = this.ages.get(t);
    if (months === undefined) this.ages.set(t, (months = businessAgeMonths(foundedOn, this.asOf)));
    return months;
  }

  /** The candidate's score, equal to the domain's score of the same pair with the same inputs. */
  score(row: CandidateRow, withheld: Withheld, history: PairHistory): number {
    let profile: ReturnType<typeof profileOf> | null = null;
    let memoisable = true;
    for (let i = 0; i < this.factors.length; i += 1) {
      const f = this.factors[i]!;
      const key = f.project ? f.project(row, withheld, history) : null;
      let known = key === null ? undefined : f.memo.get(key);
      if (!known) {
        profile ??= profileOf(row, withheld);
        const { value } = COMPONENTS[f.factor](profile, this.ask, { asOf: this.asOf, history });
        // weight × value × 100 in the order score.ts computes it, so the floats are the same.
        const share = f.weight * value * 100;
        let id = f.ids.get(share);
        if (id === undefined) f.ids.set(share, (id = f.ids.size));
        known = { id, share };
        if (key !== null) f.memo.set(key, known);
        else memoisable = false; // a factor without a projection: evaluated for every pair
      }
      this.picked[i] = known.share;
      this.ids[i] = known.id;
    }
    if (!memoisable) return apportion(this.picked).total;
    let total = this.totals.get(this.ids);
    if (total === undefined) this.totals.set(this.ids, (total = apportion(this.picked).total));
    return total;
  }
}
