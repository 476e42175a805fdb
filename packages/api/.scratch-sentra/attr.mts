import { openDatabase } from '../src/db/connection';
import { loadSecurityConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { createGraphQLServer } from '../src/server/yoga';
import { securityPlugins } from '../src/server/security/index';
import { useAudit } from '../src/server/audit-plugin';
import { authenticate } from '../src/auth/authenticate';
import { schema, createAuditLog } from '@temu-bisnis/schema';
import { createYoga } from 'graphql-yoga';
const db = await openDatabase({ url: 'postgresql://postgres@127.0.0.1:5432/temu_prof_sentra' });
const QUERY = `query MarketplacePage($first: Int!) { opportunities(first: $first) { pageInfo { hasNextPage endCursor } nodes {
      id kind title status validUntil quantity unit amountMin amountMax productCategory
      partner { id name kind district { code name } }
      enterprise { id name sector district { code name } sentra { id name district { code name } } } } } }`;
const BODY = JSON.stringify({ query: QUERY, variables: { first: 50 } });
const security = loadSecurityConfig({ RATE_LIMIT: 'off' }, true);
const logger = createLogger('error');
const context = async ({ request }: any) => { const now = new Date(); const viewer = await authenticate(db.prisma, request.headers.get('authorization'), now); return { prisma: db.prisma, now, viewer, audit: createAuditLog(viewer, null) }; };
const mk = (plugins: any[]) => createYoga({ schema, logging: false, maskedErrors: true, context, plugins });
const all = securityPlugins(security, logger);
const variants: Record<string, any> = {
  real: createGraphQLServer({ db, logger, production: true, security }),
  'all plugins but timeout': mk([...all.slice(0, -1), useAudit()]),
  'timeout only': mk([all.at(-1)]),
  'security but timeout, no audit': mk(all.slice(0, -1)),
  'pothos only': mk([]),
};
const f = (y: any) => async () => { const r = await y.fetch('http://x/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY }); const t = await r.text(); if (!t.startsWith('{"data"')) throw new Error(t.slice(0, 300)); };
const cpu = async (fn: () => Promise<unknown>, n = 200, c = 10) => { for (let i = 0; i < 20; i++) await fn(); const b = process.cpuUsage(); await Promise.all(Array.from({ length: c }, async () => { for (let i = 0; i < n / c; i++) await fn(); })); const u = process.cpuUsage(b); return ((u.user + u.system) / 1000 / n).toFixed(2); };
const district = { select: { code: true, name: true } };
const every = () => db.prisma.opportunity.findMany({ take: 51, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], include: { partner: { include: { district: true } }, enterprise: { include: { district: true, sentra: { include: { district: true } } } } } });
const narrow = () => db.prisma.opportunity.findMany({ take: 51, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], select: { id: true, kind: true, title: true, status: true, validUntil: true, quantity: true, unit: true, amountMin: true, amountMax: true, productCategory: true, partner: { select: { id: true, name: true, kind: true, district } }, enterprise: { select: { id: true, name: true, sector: true, district, sentra: { select: { id: true, name: true, district } } } } } });
for (let rep = 0; rep < 2; rep++) {
  for (const [k, y] of Object.entries(variants)) console.log(k, await cpu(f(y)));
  console.log('prisma every column', await cpu(every));
  console.log('prisma narrow', await cpu(narrow));
}
await db.close();
