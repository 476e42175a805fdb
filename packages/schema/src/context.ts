import type { AuditLog } from './audit/log';
import type { Viewer } from './auth/viewer';
import type { PrismaClient } from './generated/prisma/client';

/** What every resolver knows about the request. */
export interface Context {
  prisma: PrismaClient;
  /** The request's clock; opportunities expire and business ages are computed against it. */
  now: Date;
  viewer: Viewer;
  /** What this request disclosed or changed, written when execution is done. */
  audit: AuditLog;
}
