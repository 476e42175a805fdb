import { NO_ID } from '../domain/identifiers/uuid';
import type { UserRole } from '../generated/prisma/enums';
import { isStaffRole } from './viewer';

/**
 * Viewer.regencyId of a person (common/region.ts applies it): for staff, their office's
 * kabupaten/kota, null for the provincial office, and NO_ID (matching none, never the whole
 * province) without an office; null for everyone else, whom the rule does not concern.
 */
export function viewerRegencyOf(role: UserRole, office: { regencyId: string | null } | null): string | null {
  if (!isStaffRole(role)) return null;
  return office ? office.regencyId : NO_ID;
}
