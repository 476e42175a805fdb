import { isStaff } from '../auth/viewer';
import { auditProtectedRead, enterprisesWithScope } from '../consent/access';
import { callingFunderOf } from '../auth/policies';
import type { Context } from '../context';
import type { CounterpartAsk, Match } from '../domain/matching';
import { BOOKKEEPING_TEXT, capitalise } from '../domain/matching/text';
import type { Withheld } from './candidates';

/**
 * What a score may read is what its viewer may read.
 *
 * Two factors read consent-protected data of an IKM: READINESS its bookkeeping (FINANCIALS) and
 * TICKET_SIZE its financing need (NEEDS). Their reasons would quote them ("keeps books in an
 * accounting app", "the Rp150.000.000 financing need"), and even a bare score would let a caller
 * infer them, since the other inputs of those factors are public. So the ranking a viewer gets is
 * computed on what that viewer may see:
 * - Disperin staff and the IKM's own members see everything (a regional officer's rankings hold
 *   only its kabupaten/kota's IKM: rank.ts);
 * - a funder sees what the IKM consented to share with it (consent scopes FINANCIALS, NEEDS), and
 *   every such read on a returned page is audited like any other read of protected data;
 * - everyone else (buyers, suppliers, distributors, other IKM) sees neither.
 * Withheld data earns no credit (bookkeeping counts as the lowest rung, the need as absent), the
 * same for every IKM the viewer cannot see, so the order among them says nothing about it; the
 * reason says the data was not shared, never what it is.
 */

export type Visibility = (enterpriseId: string) => Withheld;

/** Whose protected data the viewer may read: everyone's (staff), or these IKM's financials and needs. */
export type Seen = { all: boolean; financials: readonly string[]; needs: readonly string[] };

export async function seenBy(ctx: Context): Promise<Seen> {
  if (isStaff(ctx.viewer)) return { all: true, financials: [], needs: [] };
  const own = ctx.viewer.enterpriseIds;
  const funder = callingFunderOf(ctx.viewer);
  const financials = funder ? await enterprisesWithScope('FINANCIALS', ctx) : [];
  const needs = funder ? await enterprisesWithScope('NEEDS', ctx) : [];
  return { all: false, financials: [...own, ...financials], needs: [...own, ...needs] };
}

export function visibilityOf(seen: Seen): Visibility {
  if (seen.all) return () => ({ financials: false, needs: false });
  const financials = new Set(seen.financials);
  const needs = new Set(seen.needs);
  const hidden: Withheld = { financials: true, needs: true };
  const shown: Withheld = { financials: false, needs: false };
  return (id) => {
    const f = financials.has(id);
    const n = needs.has(id);
    return f && n ? shown : !f && !n ? hidden : { financials: !f, needs: !n };
  };
}

const KEEPS_NO_BOOKS = capitalise(BOOKKEEPING_TEXT.NONE);

/** The match's reasons with withheld data said to be withheld, not described as missing. */
export function explainWithheld(match: Match, withheld: Withheld, ask: CounterpartAsk): Match {
  if (!withheld.financials && !withheld.needs) return match;
  return {
    ...match,
    components: match.components.map((c) => {
      if (c.factor === 'READINESS' && withheld.financials) {
        const rest = c.reason.startsWith(KEEPS_NO_BOOKS) ? c.reason.slice(KEEPS_NO_BOOKS.length) : null;
        const books =
          'Its bookkeeping (pembukuan) is not shared with you (that needs its consent with scope FINANCIALS), so it earns no credit';
        return { ...c, reason: rest !== null ? `${books}${rest}` : `${books}; the rest of readiness is its business age and size class.` };
      }
      if (c.factor === 'TICKET_SIZE' && withheld.needs) {
        return {
          ...c,
          reason: `Its financing needs (kebutuhan pembiayaan) are not shared with you (that needs its consent with scope NEEDS), so no ticket of ${ask.noun} is counted as fitting.`,
        };
      }
      return c;
    }),
  };
}

/**
 * Notes a funder's reads of consented data behind the matches it is shown: one audit record per
 * IKM of the page, written with the request's other records in one statement.
 */
export function auditShown(ctx: Context, matches: readonly Match[], withheldOf: Visibility): void {
  if (isStaff(ctx.viewer) || !callingFunderOf(ctx.viewer)) return;
  for (const match of matches) {
    if (ctx.viewer.enterpriseIds.includes(match.id)) continue;
    const withheld = withheldOf(match.id);
    const factors = new Set(match.components.map((c) => c.factor));
    const fields = [
      ...(!withheld.financials && factors.has('READINESS') ? ['bookkeeping'] : []),
      ...(!withheld.needs && factors.has('TICKET_SIZE') ? ['financingNeeds'] : []),
    ];
    if (fields.length > 0) auditProtectedRead(match.id, fields.map((f) => `match.${f}`), ctx);
  }
}
