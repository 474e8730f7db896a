export * from './platform';
export * from './application-load-balancer';
export * from './gateway-source';
