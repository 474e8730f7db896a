import { Rule } from './rule';

/** No two Services of the manifests ask for one node port (it is opened on every node). */
export const uniqueNodePort: Rule<any> = {
  id: 'unique-node-port',
  check(service, { index }) {
    return index.nodePortsOf(service)
      .filter(use => !use.isFirst)
      .map(use => `nodePort ${use.nodePort} is also used by Service "${use.first.metadata?.name}"; give each Service its own node port`);
  },
};
