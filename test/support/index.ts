export * from './examples';
export * from './manifests';
export * from '../../tools/kube-schema';
export * from './security';
export * from './shop';
export * from './errors';
