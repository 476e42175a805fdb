/**
 * The ad-hoc group for a buy request (issue 19: "find sentra (and ad-hoc groups of nearby IKM)
 * whose members together can fill it"). The rule, plainly:
 *
 * 1. candidates are active IKM in the kecamatan of delivery or one next to it (neighbourhood.ts),
 *    that fit the request as its matches do (sector, KBLI or product category: the matching
 *    pre-filter), whatever sentra they belong to or none;
 * 2. each must be free to commit some units of the request's unit (its stated share of capacity
 *    less what it accepted in other live offers) and hold the request's required certifications;
 * 3. they are ranked as the request's matches are (match score, then id), and taken in that order
 *    until their free units cover the volume, at most MAX_AD_HOC_MEMBERS of them.
 *
 * The group is then allocated like a sentra's members (allocate.ts). Taking the best matches
 * until the volume is covered keeps the group as small as the ranking allows: fewer members to
 * coordinate, and every member is one the buyer would have been shown first.
 */

/**
 * At most this many members: 50 nearby IKM cover any request the demo registry holds, HiGHS
 * allocates 50 members in milliseconds, and a coordinator can still phone each of them.
 */
export const MAX_AD_HOC_MEMBERS = 50;

export interface AdHocCandidate {
  id: string;
  /** Match score for the buy request, 0 to 100. */
  score: number;
  /** Units it is free to commit (0: it cannot take part). */
  free: number;
}

export interface AdHocGroup<C extends AdHocCandidate> {
  /** The members in ranking order, each with its rank among the candidates free to commit (1 = best). */
  members: (C & { rank: number })[];
  /** Candidates free to commit, in the group or not. */
  eligible: number;
  /** Units the members are free to commit together. */
  free: number;
  covers: boolean;
}

/** The best-ranked candidates free to commit, until their free units cover `quantity` (at most `max`). */
export function adHocGroup<C extends AdHocCandidate>(candidates: readonly C[], quantity: number, max = MAX_AD_HOC_MEMBERS): AdHocGroup<C> {
  const ranked = candidates
    .filter((c) => c.free > 0)
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const members: (C & { rank: number })[] = [];
  let free = 0;
  for (const [i, c] of ranked.entries()) {
    if (free >= quantity || members.length >= max) break;
    members.push({ ...c, rank: i + 1 });
    free += c.free;
  }
  return { members, eligible: ranked.length, free, covers: free >= quantity };
}
