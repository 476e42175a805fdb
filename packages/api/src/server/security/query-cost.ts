import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isEnumType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * What an operation can cost: the most values its response can hold, plus STATEMENT_COST for each
 * connection in the document. Every field counts once for each time it can appear. A connection
 * can return its page size (`first`/`last`, else the default of 20, never more than 100) of items; a plain list its bound (LIST_BOUNDS); `nodes(ids:)` one per id.
 * On an interface or union the most expensive possible type counts; fields selected twice (through
 * fragments) count once, as the executor merges them. Introspection fields count 1: their size is
 * the schema's, and INTROSPECTION governs who may ask.
 * A connection is at least one SQL statement however small its page (a nested one is one statement
 * for all its parents, and reads every child of them, whatever `first` says), so fifteen aliases of
 * tiny nested pages, which hold few values, still cost what their statements take.
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }

  const included = (node: SelectionNode) =>
    getDirectiveValues(GraphQLSkipDirective, node, variables)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;

  const applies = (condition: string | undefined, object: GraphQLObjectType) => {
    if (!condition) return true;
    const type = schema.getType(condition);
    return type === object || (isAbstractType(type) && schema.isSubType(type, object));
  };

  /** The fields that run on an object of this type, merged by response key. */
  function fieldsOf(set: SelectionSetNode, object: GraphQLObjectType, into = new Map<string, FieldNode[]>()) {
    for (const selection of set.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        into.set(key, [...(into.get(key) ?? []), selection]);
        continue;
      }
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
      if (fragment && applies(fragment.typeCondition?.name.value, object)) fieldsOf(fragment.selectionSet, object, into);
    }
    return into;
  }

  function selectionCost(sets: SelectionSetNode[], type: GraphQLCompositeType, pageSize: number): number {
    const objects = isAbstractType(type) ? schema.getPossibleTypes(type) : [type];
    let most = 0;
    for (const object of objects) {
      const fields = new Map<string, FieldNode[]>();
      for (const set of sets) fieldsOf(set, object, fields);
      let cost = 0;
      for (const nodes of fields.values()) cost += fieldCost(nodes, object, pageSize);
      most = Math.max(most, cost);
    }
    return most;
  }

  let statements = 0;

  function fieldCost(nodes: FieldNode[], parent: GraphQLObjectType, pageSize: number): number {
    const name = nodes[0]!.name.value;
    const field = parent.getFields()[name];
    if (name.startsWith('__') || !field) return 1;
    const args = argumentsOf(field, nodes[0]!, variables);
    const type = getNamedType(field.type);
    const count = isListType(getNullableType(field.type)) ? listBound(parent, field, args, pageSize) : 1;
    if (isLeafType(type)) return count;
    if (isConnection(type)) statements += 1;
    const sets = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
    return count * (1 + selectionCost(sets, type as GraphQLCompositeType, pageSizeOf(type, args)));
  }

  const root = schema.getRootType(operation.operation);
  const values = root ? selectionCost([operation.selectionSet], root, DEFAULT_PAGE_SIZE) : 0;
  return values + statements * STATEMENT_COST;
}

/**
 * A statement's price in values. Measured on the embedded database under load: 15 aliases of a
 * shape with two nested connections and pages of 1 hold under 300 values but run 30 statements
 * and took seconds. At 1,700 any 15 aliases (the alias limit) with two connections cost over
 * 51,000, above the anonymous budget, while an SDK operation (one or two connections) pays at most
 * 3,400.
 */
const STATEMENT_COST = 1_700;

/** Pothos' connection defaults (builder.ts, DESIGN.md): 20 items unless asked, at most 100. */
export const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

/**
 * Declared bounds of the plain lists that hold objects, as "Type.field" (every payload's
 * userErrors under "*.userErrors"). Where the application enforces a maximum the bound is that
 * maximum (cited); elsewhere it is a generous estimate of what the domain produces. A list of enum
 * values is bounded by its enum; other scalar lists by SCALAR_LIST_BOUND; a list missing here counts
 * as MAX_PAGE_SIZE (a test keeps this table complete).
 */
