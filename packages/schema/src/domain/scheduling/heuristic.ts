import { constrainedGreedy, firstComeGreedy } from './greedy';
import { augment, explore, upgrade } from './improve';
import type { Model } from './model';
import { compareObjectives, objectiveOf, type State } from './state';

/**
 * The heuristic for large forums or a short budget: most-constrained greedy, augmenting chains
 * for more meetings, a large-neighbourhood search for what chains cannot reach, swaps for more
 * priority, and the search again with whatever time is left. The first-come baseline is computed
 * too and returned if it happens to be better, so the heuristic is never worse than scheduling by
 * hand.
 */
export function runHeuristic(model: Model, deadline: number): State {
  const baseline = firstComeGreedy(model);
  const state = constrainedGreedy(model);
  augment(state, deadline);
  // Meetings come first: most of the time goes to finding them; priority swaps get the rest.
  explore(state, performance.now() + 0.6 * (deadline - performance.now()));
  upgrade(state, deadline);
  explore(state, deadline);
  return compareObjectives(objectiveOf(state), objectiveOf(baseline)) >= 0 ? state : baseline;
}
