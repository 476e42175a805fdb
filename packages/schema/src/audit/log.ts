import type { Viewer } from '../auth/viewer';
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
      await prisma.auditRecord.createMany({
        data: entries.map((e) => ({
          actorUserId: viewer.userId,
          apiKeyId: viewer.apiKeyId,
          partnerId: viewer.partner?.id ?? null,
          action: e.action,
          subjectType: e.subjectType,
          subjectId: e.subjectId,
          enterpriseId: e.enterpriseId ?? null,
          fields: e.fields ?? [],
          requestId,
        })),
      });
      return entries.length;
    },
  };
}