export const LIST_BOUNDS: Record<string, number> = {
  '*.userErrors': 20,
  // The maxima enterprise/validate.ts (LIMITS) enforces; certifications are one per CertificationKind.
  'Enterprise.products': 50,
  'Enterprise.certifications': 10,
  'Enterprise.contacts': 10,
  'Enterprise.kbliCodes': 20,
  'Partner.contacts': 10, // partner/mutations.ts MAX_CONTACTS
  'EnterpriseMatch.components': 10, // one per MatchFactor
  'PartnerMatch.components': 10,
  'ReadinessAssessment.rules': 20, // the KUR rule set (domain/readiness/rule-set.ts)
  'LeadReview.history': 50,
  'Sentra.capacityByCategory': 30,
  'Sentra.sizeClassBreakdown': 4, // one per SizeClass
  // A forum day: at most 8 breaks and 100 tables (forum/service/lifecycle.ts); slots of a working day.
  'Forum.breaks': 8,
  'Forum.tables': 100,
  'Forum.slots': 40,
  'Forum.myParticipants': 5,
  'ForumParticipant.agenda': 40,
  'ForumParticipant.availableSlots': 40,
  'Meeting.seats': 4,
  'Meeting.feedback': 4,
  'Meeting.followUps': 10,
  'WallPlan.rows': 40,
  'WallPlan.tables': 100,
  'WallPlanRow.cells': 100,
  'WallPlanCell.participantNames': 4,
  // A schedule run places at most the forum's accepted requests; 500 covers a full day of tables.
  'SchedulePreview.assignments': 500,
  'SchedulePreview.unscheduled': 500,
  'ScheduleRun.createdMeetings': 500,
  'ScheduleRun.unscheduled': 500,
  // consortium/service.ts: at most MAX_MEMBERS shares; allocate.ts explains a share in at most 4 sentences, an
  // ad-hoc member's share adds where it is against the delivery.
  'ConsortiumOffer.shares': 500,
  'ConsortiumShare.reasons': 5,
  // consortium/candidates.ts: MAX_SENTRA_GROUPS sentra and one ad-hoc group; a group is proposed whole with at
  // most MAX_MEMBERS (500) members; an ad-hoc member's reasons are 2 + 3 match + 4 allocation.
  'ConsortiumCandidates.groups': 11,
  'ConsortiumCandidates.deliveryDistricts': 16, // at most 16 kecamatan codes (partner/checks.ts)
  'ConsortiumCandidates.nearbyDistricts': 16,
  'ConsortiumCandidateGroup.members': 500,
  'ConsortiumCandidateMember.reasons': 9,
};
/** Text lists (KBLI prefixes, district codes, product categories, flagship products) hold at most 30 (partner/checks.ts MAX_LIST_ITEMS). */
const SCALAR_LIST_BOUND = 30;

function listBound(
  parent: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  pageSize: number,
): number {
  if (isConnection(parent) && (field.name === 'edges' || field.name === 'nodes')) return pageSize;
  if (Array.isArray(args.ids)) return args.ids.length;
  const declared = LIST_BOUNDS[`${parent.name}.${field.name}`] ?? LIST_BOUNDS[`*.${field.name}`];
  if (declared !== undefined) return declared;
  const item = getNamedType(field.type);
  if (isEnumType(item)) return item.getValues().length;
  return isLeafType(item) ? SCALAR_LIST_BOUND : MAX_PAGE_SIZE;
}

function pageSizeOf(type: GraphQLNamedType, args: Record<string, unknown>): number {
  if (!isConnection(type)) return DEFAULT_PAGE_SIZE;
  const asked = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : DEFAULT_PAGE_SIZE;
  return Math.min(Math.max(asked, 0), MAX_PAGE_SIZE);
}

/** A Relay connection: an object type with edges and pageInfo. */
export function isConnection(type: GraphQLNamedType): boolean {
  return isObjectType(type) && 'edges' in type.getFields() && 'pageInfo' in type.getFields();
}

/** Arguments as the executor will see them; arguments it would refuse count as absent (it refuses them itself). */
function argumentsOf(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>) {
  try {
    return getArgumentValues(field, node, variables);
  } catch {
    return {};
  }
}
