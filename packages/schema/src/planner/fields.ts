import {
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  getNamedType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLOutputType,
} from 'graphql';
import { getDatamodel } from '../generated/pothos-types';

/**
 * How one GraphQL field of a Prisma-backed type reads in SQL, derived from the schema itself: a
 * field the Prisma plugin exposes from a column, the global ID of a node, or a relation the plugin
 * loads. A field with an authorisation rule, arguments or a resolver of its own has no SQL form
 * (unless it gives one: extensions.plannedSql), so a request selecting it runs through the resolvers as always.
 */
export type FieldSql =
  | { kind: 'value'; sql: (row: string, now: string) => string; usesNow: boolean }
  | { kind: 'one'; target: GraphQLObjectType; model: string; on: (row: string, other: string) => string }
  | { kind: 'many'; target: GraphQLObjectType; model: string; on: (row: string, other: string) => string; orderBy: string[] };

type DatamodelField = {
  name: string;
  kind: string;
  type: string;
  isList: boolean;
  isId?: boolean;
  relationName?: string;
  relationFromFields?: string[];
};
type Datamodel = { datamodel: { models: Record<string, { fields: DatamodelField[] }> } };

const models = (getDatamodel() as unknown as Datamodel).datamodel.models;

type Extensions = {
  pothosPrismaModel?: string;
  pothosExposedField?: string;
  pothosPrismaRelationField?: DatamodelField;
  pothosPrismaSelect?: (args: object, ctx: object, nested: (q: unknown) => unknown) => unknown;
  pothosOptions?: { authScopes?: unknown; unauthorizedResolver?: unknown; id?: unknown };
  /**
   * A field computed from columns whose rule also has an SQL form, kept beside the rule and given
   * as `extensions: { plannedSql }` on the field: the row's alias and the request's instant in, the
   * value out.
   */
  plannedSql?: (row: string, now: string) => string;
};

const ext = (thing: { extensions?: unknown }) => (thing.extensions ?? {}) as Extensions;

export const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The Prisma model behind a GraphQL object type, when the type has no type-level rule. */
export function modelOf(type: GraphQLNamedType): string | null {
  if (!isObjectType(type)) return null;
  const e = ext(type);
  if (!e.pothosPrismaModel || e.pothosOptions?.authScopes !== undefined) return null;
  return models[e.pothosPrismaModel] ? e.pothosPrismaModel : null;
}

export function idColumn(model: string): string | null {
  return models[model]?.fields.find((f) => f.isId)?.name ?? null;
}

/** A timestamp column (UTC, without a zone, as Prisma writes it) as toISOString() writes it. */
export const isoSql = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** How a column reads as the GraphQL scalar serialises it (common/scalars.ts); null for other scalars. */
function scalarSql(type: GraphQLOutputType): ((column: string) => string) | null {
  const nullable = isNonNullType(type) ? type.ofType : type;
  const asIs = (column: string) => column;
  if (isListType(nullable)) {
    const item = getNamedType(nullable);
    return item.name === 'String' || item.name === 'Int' || identityEnum(item) ? asIs : null;
  }
  const named = getNamedType(nullable);
  if (named.name === 'String' || named.name === 'Int' || named.name === 'Boolean' || identityEnum(named)) return asIs;
  // DateTime: toISOString(); Date: its first ten characters (the columns hold UTC).
  if (named.name === 'DateTime') return isoSql;
  if (named.name === 'Date') return (column) => `to_char(${column}, 'YYYY-MM-DD')`;
  // Money: integer rupiah as a decimal string.
  if (named.name === 'Money') return (column) => `${column}::text`;
  return null;
}

/** An enum whose GraphQL values are the stored values (the Prisma enums, common/enums.ts). */
function identityEnum(type: GraphQLNamedType): boolean {
  return isEnumType(type) && type.getValues().every((v) => v.value === v.name);
}

/** Base64 of "Type:uuid", as the relay plugin's encodeGlobalID writes it. */
function globalIdSql(typename: string, column: string): string {
  return `translate(encode(convert_to('${typename}:' || ${column}::text, 'UTF8'), 'base64'), E'\\n', '')`;
}

