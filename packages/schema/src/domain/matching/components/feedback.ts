import { capitalise, formatCount, plural, SECTOR_TEXT } from '../text';
import type { CounterpartRole, PairHistory } from '../types';
import { type Component, evaluation } from './common';

/**
 * What earlier Temu Bisnis forums say. With no history the value is neutral (one half), so history
 * can move a pair either way:
 * - this pair: each deal +0.25 and each agreed follow-up +0.15 (a relationship worth continuing);
 *   each "no interest" −0.5, so one such meeting alone takes the component to zero;
 * - similar pairs (same IKM sector, same counterpart role): their net rate, deals counting 1,
 *   follow-ups ½ and "no interest" −1, shrunk towards neutral as if 3 more meetings had been
 *   neutral, so one lucky meeting does not speak for a whole sector; it moves the value by at
 *   most ±0.5.
 */
export const FEEDBACK = {
  NEUTRAL: 0.5,
  PAIR_DEAL: 0.25,
  PAIR_FOLLOW_UP: 0.15,
  PAIR_NO_INTEREST: -0.5,
  SIMILAR_SCALE: 0.5,
  SIMILAR_PRIOR_MEETINGS: 3,
} as const;

const ROLE_PLURAL: Record<CounterpartRole, string> = {
  BUYER: 'buyers',
  SUPPLIER: 'suppliers',
  DISTRIBUTOR: 'distributors',
  FUNDER: 'funders',
};

const times = (n: number) => (n === 1 ? 'once' : `${formatCount(n)} times`);

/** The component's value before clamping to [0, 1]: the history alone decides it. */
export function feedbackValue({ pair, similar }: PairHistory): number {
  const pairShift =
    FEEDBACK.PAIR_DEAL * pair.DEAL + FEEDBACK.PAIR_FOLLOW_UP * pair.FOLLOW_UP + FEEDBACK.PAIR_NO_INTEREST * pair.NO_INTEREST;
  const similarMeetings = similar.DEAL + similar.FOLLOW_UP + similar.NO_INTEREST;
  const similarNet = similar.DEAL + similar.FOLLOW_UP / 2 - similar.NO_INTEREST;
  const similarShift = (FEEDBACK.SIMILAR_SCALE * similarNet) / (similarMeetings + FEEDBACK.SIMILAR_PRIOR_MEETINGS);
  return FEEDBACK.NEUTRAL + pairShift + similarShift;
}

export const feedbackFit: Component = (enterprise, ask, { history }) => {
  const { pair, similar } = history;
  const similarMeetings = similar.DEAL + similar.FOLLOW_UP + similar.NO_INTEREST;
  const value = feedbackValue(history);

  const pairParts = [
    ...(pair.NO_INTEREST > 0 ? [`this pair already met and recorded no interest (NO_INTEREST) ${times(pair.NO_INTEREST)}`] : []),
    ...(pair.DEAL > 0 ? [`this pair closed ${plural(pair.DEAL, 'deal')} before`] : []),
    ...(pair.FOLLOW_UP > 0 ? [`this pair agreed to follow up (FOLLOW_UP) ${times(pair.FOLLOW_UP)}`] : []),
  ];
  const who = `${SECTOR_TEXT[enterprise.sector]} IKM with ${ROLE_PLURAL[ask.role]}`;
  const similarParts =
    similarMeetings === 0
      ? [`no similar pairs (${who}) have met at earlier forums`]
      : (
          [
            [similar.DEAL, similar.DEAL === 1 ? 'closed a deal' : 'closed deals'],
            [similar.FOLLOW_UP, 'agreed to follow up'],
            [similar.NO_INTEREST, 'had no interest'],
          ] as const
        )
          .filter(([n]) => n > 0)
          .map(([n, did], i) => `${plural(n, 'similar pair')}${i === 0 ? ` (${who})` : ''} ${did}${i === 0 ? ' at earlier forums' : ''}`);
  const parts = [...(pairParts.length > 0 ? pairParts : ['this pair has not met before']), ...similarParts];
  const verdict =
    value > FEEDBACK.NEUTRAL ? 'raises this match' : value < FEEDBACK.NEUTRAL ? 'lowers this match' : 'leaves this match neutral';
  return evaluation('FEEDBACK', value, `${capitalise(parts.join('; '))}: forum history ${verdict}.`);
};
