export * from './project';
export * from './forms';
export { parseDotEnv } from './interpolate';
