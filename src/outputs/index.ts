export * from './skaffold';
export * from './stack-diagram';
export * from './prerequisite';
export * from './prerequisites';
