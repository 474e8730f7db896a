import { Backend, declaredExternal } from '../manifest-index';
import { Rule } from './rule';

/** Every Service a route sends traffic to exists, or is declared external. */
export const routeBackend: Rule<Backend> = {
  id: 'route-backend',
  check({ namespace, name }, { index, options }) {
    if (!name || index.has('Service', namespace, name) || declaredExternal(options.externalServices, namespace, name)) return [];
    return [`sends traffic to Service "${name}", which does not exist in namespace "${namespace}"; fix the backend or add the Service`];
  },
};
