export type { Context, PushChannel } from './context';
export { schema } from './schema';
export { ANONYMOUS, type Viewer } from './auth/viewer';
export { createAuditLog, type AuditLog } from './audit/log';
export { encodeGlobalID } from '@pothos/plugin-relay';
export { decodedGlobalId } from './common/global-id';
export { isCanonicalUuid } from './domain/identifiers/uuid';
export { scheduleForum } from './forum/service/scheduling';
export { progressOf } from './forum/service/progress';
