import { containerExposesPort } from '../pod-ports';
import { Rule } from './rule';

const PROBES = [['liveness', 'livenessProbe'], ['readiness', 'readinessProbe'], ['startup', 'startupProbe']] as const;

/** Each probe of a container calls a port the container exposes. */
export const probePort: Rule<any> = {
  id: 'probe-port',
  check(container) {
    const found: string[] = [];
    for (const [probeName, field] of PROBES) {
      const probe = container[field];
      const port = probe?.httpGet?.port ?? probe?.tcpSocket?.port ?? probe?.grpc?.port;
      if (port !== undefined && !containerExposesPort(container, port)) {
        const what = `a ${probeName} probe on port ${JSON.stringify(port)}`;
        found.push(`container "${container.name}" has ${what}, which it does not expose; probe one of its ports`);
      }
    }
    return found;
  },
};
