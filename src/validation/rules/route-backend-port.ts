import { Backend } from '../manifest-index';
import { Rule } from './rule';

/** The port a route sends traffic to exists on its Service. */
export const routeBackendPort: Rule<Backend> = {
  id: 'route-backend-port',
  check({ namespace, name, port }, { index }) {
    const svc = name ? index.get('Service', namespace, name) : undefined;
    if (!svc || port === undefined || svc.spec?.type === 'ExternalName') return [];
    const ports: any[] = svc.spec?.ports ?? [];
    if (ports.some(p => (typeof port === 'string' ? p.name === port : p.port === port))) return [];
    const offered = ports.map(p => p.name ? `${p.port} (${p.name})` : `${p.port}`).join(', ');
    return [`sends traffic to port ${JSON.stringify(port)} of Service "${name}", which has ports ${offered || 'none'}; use one of them`];
  },
};
