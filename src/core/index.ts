export * from './cloud';
export { Errors } from './errors';
