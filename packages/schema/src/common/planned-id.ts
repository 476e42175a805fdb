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

/**
 * True when a connection field asks of its objects only their planned global IDs (in `nodes` and
 * `edges { node }`; cursors, pageInfo and counts need no column): the planner reads the objects
 * themselves, so the page's query needs only their ids.
 */
export function connectionNodesArePlanned(fieldNodes: readonly FieldNode[]): boolean {
  let planned = false;
  for (const node of fieldNodes) {
    for (const selection of node.selectionSet?.selections ?? []) {
      if (selection.kind !== 'Field') return false;
      const name = selection.name.value;
      if (name === 'nodes') {
        if (!selectsOnlyPlannedId([selection])) return false;
        planned = true;
      } else if (name === 'edges') {
        for (const inner of selection.selectionSet?.selections ?? []) {
          if (inner.kind !== 'Field') return false;
          if (inner.name.value === 'node') {
            if (!selectsOnlyPlannedId([inner])) return false;
            planned = true;
          } else if (inner.name.value !== 'cursor' && inner.name.value !== '__typename') return false;
        }
      } else if (name !== 'pageInfo' && name !== 'totalCount' && name !== '__typename') return false;
    }
  }
  return planned;
}
