export { CloudProvider } from './cloud';
export { Errors } from './errors';
