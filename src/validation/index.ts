export * from './options';
export * from './manifest-validator';
