import { businessAgeMonths } from '../domain/business-age';
import type { CounterpartAsk, EnterpriseProfile, Factor, PairHistory, WeightTable, Weights } from '../domain/matching';
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
 * are then scored in full, with their reasons, by the domain functions. An IKM's partners are
 * ranked the same way, the other way round: the IKM is fixed and each component is remembered by
 * what it reads of the partner's ask.
 *
 * The projections are the one thing this file knows about the components' insides. If a
 * component starts reading another field, its key must grow too: packages/api/test/matching.test.ts
 * checks that these scores equal the domain's, pair by pair, over random and seeded profiles, and
 * the resolvers check every match they return against the domain's score.
 */

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

/**
 * The memo of one ranking: each weighted factor's evaluations by the projection of what it reads
 * (null: no projection, evaluated for every pair), and the total of each combination of them.
 */
class MemoScorer<P> {
  private readonly factors: {
    factor: Factor;
    weight: number;
    project: ((pair: P) => readonly unknown[]) | null;
    memo: Memo<Evaluated>;
    /** Equal shares get one id, so pairs whose values agree share a total. */
    ids: Map<number, number>;
  }[];
  private readonly totals = new Memo<number>();
  /** Reused from pair to pair. */
  private readonly picked: number[] = [];
  private readonly ids: number[] = [];

  constructor(weights: Weights, projections: Partial<Record<Factor, (pair: P) => readonly unknown[]>>) {
    // The same factors in the same order as score.ts: the weights' own order, zero weights left out.
    this.factors = (Object.entries(weights) as [Factor, number][])
      .filter(([, w]) => w > 0)
      .map(([factor, weight]) => ({ factor, weight, project: projections[factor] ?? null, memo: new Memo(), ids: new Map() }));
  }

  /** The pair's score; `value` evaluates a factor the memo does not know for its projection. */
  score(pair: P, value: (factor: Factor) => number): number {
    let memoisable = true;
    for (let i = 0; i < this.factors.length; i += 1) {
      const f = this.factors[i]!;
      const key = f.project ? f.project(pair) : null;
      let known = key === null ? undefined : f.memo.get(key);
      if (!known) {
        // weight × value × 100 in the order score.ts computes it, so the floats are the same.
        const share = f.weight * value(f.factor) * 100;
        let id = f.ids.get(share);
        if (id === undefined) f.ids.set(share, (id = f.ids.size));
        known = { id, share };
        if (key !== null) f.memo.set(key, known);
        else memoisable = false;
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

type EnterprisePair = { row: CandidateRow; withheld: Withheld; history: PairHistory };

/** The IKM ranked for one counterpart: the ask is fixed, so each component is memoised by what it reads of the IKM. */
export class EnterpriseRanker {
  private readonly scorer: MemoScorer<EnterprisePair>;
  private readonly ages = new Map<number, number>();

  constructor(
    private readonly ask: CounterpartAsk,
    weights: Weights,
    private readonly asOf: Date,
  ) {
    this.scorer = new MemoScorer<EnterprisePair>(weights, {
      SECTOR: ({ row }) => [row.sector, row.kbli],
      SUPPLY_CHAIN: ({ row }) => [row.kbli],
      PRODUCT: ({ row }) => [row.categories],
      CAPACITY: ({ row }) => [row.products],
      DISTRICT: ({ row }) => [row.districtCode, row.sentraId],
      CERTIFICATION: ({ row }) => [row.certs],
      TICKET_SIZE: ({ row, withheld }) => [withheld.needs ? null : row.need],
      READINESS: ({ row, withheld }) => [
        withheld.financials ? 'NONE' : row.bookkeeping,
        this.ageOf(row.foundedOn),
        sizeClassOnly(row.annualTurnover, row.businessCapital),
      ],
      // History objects are shared by candidates with equal history (history.ts).
      FEEDBACK: ({ row, history }) => [row.sector, history],
    });
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
    return this.scorer.score({ row, withheld, history }, (factor) => {
      profile ??= profileOf(row, withheld);
      return COMPONENTS[factor](profile, this.ask, { asOf: this.asOf, history }).value;
    });
  }
}

type PartnerPair = { ask: CounterpartAsk; history: PairHistory };

const joined = (items: readonly unknown[]) => items.join('\x1e');

/**
 * What each component reads of the counterpart's ask, as memo keys: one IKM's partners share
 * sectors, KBLI prefixes, categories, areas and tickets, and the IKM's own fields are the same for
 * all of them (READINESS reads nothing of the ask). History: the pair's and the similar pairs'
 * counts are shared objects (history.ts).
 */
const ASK_PROJECTIONS: Partial<Record<Factor, (pair: PartnerPair) => readonly unknown[]>> = {
  SECTOR: ({ ask }) => [joined(ask.sectors), joined(ask.kbliPrefixes)],
  SUPPLY_CHAIN: ({ ask }) => [joined(ask.supplied.map((s) => `${s.item}\x1d${s.kbli ?? ''}`))],
  PRODUCT: ({ ask }) => [joined(ask.productCategories)],
  CAPACITY: ({ ask }) => [joined(ask.productCategories), ask.volume?.quantity ?? null, ask.volume?.unit ?? null],
  DISTRICT: ({ ask }) => [joined(ask.districtCodes), ask.location.districtCode, ask.location.sentraId],
  CERTIFICATION: ({ ask }) => [joined(ask.requiredCertifications)],
  TICKET_SIZE: ({ ask }) => [ask.ticket.min, ask.ticket.max],
  READINESS: () => [true],
  FEEDBACK: ({ history }) => [history.pair, history.similar],
};

/** The partners ranked for one IKM: the IKM is fixed, so each component is memoised by what it reads of the partner. */
export class PartnerRanker {
  private readonly scorers = new Map<string, MemoScorer<PartnerPair>>();

  constructor(
    private readonly enterprise: EnterpriseProfile,
    private readonly weights: WeightTable,
    private readonly asOf: Date,
  ) {}

  /** The partner's score, equal to the domain's score of the same pair with the same inputs. */
  score(ask: CounterpartAsk, history: PairHistory): number {
    let scorer = this.scorers.get(ask.role);
    if (!scorer) this.scorers.set(ask.role, (scorer = new MemoScorer(this.weights[ask.role], ASK_PROJECTIONS)));
    return scorer.score({ ask, history }, (factor) => COMPONENTS[factor](this.enterprise, ask, { asOf: this.asOf, history }).value);
  }
}
