export { CloudProvider } from './cloud';
export { Errors } from './errors';
export { ImagePolicy } from './image-ref';
export { PodSecurityLevel } from './pod-security';
export type { ContainerSecurityOptions } from './pod-security';
export * from './warnings';
