import {
  type GraphQLArgument,
  type GraphQLEnumType,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
} from 'graphql';
import { esc } from '../server/agenda/html';

/**
 * Codes of top-level GraphQL errors (`errors[].extensions.code`), as opposed to a mutation's
 * `userErrors` (enum UserErrorCode, listed from the schema). The SDK maps each to one error class.
 */
export const TOP_LEVEL_ERROR_CODES: Record<string, { sdkClass: string; meaning: string }> = {
  UNAUTHENTICATED: {
    sdkClass: 'AuthenticationError',
    meaning:
      'The Authorization header is malformed, or names no live token or key. extensions.reason says which: MALFORMED, UNKNOWN (no such secret), EXPIRED or REVOKED (told only to the holder of the real secret). HTTP 401.',
  },
  FORBIDDEN: {
    sdkClass: 'ForbiddenError',
    meaning: 'Authenticated, but not allowed. When an API key lacks a scope, extensions.requiredScope names it (an ApiScope value).',
  },
  BAD_USER_INPUT: {
    sdkClass: 'ValidationError',
    meaning: 'A variable or argument has an invalid value; extensions.field is the path to it (e.g. ["filter", "amountAtLeast"]). Nothing was changed.',
  },
  GRAPHQL_VALIDATION_FAILED: { sdkClass: 'ValidationError', meaning: 'The document does not match the schema, or exceeds a depth, alias or cost limit.' },
  GRAPHQL_PARSE_FAILED: { sdkClass: 'ValidationError', meaning: 'The document is not valid GraphQL syntax.' },
  RATE_LIMITED: { sdkClass: 'RateLimitedError', meaning: 'The credential (or IP) used its budget for the window; Retry-After and extensions.retryAfter say when to come back. HTTP 429.' },
  PERSISTED_QUERY_ONLY: { sdkClass: 'ForbiddenError', meaning: 'This server accepts only allow-listed (persisted) operations from API keys.' },
  PERSISTED_QUERY_NOT_FOUND: { sdkClass: '(retried by the SDK)', meaning: 'The hash is not on the server\'s list; the SDK sends the full document instead.' },
  IDEMPOTENCY_KEY_INVALID: { sdkClass: 'ValidationError', meaning: 'The Idempotency-Key header is not 1–255 printable ASCII characters.' },
  IDEMPOTENCY_KEY_REUSED: { sdkClass: 'ValidationError', meaning: 'The Idempotency-Key was used before for a different request.' },
  IDEMPOTENCY_KEY_IN_USE: { sdkClass: 'ServerError (retried)', meaning: 'The first request with this key is still running; try again shortly.' },
  ENDPOINT_NOT_FOUND: { sdkClass: 'ServerError', meaning: 'Nothing is served at the requested path (HTTP 404); the GraphQL endpoint is /graphql.' },
};

/** Anchor of a type's section. */
const anchor = (name: string) => `type-${name}`;

/** A type reference (e.g. `[Lead!]!`) with its named type linked. */
function typeRef(type: { toString(): string } & Parameters<typeof getNamedType>[0]): string {
  const named = getNamedType(type).name;
  const text = esc(type.toString());
  return text.replace(named, `<a href="#${anchor(named)}">${named}</a>`);
}

function describe(description: string | null | undefined): string {
  return description ? `<p>${esc(description).replace(/\n\n/g, '</p><p>')}</p>` : '';
}

function deprecation(reason: string | null | undefined): string {
  return reason ? `<p class="deprecated">Deprecated: ${esc(reason)}</p>` : '';
}

function argumentsOf(args: readonly GraphQLArgument[]): string {
  if (args.length === 0) return '';
  const rows = args
    .map(
      (a) =>
        `<li><code>${a.name}: ${typeRef(a.type)}${a.defaultValue !== undefined ? ` = ${esc(JSON.stringify(a.defaultValue))}` : ''}</code>${describe(a.description)}</li>`,
    )
    .join('');
  return `<ul class="args">${rows}</ul>`;
}

function fieldRows(fields: readonly (GraphQLField<unknown, unknown> | GraphQLInputField)[]): string {
  return fields
    .map(
      (f) =>
        `<tr><td><code>${f.name}</code></td><td><code>${typeRef(f.type)}</code></td><td>${describe(f.description)}${'args' in f ? argumentsOf(f.args) : ''}${deprecation(f.deprecationReason)}</td></tr>`,
    )
    .join('');
}

function enumRows(type: GraphQLEnumType): string {
  return type
    .getValues()
    .map((v) => `<tr><td><code>${v.name}</code></td><td>${describe(v.description)}${deprecation(v.deprecationReason)}</td></tr>`)
    .join('');
}

function kindOf(type: GraphQLNamedType): string {
  if (isObjectType(type)) return 'type';
  if (isInterfaceType(type)) return 'interface';
  if (isUnionType(type)) return 'union';
  if (isInputObjectType(type)) return 'input';
  if (isEnumType(type)) return 'enum';
  return 'scalar';
}

