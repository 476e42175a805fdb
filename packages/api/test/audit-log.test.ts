import { ANONYMOUS, createAuditLog, type Viewer } from '@temu-bisnis/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/connection';
import { openTestDatabase } from './support/database';

/** The audit trail's one INSERT per request writes every column as noted, on both databases. */
let db: Database;
beforeAll(async () => {
  db = await openTestDatabase({ seeded: true });
});
afterAll(() => db.close());

describe('audit records of a request', () => {
  it('are written in one statement with the viewer, the request id, the fields and a time-ordered id', async () => {
    const member = await db.prisma.organisationMembership.findFirstOrThrow({ where: { partner: { kind: 'FUNDER' } }, select: { userId: true, partner: { select: { id: true, kind: true, funderType: true } } } });
    const enterprise = await db.prisma.enterprise.findFirstOrThrow({ select: { id: true, district: { select: { regencyId: true } } } });
    const viewer: Viewer = { ...ANONYMOUS, userId: member.userId, partner: member.partner };
    const log = createAuditLog(viewer, 'req-audit-1');
    log.note({ action: 'READ_PROTECTED', subjectType: 'Enterprise', subjectId: enterprise.id, enterpriseId: enterprise.id, fields: ['npwp'] });
    log.note({ action: 'READ_PROTECTED', subjectType: 'Enterprise', subjectId: enterprise.id, enterpriseId: enterprise.id, fields: ['annualTurnover', 'npwp'] });
    log.note({ action: 'opportunityPost', subjectType: 'Mutation', subjectId: '' });
    const started = Date.now();
    const write = (sql: string, params: unknown[]) => db.query(sql, params);
    const before = db.statementCount;
    expect(await log.flush(write)).toBe(2);
    expect(db.statementCount - before).toBe(1);
    expect(await log.flush(write)).toBe(0);

    const rows = await db.prisma.auditRecord.findMany({ where: { requestId: 'req-audit-1' }, orderBy: { action: 'asc' } });
    expect(rows.map(({ id: _id, at: _at, ...rest }) => rest)).toEqual([
      { actorUserId: member.userId, apiKeyId: null, partnerId: member.partner!.id, action: 'READ_PROTECTED', subjectType: 'Enterprise', subjectId: enterprise.id, enterpriseId: enterprise.id, regencyId: enterprise.district.regencyId, fields: ['annualTurnover', 'npwp'], requestId: 'req-audit-1' },
      { actorUserId: member.userId, apiKeyId: null, partnerId: member.partner!.id, action: 'opportunityPost', subjectType: 'Mutation', subjectId: '', enterpriseId: null, regencyId: null, fields: [], requestId: 'req-audit-1' },
    ]);
    for (const row of rows) {
      // Version 7: the first 48 bits are the Unix time in milliseconds (RFC 9562 §5.7).
      const ms = Number.parseInt(row.id.replace(/-/g, '').slice(0, 12), 16);
      expect(ms).toBeGreaterThanOrEqual(started - 1000);
      expect(ms).toBeLessThanOrEqual(Date.now() + 1000);
      expect(row.id[14]).toBe('7');
      expect(Math.abs(row.at.getTime() - started)).toBeLessThan(60_000);
    }
  });

  it('written ahead by a reading statement: kept when the notes agree, withdrawn in the one statement when they do not', async () => {
    const enterprises = await db.prisma.enterprise.findMany({ take: 3, orderBy: { id: 'asc' }, select: { id: true } });
    const [kept, withdrawn, widened] = enterprises.map(({ id }) => id) as [string, string, string];
    const entry = (id: string, fields: string[]) => ({ action: 'READ_PROTECTED', subjectType: 'Enterprise', subjectId: id, enterpriseId: id, fields });
    const log = createAuditLog(ANONYMOUS, 'req-audit-ahead');
    const ahead = await Promise.all(
      [kept, withdrawn, widened].map(async (id) => {
        const row = await db.prisma.auditRecord.create({ data: { ...entry(id, ['identity']), requestId: 'req-audit-ahead' } });
        log.wrote(row.id, entry(id, ['identity']));
        return row.id;
      }),
    );
    log.note(entry(kept, ['identity']));
    // The request read more of this one than the statement foresaw: its record is the notes' own.
    log.note(entry(widened, ['identity', 'financingReadiness.verdict']));
    const before = db.statementCount;
    expect(await log.flush((sql, params) => db.query(sql, params))).toBe(1);
    expect(db.statementCount - before).toBe(1);
    const rows = await db.prisma.auditRecord.findMany({ where: { requestId: 'req-audit-ahead' }, select: { id: true, subjectId: true, fields: true } });
    expect(rows.map(({ subjectId, fields }) => `${subjectId} ${fields.join(',')}`).sort()).toEqual(
      [`${kept} identity`, `${widened} financingReadiness.verdict,identity`].sort(),
    );
    expect(rows.find((r) => r.subjectId === kept)?.id).toBe(ahead[0]);

    // Agreeing notes alone: nothing to write.
    const agreeing = createAuditLog(ANONYMOUS, 'req-audit-agree');
    agreeing.wrote(ahead[0]!, entry(kept, ['identity']));
    agreeing.note(entry(kept, ['identity']));
    const quiet = db.statementCount;
    expect(await agreeing.flush((sql, params) => db.query(sql, params))).toBe(0);
    expect(db.statementCount).toBe(quiet);
  });
});
