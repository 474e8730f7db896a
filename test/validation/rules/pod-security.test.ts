import { ManifestValidator } from '../../../src';

/** A Deployment of the pod spec, with the annotation that says its level when given. */
function deployment(securityContext: any, level?: string): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', ...level ? { annotations: { 'k8s-course-constructs/pod-security': level } } : {} },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', securityContext }] } } },
  };
}

function namespace(enforce: string): any {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': enforce } } };
}

const baselinePod = { capabilities: { add: ['CHOWN'] }, seccompProfile: { type: 'RuntimeDefault' } };

describe('pod-security', () => {
  test('checks a workload that declares baseline against baseline', () => {
    expect(ManifestValidator.validateManifests([deployment(baselinePod, 'baseline')])).toEqual([]);
    expect(ManifestValidator.validateManifests([deployment({ ...baselinePod, privileged: true }, 'baseline')]).map(f => f.message)).toEqual([
      'breaks baseline Pod Security: container "web" is privileged; fix the security context or exempt the workload explicitly',
    ]);
  });

  test('checks a workload without a level against restricted', () => {
    const [finding] = ManifestValidator.validateManifests([deployment(baselinePod)]);
    expect(finding.message).toMatch(/^breaks restricted Pod Security: container "web" does not set allowPrivilegeEscalation: false/);
  });

  test('names a workload that its namespace\'s enforced level refuses, though it keeps to its own', () => {
    const findings = ManifestValidator.validateManifests([namespace('restricted'), deployment(baselinePod, 'baseline')]);
    expect(findings.map(f => f.message)).toEqual([
      expect.stringMatching(/^breaks the restricted Pod Security its namespace "shop" enforces: .*; relax the namespace's pod-security\.kubernetes\.io\/enforce label or harden the workload$/),
    ]);
  });

  test('checks a workload without a level against what its namespace enforces', () => {
    expect(ManifestValidator.validateManifests([namespace('baseline'), deployment(baselinePod)])).toEqual([]);
    expect(ManifestValidator.validateManifests([namespace('privileged'), deployment({ privileged: true })])).toEqual([]);
  });
});
