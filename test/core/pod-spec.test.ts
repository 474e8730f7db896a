import { podReferences } from '../../src/core/pod-spec';

describe('podReferences', () => {
  test('lists env, envFrom and volume references in spec order, init containers after the others', () => {
    const refs = podReferences({
      initContainers: [{ name: 'migrate', envFrom: [{ secretRef: { name: 'db' } }] }],
      containers: [{
        name: 'app',
        env: [
          { name: 'A', valueFrom: { configMapKeyRef: { name: 'settings', key: 'a' } } },
          { name: 'B', valueFrom: { secretKeyRef: { name: 'db', key: 'cs', optional: true } } },
          { name: 'C', value: 'plain' },
        ],
        envFrom: [{ configMapRef: { name: 'flags' } }],
      }],
      volumes: [
        { name: 'config', configMap: { name: 'files' } },
        { name: 'all', projected: { sources: [{ secret: { name: 'tls' } }, { configMap: { name: 'ca' } }] } },
        { name: 'data', persistentVolumeClaim: { claimName: 'uploads' } },
        { name: 'tmp', emptyDir: {} },
      ],
    });
    expect(refs.map(r => `${r.kind}/${r.name}${r.key ? `[${r.key}]` : ''}${r.optional ? '?' : ''} from ${r.source}`)).toEqual([
      'ConfigMap/settings[a] from env A of container "app"',
      'Secret/db[cs]? from env B of container "app"',
      'ConfigMap/flags from envFrom of container "app"',
      'Secret/db from envFrom of container "migrate"',
      'ConfigMap/files from volume "config"',
      'Secret/tls from volume "all"',
      'ConfigMap/ca from volume "all"',
      'PersistentVolumeClaim/uploads from volume "data"',
    ]);
  });

  test('finds nothing in an empty or missing spec', () => {
    expect(podReferences({})).toEqual([]);
    expect(podReferences(undefined)).toEqual([]);
  });
});
