export * from './program';
export * from './code';
