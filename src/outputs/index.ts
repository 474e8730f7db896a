export * from './skaffold';
export * from './stack-diagram';
