export * from './manifest-validator';
