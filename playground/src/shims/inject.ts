// Globals Node code expects, injected into every module of the bundle by esbuild.
export { Buffer } from 'buffer';
export { process } from './process';
