export * from './canary-release';
export * from './blue-green-release';
