export * from './gateway-kind';
export * from './contracts';
export * from './route-backend';
export * from './route-options';
export * from './gateway-route';
export * from './api-gateway';
