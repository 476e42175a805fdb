import {
  type DocumentNode,
  type FieldNode,
  getNamedType,
  getOperationAST,
  type GraphQLObjectType,
  type GraphQLSchema,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { PLANNED_ID } from '../common/planned-id';
import type { Context } from '../context';
import { fieldSql, idColumn, modelOf, quote } from './fields';

/** Fields of one object at most: a statement's text grows with each. */
const MAX_KEYS = 50;

/**
 * One place in the answer where rows of one type are read by a single SQL statement: the response
 * keys leading to it from the root (lists are crossed on the way), the type whose global IDs the
 * reduced operation leaves there, and the statement, which takes those rows' ids ($1, in order)
 * and the time of the request ($2, when a field needs it) and returns one row per id, in order:
 * the id and `j`, its object as JSON text.
 */
export interface PlannedPosition extends TypePlan {
  path: string[];
  typename: string;
}

/**
 * How one position's objects are read: the statement, its parameters for the ids of the objects
 * (in order; `shown`: how many of them the answer shows, when the statement reads one more to know
 * whether another page follows) and the request, and, for a type with a plan of its own, how one
 * row becomes the object's JSON text (null: the selection cannot be answered this way after all)
 * and what the statement wrote besides reading (`wrote`, given its rows: audit records).
 *
 * The statement takes the ids as `unnest($1::uuid[])`, once: a page read through the driver puts
 * its own query there (planner/page.ts). Each row has the object's `id` and its `j`.
 */
export interface TypePlan {
  sql: string;
  params: (ids: string[], ctx: Context, shown?: number) => unknown[];
  finish?: (row: unknown, ctx: Context) => string | null;
  wrote?: (rows: Record<string, unknown>[], ctx: Context) => void;
}

/**
 * A type whose fields are not all columns (computed under authorisation, say) may plan a page of
 * its objects itself: `extensions: { plannedRead }` on its Pothos definition, given the selection
 * on it; null when it cannot.
 */
export type PlannedRead = (type: GraphQLObjectType, selectionSet: SelectionSetNode) => TypePlan | null;

export interface Plan {
  /** The operation with each planned selection replaced by `__plannedId: id`. */
  document: DocumentNode;
  positions: PlannedPosition[];
}

export type Built = { sql: string; usesNow: boolean };

/**
 * The fields of a selection with their response keys, when it can be answered as one JSON object
 * written in one go: at most MAX_KEYS plain fields (no fragment, directive or argument), no response
 * key twice; otherwise null.
 */
export function plainFields(selectionSet: SelectionSetNode | undefined): { key: string; field: FieldNode }[] | null {
  if (!selectionSet || selectionSet.selections.length > MAX_KEYS) return null;
  const fields: { key: string; field: FieldNode }[] = [];
  const keys = new Set<string>();
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.directives?.length || selection.arguments?.length) return null;
    const key = selection.alias?.value ?? selection.name.value;
    if (keys.has(key)) return null;
    keys.add(key);
    fields.push({ key, field: selection });
  }
  return fields;
}

/**
 * The JSON text of a selection on `type` read from `row`, written without spaces (json_build_object
 * writes `"key" : value, …`, a tenth more bytes to send on); null unless every selection is a plain
 * field (no fragment, directive or repeated response key) with an SQL form. Each value is JSON
 * text, never NULL (`null`): one NULL would make the whole concatenation NULL.
 */
export function objectSql(type: GraphQLObjectType, selectionSet: SelectionSetNode | undefined, row: string, depth: number): Built | null {
  const fields = plainFields(selectionSet);
  if (!fields) return null;
  const pairs: string[] = [];
  let usesNow = false;
  for (const { key, field } of fields) {
    const value = valueSql(type, field, row, depth);
    if (!value) return null;
    usesNow ||= value.usesNow;
    // Response keys are GraphQL names ([_A-Za-z][_0-9A-Za-z]*): safe inside a string literal.
    pairs.push(`'${pairs.length === 0 ? '{' : ','}"${key}":' || ${value.sql}`);
  }
  return { sql: `(${pairs.join(' || ')} || '}')`, usesNow };
}

