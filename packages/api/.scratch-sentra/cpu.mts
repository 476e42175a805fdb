import { openDatabase } from '../src/db/connection';
import { applyMigrations } from '../src/db/migrate';
import { seedDemoData } from '../src/seed/index';
import { loadSecurityConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { createGraphQLServer } from '../src/server/yoga';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
const db = await openDatabase({ url: 'postgresql://postgres@127.0.0.1:5432/temu_prof_sentra' });
await applyMigrations(db); await seedDemoData(db);
const QUERY = `query MarketplacePage($first: Int!) { opportunities(first: $first) { pageInfo { hasNextPage endCursor } nodes {
      id kind title status validUntil quantity unit amountMin amountMax productCategory
      partner { id name kind district { code name } }
      enterprise { id name sector district { code name } sentra { id name district { code name } } } } } }`;
const BODY = JSON.stringify({ query: QUERY, variables: { first: 50 } });
const real = createGraphQLServer({ db, logger: createLogger('error'), production: true, security: loadSecurityConfig({ RATE_LIMIT: 'off' }, true) });
const one = async () => { const r = await real.fetch('http://x/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY }); return r.text(); };
for (let i = 0; i < 30; i++) await one();
const s = new Session(); s.connect(); await s.post('Profiler.enable'); await s.post('Profiler.start');
const t0 = performance.now();
await Promise.all(Array.from({ length: 10 }, async () => { for (let i = 0; i < 30; i++) await one(); }));
console.log('300 requests conc 10 ms', performance.now() - t0);
const { profile } = await s.post('Profiler.stop');
writeFileSync('/tmp/scratch/real.cpuprofile', JSON.stringify(profile));
// summarize self time by function+url
const self = new Map<string, number>(); const byFile = new Map<string, number>();
const dt = profile.timeDeltas; const idToNode = new Map(profile.nodes.map((n: any) => [n.id, n]));
for (let i = 0; i < profile.samples.length; i++) { const n: any = idToNode.get(profile.samples[i]); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('node_modules/').pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + dt[i]); const f = n.callFrame.url.includes('.pnpm/') ? n.callFrame.url.split('.pnpm/')[1].split('/')[0] : n.callFrame.url.replace(/.*\/work\/main\//, '') || n.callFrame.functionName; byFile.set(f, (byFile.get(f) ?? 0) + dt[i]); }
const total = dt.reduce((a: number, b: number) => a + b, 0);
console.log('--- by package/file');
for (const [k, v] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((v / total * 100).toFixed(1) + '%', k);
console.log('--- by function');
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((v / total * 100).toFixed(1) + '%', k);
await db.close();
