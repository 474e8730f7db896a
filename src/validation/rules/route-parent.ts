import { Rule } from './rule';

/**
 * A Gateway API route attaches to a Gateway of its namespace that is defined, when the manifests
 * define Gateways at all (otherwise the Gateway is assumed to be the platform's).
 */
export const routeParent: Rule<any> = {
  id: 'route-parent',
  check(route, { index }) {
    const ns = index.namespaceOf(route);
    return (route.spec?.parentRefs ?? [])
      .filter((parent: any) => (parent.kind ?? 'Gateway') === 'Gateway')
      .filter((parent: any) => (parent.namespace ?? ns) === ns && !index.has('Gateway', ns, parent.name) && index.hasGateways)
      .map((parent: any) => `attaches to Gateway "${parent.name}", which is not defined; fix parentRefs or define the Gateway`);
  },
};
