export * from './health-probe';
export * from './probed-deployment';
export * from './service-exposure';
export * from './external-service';
export * from './manifest-validator';
export * from './nfs-volume';
export * from './platform';
export * from './microservice-stack';
