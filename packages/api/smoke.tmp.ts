import { openDatabase } from '/work/main/packages/api/src/db/connection';
import { applyMigrations } from '/work/main/packages/api/src/db/migrate';
import { createLogger } from '/work/main/packages/api/src/logger';
import { startHttpServer } from '/work/main/packages/api/src/server/http';
import { createGraphQLServer } from '/work/main/packages/api/src/server/yoga';
import { loadSecurityConfig } from '/work/main/packages/api/src/config';

const db = await openDatabase({});
await applyMigrations(db);
const logger = createLogger('warn');
const production = process.env.PROD === '1';
const security = { ...loadSecurityConfig({ RATE_LIMIT_ANONYMOUS_PER_MINUTE: '50' }, production) };
const yoga = createGraphQLServer({ db, logger, production, security });
const http = await startHttpServer(yoga, db, logger, { port: 0, host: '127.0.0.1' });
async function post(body: unknown, headers: Record<string,string> = {}) {
  const r = await fetch(`${http.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const h = ['x-ratelimit-limit','x-ratelimit-remaining','x-ratelimit-reset','retry-after'].map(k => `${k}=${r.headers.get(k)}`).join(' ');
  console.log(r.status, h, (await r.text()).slice(0, 400));
}
const cases: [string, unknown][] = [
  ['ok', { query: '{ districts(first: 16) { totalCount } }' }],
  ['first101', { query: '{ districts(first: 101) { totalCount } }' }],
  ['last101var', { query: 'query($n: Int) { districts(last: $n) { totalCount } }', variables: { n: 101 } }],
  ['default var', { query: 'query($n: Int = 500) { districts(first: $n) { totalCount } }' }],
  ['neg', { query: '{ districts(first: -1) { totalCount } }' }],
  ['depth', { query: '{ sentra { nodes { district { sentra { nodes { district { sentra { nodes { district { sentra { nodes { name } } } } } } } } } } } }' }],
  ['aliases', { query: `{ ${Array.from({length: 16}, (_, i) => `a${i}: __typename`).join(' ')} }` }],
  ['tokens', { query: `{ ${Array.from({length: 2100}, () => `__typename`).join(' ')} }` }],
  ['directives', { query: `{ __typename ${Array.from({length: 51}, () => `@include(if: true)`).join(' ')} }` }],
  ['cost', { query: '{ sentra(first: 100) { nodes { district { sentra(first: 100) { nodes { district { sentra(first: 100) { nodes { name } } } } } } } } }' }],
  ['batch', [{ query: '{ __typename }' }, { query: '{ __typename }' }]],
  ['suggest', { query: '{ districtz { totalCount } }' }],
  ['enum suggest', { query: '{ sentra(filter: { sector: BATK }) { totalCount } }' }],
  ['enum var suggest', { query: 'query($s: Sector) { sentra(filter: { sector: $s }) { totalCount } }', variables: { s: 'BATK' } }],
  ['nul', { query: '{ sentra(filter: { search: "a\\u0000b" }) { totalCount } }' }],
  ['long', { query: 'query($s: String) { sentra(filter: { search: $s }) { totalCount } }', variables: { s: 'x'.repeat(10001) } }],
  ['introspection', { query: '{ __schema { queryType { name } } }' }],
  ['persisted unknown', { extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }],
  ['no query', { }],
  ['int overflow', { query: 'query($n: Int) { districts(first: $n) { totalCount } }', variables: { n: 2 ** 31 } }],
];
for (const [name, body] of cases) { process.stdout.write(`${name}: `); await post(body); }
process.stdout.write('big body: '); await post({ query: '{ __typename }', variables: { x: 'y'.repeat(100_001) } });
process.stdout.write('bad bearer: '); await post({ query: '{ __typename }' }, { authorization: 'Bearer tb_key_nope' });
await http.close();