function valueSql(type: GraphQLObjectType, field: FieldNode, row: string, depth: number): Built | null {
  if (field.name.value === '__typename') return { sql: `'"${type.name}"'`, usesNow: false };
  const how = fieldSql(type, field.name.value);
  if (!how) return null;
  if (how.kind === 'value') {
    if (field.selectionSet) return null;
    // to_json writes a value as json_build_object would.
    return { sql: `coalesce(to_json(${how.sql(row, '$2::timestamp(3)')})::text, 'null')`, usesNow: how.usesNow };
  }
  const other = `r${depth + 1}`;
  const inner = objectSql(how.target, field.selectionSet, other, depth + 1);
  if (!inner) return null;
  const from = `FROM ${quote(how.model)} ${other} WHERE ${how.on(row, other)}`;
  const sql =
    how.kind === 'one'
      ? `coalesce((SELECT ${inner.sql} ${from}), 'null')`
      : `coalesce((SELECT '[' || string_agg(${inner.sql}, ',' ORDER BY ${how.orderBy.map((k) => `${other}.${k}`).join(', ')}) || ']' ${from}), '[]')`;
  return { sql, usesNow: inner.usesNow };
}

/**
 * The statement reading the objects of `type` for a list of ids, in their order (null for a vanished
 * row), each as its own text: the answer can carry it as the database wrote it (planner/run.ts).
 */
function positionSql(type: GraphQLObjectType, field: FieldNode): TypePlan | null {
  const own = (type.extensions as { plannedRead?: PlannedRead }).plannedRead;
  if (own) return field.selectionSet ? own(type, field.selectionSet) : null;
  const model = modelOf(type);
  const column = model && idColumn(model);
  const built = objectSql(type, field.selectionSet, 'r0', 0);
  if (!column || !built) return null;
  const id = quote(column);
  const sql =
    `SELECT t.id, CASE WHEN r0.${id} IS NULL THEN NULL ELSE ${built.sql} END AS j ` +
    `FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ord) LEFT JOIN ${quote(model!)} r0 ON r0.${id} = t.id ORDER BY t.ord`;
  return { sql, params: built.usesNow ? (ids, ctx) => [ids, ctx.now.toISOString()] : (ids) => [ids] };
}

const idOnly: SelectionSetNode = {
  kind: Kind.SELECTION_SET,
  selections: [{ kind: Kind.FIELD, alias: { kind: Kind.NAME, value: PLANNED_ID }, name: { kind: Kind.NAME, value: 'id' } }],
};

/**
 * Where `field` (of `parentType`, reached by `path`) holds planned objects: the field itself when
 * its type is a Prisma node read entirely in SQL, or the `nodes` and `edges { node }` of a
 * connection. Returns the field with those selections replaced, and the positions found.
 */
function planField(parentType: GraphQLObjectType, field: FieldNode, path: string[], positions: PlannedPosition[], depth: number): FieldNode {
  const definition = parentType.getFields()[field.name.value];
  const type = definition && getNamedType(definition.type);
  if (!type || !isObjectType(type) || !field.selectionSet) return field;
  const here = [...path, field.alias?.value ?? field.name.value];
  if (type.getInterfaces().some((i) => i.name === 'Node') && type.getFields().id) {
    const planned = positionSql(type, field);
    if (planned) {
      positions.push({ path: here, typename: type.name, ...planned });
      return { ...field, selectionSet: idOnly };
    }
    return field;
  }
  // A connection's nodes, and its edges' node: two levels at most below the root field.
  const isConnection = depth === 0 && /Connection$/.test(type.name);
  const isEdge = depth === 1 && /Edge$/.test(type.name);
  if (!isConnection && !isEdge) return field;
  const selections = field.selectionSet.selections.map((s) =>
    s.kind === Kind.FIELD && (isConnection ? s.name.value === 'nodes' || s.name.value === 'edges' : s.name.value === 'node')
      ? planField(type, s, here, positions, depth + 1)
      : s,
  );
  return { ...field, selectionSet: { ...field.selectionSet, selections } };
}

function compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): Plan | null {
  const operation = getOperationAST(document, operationName);
  const query = schema.getQueryType();
  if (operation?.operation !== 'query' || !query) return null;
  const positions: PlannedPosition[] = [];
  const selections = operation.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? planField(query, s, [], positions, 0) : s));
  if (positions.length === 0) return null;
  const planned: OperationDefinitionNode = { ...operation, selectionSet: { ...operation.selectionSet, selections } };
  return { document: { ...document, definitions: document.definitions.map((d) => (d === operation ? planned : d)) }, positions };
}

const plans = new WeakMap<DocumentNode, Map<string, Plan | null>>();

/**
 * The plan of an operation, or null when nothing in it can be read in SQL. Compiled once per parsed
 * document (yoga's parse cache hands the same document to the same query text).
 */
export function planOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): Plan | null {
  let byName = plans.get(document);
  if (!byName) plans.set(document, (byName = new Map()));
  const key = operationName ?? '';
  if (!byName.has(key)) byName.set(key, compile(schema, document, operationName));
  return byName.get(key)!;
}
