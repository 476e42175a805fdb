import type { Viewer } from '../auth/viewer';
import { uuidsV7 } from '../domain/identifiers/uuid';

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
 * The INSERT takes the records as one JSON parameter, the same text every time: Prisma compiles a
 * createMany anew for every call (13 ms of CPU for 30 records, against 1 ms), and the server runs
 * it through the driver as a prepared statement (audit-plugin.ts).
 */
export interface AuditLog {
  note(entry: AuditEntry): void;
  /**
   * A record that a statement already wrote, under `id`, in the statement that read what it audits
   * (a planned page of leads, lead-plan.ts). That statement foresaw the request's notes in SQL:
   * flush keeps the record when the notes say exactly that, and withdraws it otherwise, so the
   * trail ends up holding what the notes say either way.
   */
  wrote(id: string, entry: AuditEntry): void;
  /** The acting person, API key, partner and request: auditInsert's four parameters. */
  actor(): unknown[];
  /** Writes what was noted with `write` (one statement with its parameters); the number of records. */
  flush(write: (sql: string, params: unknown[]) => Promise<unknown>): Promise<number>;
}

/**
 * The INSERT of the audit records of `source` (rows `r` with the columns id, action, subjectType,
 * subjectId, enterpriseId and fields) for the actor in $p…$p+3 (AuditLog.actor). "at" takes the
 * column's default, the statement's time, as createMany's rows did.
 */
export const auditInsert = (source: string, p: number) =>
  `INSERT INTO "AuditRecord" ("id", "actorUserId", "apiKeyId", "partnerId", "action", "subjectType", "subjectId", "enterpriseId", "fields", "requestId")
SELECT r."id", $${p}::uuid, $${p + 1}::uuid, $${p + 2}::uuid, r."action", r."subjectType", r."subjectId", r."enterpriseId", r."fields", $${p + 3}
FROM ${source}`;

/** The request's records ($5, JSON), withdrawing in the same statement the ones written ahead that its notes did not confirm ($6). */
export const AUDIT_INSERT = `WITH withdrawn AS (DELETE FROM "AuditRecord" WHERE "id" = ANY($6::uuid[]))
${auditInsert(`json_to_recordset($5::json) AS r("id" uuid, "action" text, "subjectType" text, "subjectId" text, "enterpriseId" uuid, "fields" text[])`, 1)}`;

const keyOf = (entry: AuditEntry) => `${entry.action}|${entry.subjectType}|${entry.subjectId}`;
const sameFields = (a: readonly string[] = [], b: readonly string[] = []) => a.length === b.length && a.every((f) => b.includes(f));

export function createAuditLog(viewer: Viewer, requestId: string | null): AuditLog {
  const pending = new Map<string, AuditEntry>();
  const written = new Map<string, AuditEntry>();
  const actor = () => [viewer.userId, viewer.apiKeyId, viewer.partner?.id ?? null, requestId];
  return {
    note(entry) {
      const key = keyOf(entry);
      const known = pending.get(key);
      const fields = [...new Set([...(known?.fields ?? []), ...(entry.fields ?? [])])].sort();
      pending.set(key, { ...entry, fields });
    },
    wrote(id, entry) {
      written.set(id, entry);
    },
    actor,
    async flush(write) {
      const withdrawn: string[] = [];
      for (const [id, entry] of written) {
        const noted = pending.get(keyOf(entry));
        if (noted && sameFields(noted.fields, entry.fields)) pending.delete(keyOf(entry));
        else withdrawn.push(id);
      }
      written.clear();
      if (pending.size === 0 && withdrawn.length === 0) return 0;
      const entries = [...pending.values()];
      pending.clear();
      const ids = uuidsV7(entries.length);
      const records = entries.map((e, i) => ({
        id: ids[i],
        action: e.action,
        subjectType: e.subjectType,
        subjectId: e.subjectId,
        enterpriseId: e.enterpriseId ?? null,
        fields: e.fields ?? [],
      }));
      await write(AUDIT_INSERT, [...actor(), JSON.stringify(records), withdrawn]);
      return entries.length;
    },
  };
}
