export * from './labels';
export * from './secret-value';
export * from './microservice-options';
export * from './microservice';
export * from './backing-service';
export * from './microservice-stack';
export * from './stack-model';
