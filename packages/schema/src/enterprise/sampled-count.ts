import { sampledOrCounted } from '../common/counting';
import { enterpriseSample, sampleScale } from '../common/enterprise-sample';
import type { Context } from '../context';
import type { Param, Source } from './sources';

/** The IKM a sampled count reads, about: a hundredth of a million (one standard deviation 4 % at a million when a twentieth of them match; its pages hold IKM registered together, which are alike, so about 1.4 times what 10,000 IKM drawn one by one would give). */
export const SAMPLED_IKM = 10_000;
/** Of the sample's IKM whose rows meet the conditions, at most this many are looked up for what the row cannot say (a certificate's expiry). */
const LOOKED_UP = 250;

/** One part of the sources' conditions on the sample's row r (Source.onRow), as an AND; their parameters after `params`. */
function onRow(sources: readonly Source[], params: unknown[], part: 'row' | 'lookUp'): string {
  const $: Param = (value) => `$${params.push(value)}`;
  return sources.flatMap((source) => (source.onRow[part] ? [source.onRow[part]($)] : [])).join(' AND ');
}

/**
 * How many active IKM meet every condition, from a sample of the registry's pages holding about
 * SAMPLED_IKM IKM (common/enterprise-sample.ts, the same pages on every request): those of the
 * sample that meet them, read on their rows (Source.onRow: the search text and the match keys),
 * times the table's IKM over the sample's. What the row cannot say (a certificate's expiry, a
 * product's capacity or unit) is looked up for at most LOOKED_UP of them, every so many in the
 * sample's order, and the share that pass scales the rest (HALAL alone: 2,800 look-ups at a million
 * IKM, 11,000 blocks, if all were; 250 of them read 950). At most twice EXACT_COUNT_LIMIT, `counted` (up to the limit + 1)
 * answers instead. Null when a condition says nothing on the row (a capacity without a category):
 * every IKM of the sample would be looked up.
 *
 * PostgreSQL's estimate is no answer for conditions on an IKM's products, KBLI codes, certificates
 * or words: it counts their rows, not the IKM that have them, and takes two conditions as
 * independent. At a million IKM it said 31,112 for HALAL with makanan-ringan (57,348 IKM),
 * 506,112 for KBLI "10" (376,056) and 217,951 for any word of many terms ("s": 1,000,328).
 */
export async function sampledCount(sources: readonly Source[], sql: NonNullable<Context['sql']>, counted: () => Promise<number>): Promise<number | null> {
  if (sources.some((s) => !s.onRow.row)) return null;
  const params: unknown[] = [];
  const meets = `r.status = 'ACTIVE' AND ${onRow(sources, params, 'row')}`;
  const aggregate = sources.some((s) => s.onRow.lookUp) ? `array_agg(r.id) FILTER (WHERE ${meets})` : `(count(*) FILTER (WHERE ${meets}))::int`;
  const [sample] = await sql(enterpriseSample(SAMPLED_IKM, 'r', aggregate), params);
  const { value, ...read } = sample as { value: number | string[] | null; rows: number; total: number };
  const matched = typeof value === 'number' ? value : (value?.length ?? 0);
  const share = Array.isArray(value) && value.length > 0 ? await lookedUpShare(sources, value, sql) : 1;
  return sampledOrCounted(Math.round(matched * share * sampleScale(read)), counted);
}

/** The share of the IKM `ids` (whose rows meet the conditions) that pass the look-ups: at most LOOKED_UP of them, every so many. */
async function lookedUpShare(sources: readonly Source[], ids: readonly string[], sql: NonNullable<Context['sql']>): Promise<number> {
  const step = Math.ceil(ids.length / LOOKED_UP);
  const some = ids.filter((_, i) => i % step === 0);
  const params: unknown[] = [some];
  const [met] = await sql(`SELECT count(*)::int AS n FROM unnest($1::uuid[]) r(id) WHERE ${onRow(sources, params, 'lookUp')}`, params);
  return (met as { n: number }).n / some.length;
}
