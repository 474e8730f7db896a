import { isClusterScoped, objectKey } from '../../core/objects';
import { isObject } from '../manifest-index';
import { RuleContext } from './rule';

/**
 * No two objects share kind, namespace and name: the second apply would overwrite the first.
 * The only rule over the whole set: the first object with a key keeps it, each later one is
 * reported, in manifest order.
 */
export const uniqueName = {
  id: 'unique-name',
  check(manifests: any[], { index }: RuleContext): Array<[any, string]> {
    const seen = new Set<string>();
    const found: Array<[any, string]> = [];
    for (const m of manifests.filter(isObject)) {
      const ns = index.namespaceOf(m);
      const key = objectKey(m.kind, ns, m.metadata?.name);
      if (!seen.has(key)) {
        seen.add(key);
        continue;
      }
      const where = isClusterScoped(m.kind) ? 'the cluster' : `namespace "${ns}"`;
      found.push([m, `another ${m.kind} in ${where} has the same name; rename one (the second apply would overwrite the first)`]);
    }
    return found;
  },
};
