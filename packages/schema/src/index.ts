export type { Context } from './context';
export { schema } from './schema';
export { ANONYMOUS, type Viewer } from './auth/viewer';
