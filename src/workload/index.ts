export * from './health-probe';
export * from './service-port';
export * from './probed-deployment';
export * from './service-exposure';
export * from './external-service';
export * from './workload-options';
