import type { Viewer } from '../auth/viewer';
import { uuidV7 } from '../domain/identifiers/uuid';
import type { PrismaClient } from '../generated/prisma/client';

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId: string;
  enterpriseId?: string | null;
  fields?: string[];
}

/**
 * Audit records of one request. Resolvers note what they disclosed or changed; the server writes
 * them in one statement when execution is done, so auditing a page of 100 leads costs one INSERT,
 * not 100. Duplicates within a request (the same field read twice) are kept once.
 *
 * The INSERT takes the records as one JSON parameter. Prisma compiles a createMany anew for every
 * call (its plan cache keeps no writes of many rows): 13 ms of CPU for 30 records, against 1 ms.
 */
export interface AuditLog {
  note(entry: AuditEntry): void;
  flush(prisma: PrismaClient): Promise<number>;
}

export function createAuditLog(viewer: Viewer, requestId: string | null): AuditLog {
  const pending = new Map<string, AuditEntry>();
  return {
    note(entry) {
      const key = `${entry.action}|${entry.subjectType}|${entry.subjectId}`;
      const known = pending.get(key);
      const fields = [...new Set([...(known?.fields ?? []), ...(entry.fields ?? [])])].sort();
      pending.set(key, { ...entry, fields });
    },
    async flush(prisma) {
      if (pending.size === 0) return 0;
      const entries = [...pending.values()];
      pending.clear();
      const records = entries.map((e) => ({
        id: uuidV7(),
        action: e.action,
        subjectType: e.subjectType,
        subjectId: e.subjectId,
        enterpriseId: e.enterpriseId ?? null,
        fields: e.fields ?? [],
      }));
      // "at" takes the column's default, the statement's time, as createMany's rows did.
      await prisma.$executeRaw`
        INSERT INTO "AuditRecord" ("id", "actorUserId", "apiKeyId", "partnerId", "action", "subjectType", "subjectId", "enterpriseId", "fields", "requestId")
        SELECT r."id", ${viewer.userId}::uuid, ${viewer.apiKeyId}::uuid, ${viewer.partner?.id ?? null}::uuid,
               r."action", r."subjectType", r."subjectId", r."enterpriseId", r."fields", ${requestId}
        FROM json_to_recordset(${JSON.stringify(records)}::json)
          AS r("id" uuid, "action" text, "subjectType" text, "subjectId" text, "enterpriseId" uuid, "fields" text[])`;
      return entries.length;
    },
  };
}
