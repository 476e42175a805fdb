import { openDatabase } from '/work/main/packages/api/src/db/connection';
import { applyMigrations } from '/work/main/packages/api/src/db/migrate';
import { seedDemoData } from '/work/main/packages/api/src/seed/index';
import { loadSecurityConfig } from '/work/main/packages/api/src/config';
import { createLogger } from '/work/main/packages/api/src/logger';
import { createGraphQLServer } from '/work/main/packages/api/src/server/yoga';
import { schema, createAuditLog } from '@temu-bisnis/schema';
import { createYoga } from 'graphql-yoga';
import { median, sample } from '/work/main/packages/api/bench/stats';
const db = await openDatabase(process.env.PGURL ? { url: process.env.PGURL } : {});
await applyMigrations(db); if (!process.env.PGURL) await seedDemoData(db);
const QUERY = `query MarketplacePage($first: Int!) { opportunities(first: $first) { pageInfo { hasNextPage endCursor } nodes {
      id kind title status validUntil quantity unit amountMin amountMax productCategory
      partner { id name kind district { code name } }
      enterprise { id name sector district { code name } sentra { id name district { code name } } } } } }`;
const BODY = JSON.stringify({ query: QUERY, variables: { first: 50 } });
const real = createGraphQLServer({ db, logger: createLogger('error'), production: true, security: loadSecurityConfig({ RATE_LIMIT: 'off' }, true) });
const anon = { kind: 'ANONYMOUS' } as any;
const plain = createYoga({ schema, logging: false, context: async () => ({ prisma: db.prisma, now: new Date(), viewer: (await import('/work/main/packages/api/src/auth/authenticate')).authenticate ? await (await import('/work/main/packages/api/src/auth/authenticate')).authenticate(db.prisma, null, new Date()) : anon, audit: createAuditLog(anon, null) }) as any });
const f = (y: any) => async () => { const r = await y.fetch('http://x/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY }); const t = await r.text(); if (!t.includes('"data"')) throw new Error(t.slice(0,300)); return t; };
let log = false; const sqls: string[] = [];
(db.prisma as any).$on('query', (e: any) => { if (log) sqls.push(e.query); });
log = true; await f(real)(); log = false;
for (const s of sqls) console.log('SQL', s.slice(0, 700));
const runs = { runs: 60, warmup: 10 };
console.log('real', median(await sample(f(real), runs)));
console.log('plain pothos yoga', median(await sample(f(plain), runs)));
const full = () => db.prisma.opportunity.findMany({ take: 51, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], include: { partner: { include: { district: true } }, enterprise: { include: { district: true, sentra: { include: { district: true } } } } } });
const district = { select: { code: true, name: true } };
const narrow = () => db.prisma.opportunity.findMany({ take: 51, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], select: { id: true, kind: true, title: true, status: true, validUntil: true, quantity: true, unit: true, amountMin: true, amountMax: true, productCategory: true, partner: { select: { id: true, name: true, kind: true, district } }, enterprise: { select: { id: true, name: true, sector: true, district, sentra: { select: { id: true, name: true, district } } } } } });
console.log('prisma full rows', median(await sample(full, runs)));
console.log('prisma narrow', median(await sample(narrow, runs)));
for (const s of sqls) { const t = median(await sample(() => db.query(s.replace(/\$\d+/g, 'NULL')).catch(()=>0), { runs: 20, warmup: 3 })); }
await db.close();
