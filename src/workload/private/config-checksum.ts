import { createHash } from 'crypto';
import { IConstruct } from 'constructs';
import { AppIndex } from '../../core/app-registry';
import { podReferences } from '../../core/pod-spec';

/** The pod template annotation that changes when referenced ConfigMaps or Secrets change. */
export const CHECKSUM_ANNOTATION = 'k8s-course-constructs/config-checksum';

/**
 * A hash of the data of every ConfigMap and Secret of the app that the pod reads, so that
 * changing one changes the pod template and rolls the pods; undefined when it reads none the
 * app defines.
 */
export function configChecksum(scope: IConstruct, namespace: string | undefined, podSpec: any): string | undefined {
  const refs = new Set(podReferences(podSpec)
    .filter(r => r.kind === 'ConfigMap' || r.kind === 'Secret')
    .map(r => `${r.kind}/${r.name}`));
  if (refs.size === 0) return undefined;
  const index = AppIndex.of(scope);
  const hash = createHash('sha256');
  let found = 0;
  for (const ref of [...refs].sort()) {
    const [kind, name] = ref.split('/');
    const obj = index.find(kind, namespace, name);
    if (!obj) continue;
    const json = obj.toJson();
    hash.update(`${ref}\n${stableJson({ data: json.data, stringData: json.stringData, binaryData: json.binaryData })}\n`);
    found++;
  }
  return found > 0 ? hash.digest('hex').slice(0, 16) : undefined;
}

/** JSON with sorted keys, so a checksum does not depend on insertion order. */
function stableJson(value: any): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().filter(k => value[k] !== undefined).map(k => `${JSON.stringify(k)}:${stableJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