function section(type: GraphQLNamedType): string {
  let body = '';
  if (isObjectType(type) || isInterfaceType(type)) {
    const interfaces = type.getInterfaces();
    if (interfaces.length) body += `<p>Implements ${interfaces.map((i) => typeRef(i)).join(', ')}.</p>`;
    body += `<table><tr><th>field</th><th>type</th><th>description and arguments</th></tr>${fieldRows(Object.values(type.getFields()))}</table>`;
  } else if (isInputObjectType(type)) {
    body += `<table><tr><th>field</th><th>type</th><th>description</th></tr>${fieldRows(Object.values(type.getFields()))}</table>`;
  } else if (isUnionType(type)) {
    body += `<p>One of ${type.getTypes().map((t) => typeRef(t)).join(', ')}.</p>`;
  } else if (isEnumType(type)) {
    body += `<table><tr><th>value</th><th>description</th></tr>${enumRows(type)}</table>`;
  }
  return `<section id="${anchor(type.name)}"><h3><span class="kind">${kindOf(type)}</span> ${type.name}</h3>${describe(type.description)}${body}</section>`;
}

/** The schema's own types, alphabetically, without GraphQL's introspection types. */
function namedTypes(schema: GraphQLSchema): GraphQLNamedType[] {
  return Object.values(schema.getTypeMap())
    .filter((t) => !t.name.startsWith('__'))
    .sort((a, b) => a.name.localeCompare(b.name));
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:0;display:flex}nav{width:18rem;height:100vh;overflow:auto;position:sticky;top:0;padding:1rem;border-right:1px solid #ddd;font-size:13px}main{padding:1rem 2rem;max-width:70rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;text-align:left;vertical-align:top;padding:.3rem .5rem}td p{margin:.1rem 0}.kind{color:#888;font-weight:normal}.args{margin:.2rem 0;padding-left:1rem;font-size:13px}.deprecated{color:#a00}code{font-size:13px}nav a{display:block;text-decoration:none}`;

/**
 * The API reference as one static HTML page, generated from the schema: every query, mutation,
 * type, field, argument and enum value with its description, the error codes (UserErrorCode and
 * the top-level codes) and the API key scopes (ApiScope). `pnpm docs:reference` writes it to a
 * file; the API serves the same page at /docs/reference.
 */
export function renderReference(schema: GraphQLSchema): string {
  const types = namedTypes(schema);
  const root = (type: ReturnType<GraphQLSchema['getQueryType']>, title: string) =>
    type ? `<h2 id="${title.toLowerCase()}">${title}</h2><table><tr><th>${title === 'Queries' ? 'query' : 'mutation'}</th><th>returns</th><th>description and arguments</th></tr>${fieldRows(Object.values(type.getFields()))}</table>` : '';
  const scopes = schema.getType('ApiScope');
  const userErrors = schema.getType('UserErrorCode');
  const topLevel = Object.entries(TOP_LEVEL_ERROR_CODES)
    .map(([code, { sdkClass, meaning }]) => `<tr><td><code>${code}</code></td><td><code>${esc(sdkClass)}</code></td><td>${esc(meaning)}</td></tr>`)
    .join('');
  const nav = types.map((t) => `<a href="#${anchor(t.name)}">${t.name}</a>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Temu Bisnis API reference</title><meta name="viewport" content="width=device-width,initial-scale=1"><style>${STYLE}</style></head>
<body><nav><strong>Temu Bisnis API</strong><a href="#queries">Queries</a><a href="#mutations">Mutations</a><a href="#scopes">API key scopes</a><a href="#errors">Error codes</a><hr>${nav}</nav>
<main><h1>Temu Bisnis API reference</h1>
<p>The GraphQL API at <code>/graphql</code> (POST JSON; GraphiQL in a browser). Send <code>Authorization: Bearer &lt;token or API key&gt;</code>; without it you see the public directory only. Generated from the schema.</p>
${root(schema.getQueryType(), 'Queries')}
${root(schema.getMutationType(), 'Mutations')}
<h2 id="scopes">API key scopes</h2><p>An API key carries scopes (enum <a href="#${anchor('ApiScope')}">ApiScope</a>), written the same way everywhere: in <code>apiKeyCreate</code>, the SDK and these docs.</p>
${scopes && isEnumType(scopes) ? `<table><tr><th>scope</th><th>lets the program</th></tr>${enumRows(scopes)}</table>` : ''}
<h2 id="errors">Error codes</h2>
<h3>In a mutation's <code>userErrors</code> (nothing was changed)</h3><p>Each entry has <code>code</code>, <code>field</code> (the path to the input field) and <code>message</code>.</p>
${userErrors && isEnumType(userErrors) ? `<table><tr><th>code</th><th>meaning</th></tr>${enumRows(userErrors)}</table>` : ''}
<h3>Top-level <code>errors[].extensions.code</code></h3>
<table><tr><th>code</th><th>SDK class</th><th>meaning</th></tr>${topLevel}</table>
<h2 id="types">Types</h2>
${types.map(section).join('\n')}
</main></body></html>
`;
}
