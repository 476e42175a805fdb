import type { FieldNode } from 'graphql';

/**
 * The alias under which a planned read asks the resolvers only for each object's global ID; the
 * objects themselves are then built by the database (planner/).
 */
export const PLANNED_ID = '__plannedId';

/** True when a field's selection is that global ID alone: a list of them needs no slicing. */
export function selectsOnlyPlannedId(fieldNodes: readonly FieldNode[]): boolean {
  return fieldNodes.every((node) => {
    const selections = node.selectionSet?.selections;
    return selections?.length === 1 && selections[0]!.kind === 'Field' && selections[0]!.alias?.value === PLANNED_ID;
  });
}
