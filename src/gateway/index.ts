export * from './api-gateway';
export * from './gateway-route';
