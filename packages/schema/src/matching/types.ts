import { builder } from '../builder';
import { SectorEnum } from '../common/enums';
import type { Factor, MatchComponent } from '../domain/matching';
import { FACTORS } from '../domain/matching';

/**
 * GraphQL shapes of the explainable matching model (domain/matching). A match is derived data, not
 * a stored record, so it is no Node: it lives in the connection that ranked it, and its cursor
 * carries its (score, id) place in that ranking.
 *
 * The counterpart: each connection ranks one kind of thing, so each has its own typed match,
 * EnterpriseMatch { enterprise } or PartnerMatch { partner }, both implementing the Match
 * interface (score and components). A client selects `enterprise { … }` without fragments, the
 * field is non-null, and a shared `fragment on Match` still reads the explanation of either.
 */

const FACTOR_DESCRIPTIONS: Record<Factor, string> = {
  SECTOR:
    'Sector and KBLI (Klasifikasi Baku Lapangan Usaha Indonesia) fit: the KBLI code the counterpart seeks (1), a shared subgolongan, golongan or golongan pokok (less the further up the KBLI tree the codes part), the sector alone, or only both being in manufacturing (kategori C).',
  SUPPLY_CHAIN:
    "Supply-chain fit (suppliers): what the supplier offers is a main input of the IKM's KBLI, after BPS's input–output table; the primary KBLI counts more than a secondary one.",
  PRODUCT: 'Product fit: the IKM makes at least one product category the counterpart seeks.',
  CAPACITY:
    'Capacity (kapasitas produksi) against the volume asked: 1 when a month of production of the sought categories covers it, else the share covered.',
  DISTRICT:
    'Proximity: the same kecamatan or Sentra IKM (1), a kecamatan the counterpart serves (0.75), a counterpart serving the whole city (0.6); 0 outside the kecamatan it serves.',
  CERTIFICATION: 'Certifications (Halal, SNI, PIRT, BPOM, …) the counterpart requires: the share the IKM holds, unexpired.',
  TICKET_SIZE:
    "Ticket size (funders): the IKM's open financing need (kebutuhan pembiayaan) lies within the funder's ticket range (1) or not (0). Read only when the viewer may see the IKM's needs.",
  READINESS:
    "Readiness: bookkeeping (pembukuan), business age of at least 6 months (usia usaha) and an IKM size class under PP 7/2021, a third each. Bookkeeping is read only when the viewer may see the IKM's financial data.",
  FEEDBACK:
    'Forum history: earlier Temu Bisnis outcomes of this pair (DEAL, FOLLOW_UP raise it; NO_INTEREST lowers it) and of similar pairs (same IKM sector, same kind of partner); 0.5 is neutral.',
};

export const MatchFactorEnum = builder.enumType('MatchFactor', {
  description: 'One factor of an explainable match score. Each factor is scored as a value from 0 to 1 and weighted.',
  values: Object.fromEntries(FACTORS.map((f) => [f, { description: FACTOR_DESCRIPTIONS[f] }])) as Record<
    Factor,
    { description: string }
  >,
});

export const MatchComponentRef = builder.objectRef<MatchComponent>('MatchComponent').implement({
  description:
    'One line of an explained score: how well the pair fits on one factor, its weight, the points it adds and why. The points of all components add up exactly to the score.',
  fields: (t) => ({
    factor: t.field({ type: MatchFactorEnum, description: 'The factor measured.', resolve: (c) => c.factor }),
    weight: t.float({
      description: "The factor's share of the score, 0 to 1; the weights of a match add up to 1.",
      resolve: (c) => c.weight,
    }),
    value: t.float({ description: 'How well the pair fits on this factor, 0 (not at all) to 1 (fully).', resolve: (c) => c.value }),
    points: t.int({
      description:
        'Points this line adds to the score: weight × value × 100, rounded so that the lines add up exactly to the score (largest remainder method).',
      resolve: (c) => c.points,
    }),
    reason: t.string({ description: 'Why, in a sentence a person can check against the two profiles.', resolve: (c) => c.reason }),
  }),
});

/** What every match carries; the counterpart is added by the typed match objects. */
export interface MatchShape {
  id: string;
  score: number;
  components: MatchComponent[];
}

export const MatchInterface = builder.interfaceRef<MatchShape>('Match').implement({
  description:
    'An explainable match between an IKM and a partner or opportunity: a score from 0 to 100 with the components that make it up. See EnterpriseMatch and PartnerMatch for the counterpart.',
  fields: (t) => ({
    score: t.int({
      description: 'How well the two fit, 0 to 100: the sum of the points of the components.',
      resolve: (m) => m.score,
    }),
    components: t.field({
      type: [MatchComponentRef],
      description: 'The factors behind the score, in the order of the model; their points add up to the score.',
      resolve: (m) => m.components,
    }),
  }),
});

export const MatchWeightInput = builder.inputType('MatchWeightInput', {
  description:
    'A what-if weight for one factor, in the points the defaults use (e.g. BUYER: SECTOR 20, PRODUCT 20, CAPACITY 15, CERTIFICATION 15, DISTRICT 10, READINESS 10, FEEDBACK 10). Factors left out keep their default; weights are renormalised to add up to 1 per kind of counterpart, and a factor a kind does not score stays unscored.',
  fields: (t) => ({
    factor: t.field({ type: MatchFactorEnum, required: true, description: 'The factor to re-weight.' }),
    weight: t.float({ required: true, description: 'Its weight, at least 0 (0 switches it off).' }),
  }),
});

export const RecommendationFilter = builder.inputType('RecommendationFilter', {
  description:
    "Narrows a partner's recommended IKM. Conditions combine with AND and apply before ranking, so scores and cursors do not depend on them; totalCount counts what is left.",
  fields: (t) => ({
    sectors: t.field({ type: [SectorEnum], description: 'Only IKM in one of these sectors.' }),
    districtCodes: t.stringList({
      description: 'Only IKM in one of these kecamatan, by Kemendagri code NN.NN.NN (e.g. "33.74.12" for Gunungpati).',
    }),
    sentraId: t.id({ description: 'Only members of this Sentra IKM (global ID).' }),
    minScore: t.int({ description: 'Only matches scoring at least this much (0–100).' }),
    notMetBefore: t.boolean({
      description: 'Leave out IKM the partner has already met at a Temu Bisnis forum (a meeting with a recorded outcome).',
    }),
  }),
});

export type RecommendationFilterShape = typeof RecommendationFilter.$inferInput;
export type MatchWeightShape = typeof MatchWeightInput.$inferInput;
