export * from './microservice-stack';
