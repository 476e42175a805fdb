import { GraphQLError } from 'graphql';
import { DISTRICT_CODE_RULE, firstUnknownDistrict } from '../district/codes';
import { badInput } from '../common/errors';
import { demand, policies } from '../auth/policies';
import { idOf } from '../common/global-id';
import { requestCache } from '../common/request-cache';
import type { Context } from '../context';
import {
  askOfPartner,
  type CounterpartAsk,
  type CounterpartProfile,
  type EnterpriseCandidateFilter,
  type EnterpriseProfile,
  type Factor,
  type Match,
  type PairHistory,
  type PartnerKind,
  type ScoreOptions,
  type WeightTable,
  DEFAULT_WEIGHTS,
  scorePartnerForEnterprise,
  withWeightOverride,
} from '../domain/matching';
import { semarangToday } from '../enterprise/size';
import { type CandidateRow, enterpriseCandidateWhere, enterpriseClassWhere, loadEnterpriseCandidates, type Narrowing, partsFor, profileOf } from './candidates';
import { feedbackValue } from '../domain/matching/components/feedback';
import { Prisma } from '../generated/prisma/client';
import { Sector } from '../generated/prisma/enums';
import { EXACT_COUNT_LIMIT, sampledOrCounted } from '../common/counting';
import { enterpriseSample, sampleScale } from '../common/enterprise-sample';
import type { MatchOf } from './counterparts';
import { historyForEnterprises, type Side } from './history';
import { connectionOf, pageOf, type PageArgs } from './page';
import { boundTerms } from './bound';
import { bottomOf } from './bottom';
import { ageCut, type FloorOf, floorSql } from './floor';
import { topOf } from './top';
import { auditShown, explainWithheld, seenBy, visibilityOf } from './privacy';
import { EnterpriseRanker, PartnerRanker } from './ranker';
import type { MatchWeightShape, RecommendationFilterShape } from './types';

const SECTORS = Object.values(Sector);

/** The date scores are read against: today in Semarang (WIB), as a UTC-midnight date. */
export function asOfOf(ctx: Context): Date {
  return semarangToday(ctx.now);
}

/**
 * Rankings per request. Each one reads and scores a whole candidate set, so a list of partners
 * each asking for its recommendations would multiply the work by the page size; five covers
 * GraphiQL comparisons (a partner with and without what-if weights) and stops the rest.
 */
export const MAX_RANKINGS_PER_REQUEST = 5;

export function countRanking(ctx: Context, field: string): void {
  const counter = requestCache(ctx, 'matching:rankings', () => ({ n: 0 }));
  counter.n += 1;
  if (counter.n > MAX_RANKINGS_PER_REQUEST) {
    throw new GraphQLError(
      `${field}: at most ${MAX_RANKINGS_PER_REQUEST} rankings per request; ask for one partner, enterprise or opportunity at a time.`,
      { extensions: { code: 'TOO_MANY_RANKINGS' } },
    );
  }
}

/**
 * What-if weights: Disperin staff only (a forum's matchmaking is theirs to tune); checked by the
 * domain's withWeightOverride. Persisting them per forum needs a column on MatchmakingSession.
 */
export function weightsOf(ctx: Context, weights: readonly MatchWeightShape[] | null | undefined): WeightTable {
  if (!weights) return DEFAULT_WEIGHTS;
  demand(ctx.viewer, policies.staff, 'Only Disperin staff may try other weights; leave "weights" out to get the defaults.');
  const override: Partial<Record<Factor, number>> = {};
  for (const [i, { factor, weight }] of weights.entries()) {
    if (factor in override) throw badInput(`weights: ${factor} is given twice.`, ['weights', String(i), 'factor']);
    override[factor] = weight;
  }
  const result = withWeightOverride(override);
  if (!result.ok) {
    const index = result.factor === null ? -1 : weights.findIndex((w) => w.factor === result.factor);
    throw badInput(`weights: ${result.message}`, index === -1 ? ['weights'] : ['weights', String(index), 'weight'], result.code);
  }
  return result.value;
}


export type ParsedFilter = { narrowing: Narrowing; minScore: number; notMetBefore: boolean };

export async function parseFilter(prisma: Context['prisma'], filter: RecommendationFilterShape | null | undefined): Promise<ParsedFilter> {
  const narrowing: Narrowing = {};
  if (!filter) return { narrowing, minScore: 0, notMetBefore: false };
  if (filter.sectors) narrowing.sectors = filter.sectors;
  if (filter.districtCodes) {
    const codes = filter.districtCodes.map((c) => c.trim());
    const bad = await firstUnknownDistrict(prisma, codes);
    if (bad !== -1) {
      throw badInput(
        `filter.districtCodes: item ${bad} is not ${DISTRICT_CODE_RULE}.`,
        ['filter', 'districtCodes', String(bad)],
      );
    }
    narrowing.districtCodes = codes;
  }
  if (filter.sentraId != null) {
    const id = idOf(String(filter.sentraId), 'Sentra');
    if (!id) throw badInput('filter.sentraId is not the global ID of a Sentra IKM.', ['filter', 'sentraId']);
    narrowing.sentraId = id;
  }
  const minScore = filter.minScore ?? 0;
  if (minScore < 0 || minScore > 100) throw badInput(`filter.minScore must be 0 to 100.`, ['filter', 'minScore']);
  return { narrowing, minScore, notMetBefore: filter.notMetBefore ?? false };
}

