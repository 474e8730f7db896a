export * from './manifests';
export * from './schema';
export * from './security';
export * from './shop';