/** The foreign key joining `model` to the other side of `relation`, and on which side it lies. */
function join(model: string, relation: DatamodelField): ((row: string, other: string) => string) | null {
  const own = relation.relationFromFields ?? [];
  const target = relation.type;
  if (own.length === 1) {
    const targetId = idColumn(target);
    return targetId ? (row, other) => `${other}.${quote(targetId)} = ${row}.${quote(own[0]!)}` : null;
  }
  const inverse = models[target]?.fields.find((f) => f.relationName === relation.relationName && f.type === model && f !== relation);
  const fk = inverse?.relationFromFields ?? [];
  const ownId = idColumn(model);
  return fk.length === 1 && ownId ? (row, other) => `${other}.${quote(fk[0]!)} = ${row}.${quote(ownId)}` : null;
}

/** The query option of a relation field (Pothos keeps it inside its select builder); undefined if it cannot tell. */
function relationQuery(field: GraphQLField<unknown, unknown>, relationName: string): Record<string, unknown> | undefined {
  try {
    const selected = ext(field).pothosPrismaSelect?.({}, {}, (q) => q) as { select?: Record<string, unknown> } | undefined;
    const query = selected?.select?.[relationName];
    return query && typeof query === 'object' ? (query as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `orderBy: [{ name: 'asc' }, …]` of a list relation's query, in SQL; null for anything else (a
 * where, a take, an order on a relation): the order must be total for the answer to be the same.
 */
function orderOf(query: Record<string, unknown>, targetModel: string): string[] | null {
  const { orderBy, ...rest } = query;
  if (Object.keys(rest).length > 0 || !Array.isArray(orderBy) || orderBy.length === 0) return null;
  const columns = new Set(models[targetModel]?.fields.filter((f) => f.kind !== 'object').map((f) => f.name));
  const keys: string[] = [];
  for (const entry of orderBy as Record<string, unknown>[]) {
    const [pair, ...more] = Object.entries(entry);
    if (!pair || more.length > 0 || !columns.has(pair[0]) || (pair[1] !== 'asc' && pair[1] !== 'desc')) return null;
    keys.push(`${quote(pair[0])} ${pair[1] === 'asc' ? 'ASC' : 'DESC'}`);
  }
  return keys;
}

/** The SQL form of `type.field`, or null when the field must run through its resolver. */
export function fieldSql(type: GraphQLObjectType, fieldName: string): FieldSql | null {
  const model = modelOf(type);
  const field = type.getFields()[fieldName];
  if (!model || !field || field.args.length > 0) return null;
  const e = ext(field);
  if (e.pothosOptions?.authScopes !== undefined || e.pothosOptions?.unauthorizedResolver !== undefined) return null;
  const computed = e.plannedSql;
  if (computed) return { kind: 'value', sql: computed, usesNow: true };
  // A prismaNode's `id` is the global ID of its model's id column.
  const nodeId = ext(type).pothosOptions?.id ? idColumn(model) : null;
  if (fieldName === 'id' && nodeId && type.getInterfaces().some((i) => i.name === 'Node')) {
    return { kind: 'value', sql: (row) => globalIdSql(type.name, `${row}.${quote(nodeId)}`), usesNow: false };
  }
  if (e.pothosExposedField) {
    const column = models[model]!.fields.find((f) => f.name === e.pothosExposedField && f.kind !== 'object');
    if (!column) return null;
    const render = scalarSql(field.type);
    return render && { kind: 'value', sql: (row) => render(`${row}.${quote(column.name)}`), usesNow: false };
  }
  const relation = e.pothosPrismaRelationField;
  const target = getNamedType(field.type);
  const targetModel = modelOf(target);
  if (!relation || !targetModel || targetModel !== relation.type || !isObjectType(target)) return null;
  const on = join(model, relation);
  const query = relationQuery(field, relation.name);
  if (!on || !query) return null;
  // A single row: only a relation without a query of its own (no where, no select of its own).
  if (!relation.isList) return Object.keys(query).length === 0 ? { kind: 'one', target, model: targetModel, on } : null;
  const orderBy = orderOf(query, targetModel);
  return orderBy ? { kind: 'many', target, model: targetModel, on, orderBy } : null;
}
