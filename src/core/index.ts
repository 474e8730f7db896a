export { CloudProvider } from './cloud';
export { Errors } from './errors';
export * from './warnings';
