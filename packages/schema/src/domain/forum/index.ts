export * from './time';
export * from './slots';
export * from './lifecycle';
export * from './requests';
export * from './booking';
export * from './outcomes';
export * from './statistics';
export * from './roster';
