export * from './release-options';
export * from './canary-traffic';
export * from './canary-release';
export * from './blue-green-traffic';
export * from './blue-green-release';