export type EnterpriseRanking = {
  ask: CounterpartAsk;
  filter: EnterpriseCandidateFilter;
  /** The counterpart's pairs: a partner, or the IKM that posted an opportunity. */
  side: Side;
  /** The partner's own kind, or null when the counterpart is an IKM's opportunity. */
  partnerKind: PartnerKind | null;
  weights: WeightTable;
  parsed: ParsedFilter;
  /** The domain's scorer of one pair (scoreEnterpriseForPartner or …ForOpportunity). */
  scoreOne: (enterprise: EnterpriseProfile, options: ScoreOptions) => Match;
};

/**
 * The IKM ranked for a partner or an opportunity, one page of them explained: their forum history
 * and the viewer's consents (2–4 statements) → the page's candidates, read best bound first (top.ts;
 * a last page lowest floor first, bottom.ts) and scored in memory (every candidate when the page
 * cannot be settled so) → its matches with reasons (domain functions) → its enterprises (1
 * statement per selection, in counterparts.ts).
 */
export async function rankEnterprises(ctx: Context, ranking: EnterpriseRanking, args: PageArgs) {
  const asOf = asOfOf(ctx);
  const day = asOf.toISOString().slice(0, 10);
  const { ask, parsed } = ranking;
  const weights = ranking.weights[ask.role];
  // Independent statements: on PostgreSQL they run side by side on the pool's connections.
  const [history, seen] = await Promise.all([historyForEnterprises(ctx, ranking.side, ask.role, ranking.partnerKind), seenBy(ctx)]);
  const withheldOf = visibilityOf(seen);
  const ranker = new EnterpriseRanker(ask, weights, asOf);
  // A regional officer ranks only the IKM of its kabupaten/kota (viewer.regencyId; null for everyone else), whose private data it reads.
  const narrowing = { ...parsed.narrowing, notIds: parsed.notMetBefore ? history.met : null, regencyId: ctx.viewer.regencyId };
  const where = enterpriseCandidateWhere(ranking.filter, narrowing);

  type Scored = { id: string; score: number; row: CandidateRow; history: PairHistory };
  const score = async (candidates: Prisma.Sql): Promise<Scored[]> => {
    const ranked: Scored[] = [];
    for (const row of await loadEnterpriseCandidates(ctx, candidates, day, partsFor(weights))) {
      const pairHistory = history.of(row);
      const value = ranker.score(row, withheldOf(row.id), pairHistory);
      if (value >= parsed.minScore) ranked.push({ id: row.id, score: value, row, history: pairHistory });
    }
    return ranked;
  };
  const bounds = { ask, weights, asOf, seen, feedbackOf: (sector: Sector) => feedbackValue(history.of({ id: '', sector })), met: history.met };
  const terms = boundTerms(bounds, SECTORS);
  const always = [...new Set([...history.met, ...seen.financials, ...seen.needs])];
  // The candidates are counted beside the reads (on PostgreSQL, on another connection of the pool);
  // only an unsettled page waits for the count. Matches are counted by scoring: only when needed.
  const candidates = parsed.minScore > 0 ? null : countCandidates(ctx, where);
  candidates?.catch(() => {});
  const scoreIds = (ids: string[]) => score(enterpriseCandidateWhere(null, { ids }));
  const classWhere = enterpriseClassWhere(ranking.filter, parsed.narrowing);
  const lowestFirst = { where, classWhere, floor: (of: FloorOf) => floorSql(bounds, SECTORS, of), cut: ageCut(asOf), always: history.met, candidates };
  // A window with an end is read from the ranking's end (bottom.ts), one without from its start (top.ts).
  const top =
    args.last != null
      ? await bottomOf(ctx, { ...lowestFirst, minScore: parsed.minScore, score: scoreIds }, args)
      : await topOf(ctx, { where, homeWhere: ranking.filter?.districtCodeIn ? enterpriseCandidateWhere(ranking.filter, { ...narrowing, servedOnRows: true }) : undefined, terms, always, minScore: parsed.minScore, score: scoreIds }, args);
  const ranked = top?.ranked ?? (await score(where));
  const page = top?.page ?? pageOf(ranked, args);
  const counted = () => candidates ?? countMatches(ctx, where, score);
  const totalCount = !top || top.complete ? ranked.length : Math.max(ranked.length, await counted());
  const matches = page.items.map(({ row, score: fast, history: pairHistory }) => {
    const withheld = withheldOf(row.id);
    const match = ranking.scoreOne(profileOf(row, withheld), { asOf, history: pairHistory, weights: ranking.weights });
    checkSame(match, fast);
    return explainWithheld(match, withheld, ask);
  });
  auditShown(ctx, matches, withheldOf);
  const items = matches.map((m): MatchOf<'ENTERPRISE'> => ({ kind: 'ENTERPRISE', ...m }));
  return connectionOf({ ...page, items }, totalCount);
}

