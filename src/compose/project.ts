// The loader lives in ./load; this file keeps the old import path of build.ts and plan.ts
// working until they import ./load themselves.
export { loadProject, ComposeService } from './load';
export type { ComposeProject, LoadOptions, TopLevelEntry } from './load';
