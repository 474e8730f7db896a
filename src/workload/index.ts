export * from './health-probe';
export * from './probed-deployment';
export * from './service-exposure';
export * from './external-service';
export * from './workload-options';