/** The IKM a sampled count reads, about: the share of them that are candidates is within a few percent. */
const SAMPLED_ROWS = 10_000;
/** The IKM a sampled count of matches reads, about: those that are candidates are scored. */
const SCORED_SAMPLE_ROWS = 2_000;

/** An aggregate of the candidates in a sample of about `rows` IKM (common/enterprise-sample.ts), and the factor from the sample's IKM to the table's; all of them in a registry of fewer IKM (exact). */
async function sample<T>(ctx: Context, rows: number, aggregate: Prisma.Sql): Promise<{ value: T; scale: number }> {
  const [row] = await ctx.prisma.$queryRawUnsafe<{ value: T; rows: number; total: number }[]>(enterpriseSample(rows, 'e', aggregate.text), ...aggregate.values);
  return { value: row!.value, scale: sampleScale(row!) };
}

/**
 * How many candidates a ranking has: exact up to EXACT_COUNT_LIMIT, else counted in a sample of
 * about SAMPLED_ROWS IKM. PostgreSQL's estimate is no answer: it takes the conditions a partner's
 * fit joins with OR (a sector, KBLI and product keys) as independent, while an IKM in a sought KBLI
 * is mostly in the sought sector too; at a million IKM it said 792,730 for a distributor's 376,056
 * candidates (and 601,941 for a funder's 764,622).
 */
async function countCandidates(ctx: Context, where: Prisma.Sql): Promise<number> {
  const { value, scale } = await sample<number>(ctx, SAMPLED_ROWS, Prisma.sql`(count(*) FILTER (WHERE ${where}))::int`);
  return sampledOrCounted(Math.round(value * scale), async () => {
    const [row] = await ctx.prisma.$queryRaw<{ n: number }[]>(Prisma.sql`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM "Enterprise" e WHERE ${where} LIMIT ${EXACT_COUNT_LIMIT + 1}) AS sub`);
    return row!.n;
  });
}

/**
 * How many candidates score at least the minimum: all of them scored up to EXACT_COUNT_LIMIT
 * candidates, else those in a sample of about SCORED_SAMPLE_ROWS IKM.
 */
async function countMatches(ctx: Context, where: Prisma.Sql, matches: (candidates: Prisma.Sql) => Promise<unknown[]>): Promise<number> {
  if ((await countCandidates(ctx, where)) <= EXACT_COUNT_LIMIT) return (await matches(where)).length;
  const { value: ids, scale } = await sample<string[] | null>(ctx, SCORED_SAMPLE_ROWS, Prisma.sql`array_agg(e.id::text) FILTER (WHERE ${where})`);
  return ids ? Math.round((await matches(enterpriseCandidateWhere(null, { ids }))).length * scale) : 0;
}

/** The fast ranking and the domain must agree; a mismatch means ranker.ts's projections are stale. */
function checkSame(match: Match, fast: number): void {
  if (match.score === fast) return;
  const message = `Matching: the ranking scored ${match.id} ${fast}, the domain ${match.score}; ranker.ts's projections are out of date.`;
  if (process.env.NODE_ENV === 'production') console.error(message);
  else throw new Error(message);
}

/** An empty page, for a counterpart no IKM answers. */
export function emptyConnection() {
  return connectionOf({ items: [], hasNextPage: false, hasPreviousPage: false }, 0);
}

/**
 * The partners ranked for one IKM (a few thousand in a province): each scored by the memoised
 * components (ranker.ts), only the page's matches scored in full, with their reasons.
 */
export function rankPartners(
  enterprise: EnterpriseProfile,
  partners: readonly { counterpart: CounterpartProfile; history: PairHistory }[],
  options: { asOf: Date; weights: WeightTable },
  args: PageArgs,
) {
  const ranker = new PartnerRanker(enterprise, options.weights, options.asOf);
  const ranked = partners.map((p) => ({ ...p, id: p.counterpart.id, score: ranker.score(askOfPartner(p.counterpart), p.history) }));
  const page = pageOf(ranked, args);
  const items = page.items.map(({ counterpart, history, score: fast }): MatchOf<'PARTNER'> => {
    const match = scorePartnerForEnterprise(enterprise, counterpart, { ...options, history });
    checkSame(match, fast);
    return { kind: 'PARTNER', ...match };
  });
  return connectionOf({ ...page, items }, ranked.length);
}
