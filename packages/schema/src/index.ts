export type { Context } from './context';
export { schema } from './schema';
export { ANONYMOUS, type Viewer } from './auth/viewer';
export { createAuditLog, type AuditLog } from './audit/log';
export { encodeGlobalID } from '@pothos/plugin-relay';
export { CANONICAL_UUID, decodedGlobalId } from './common/global-id';
