import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { HealthChecks, HealthProbe, ImagePolicy, ManifestValidator, PodSecurityLevel, ProbedDeployment, ProbedDeploymentProps } from '../../src';
import { baselineViolations, findOne, Manifest, podSpecOf, restrictedViolations, synthValid } from '../support';

function chart(): Chart {
  return new Chart(Testing.app(), 'shop', { namespace: 'shop' });
}

function synth(props: Partial<ProbedDeploymentProps>, build?: (d: ProbedDeployment) => void): Manifest {
  const c = chart();
  const d = new ProbedDeployment(c, 'web', { image: 'eshop/web:1.0.0', healthChecks: HealthChecks.aspNetCore(), ...props });
  build?.(d);
  return findOne(synthValid(c), 'Deployment');
}

function make(props: Partial<ProbedDeploymentProps>): ProbedDeployment {
  return new ProbedDeployment(chart(), 'web', { image: 'eshop/web:1.0.0', healthChecks: HealthChecks.aspNetCore(), ...props });
}

describe('ProbedDeployment Pod Security', () => {
  test('runs restricted containers as user and group 1654, so the kubelet can verify non-root whatever the image says', () => {
    const container = podSpecOf(synth({})).containers[0];
    expect(container.securityContext).toMatchObject({ runAsUser: 1654, runAsGroup: 1654, runAsNonRoot: true });
  });

  test('takes the user and group from the props', () => {
    expect(podSpecOf(synth({ runAsUser: 1000 })).containers[0].securityContext).toMatchObject({ runAsUser: 1000, runAsGroup: 1000 });
    expect(podSpecOf(synth({ runAsUser: 1000, runAsGroup: 0 })).containers[0].securityContext).toMatchObject({ runAsUser: 1000, runAsGroup: 0 });
  });

  test('runs a baseline container as the image\'s own user, with a writable root filesystem, and says so in an annotation', () => {
    // GIVEN
    const d = synth({ podSecurity: PodSecurityLevel.BASELINE, addCapabilities: ['CHOWN', 'SETUID'] });
    // THEN
    const pod = podSpecOf(d);
    expect(pod.containers[0].securityContext).toEqual({
      capabilities: { add: ['CHOWN', 'SETUID'] },
      privileged: false,
      readOnlyRootFilesystem: false,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.securityContext.runAsNonRoot).toBeUndefined();
    expect(d.metadata.annotations).toEqual({ 'k8s-course-constructs/pod-security': 'baseline' });
    expect(baselineViolations(pod)).toEqual([]);
    expect(restrictedViolations(pod)).not.toEqual([]);
    expect(ManifestValidator.validateManifests([d])).toEqual([]);
  });

  test('runs a privileged container only when asked', () => {
    const d = synth({ podSecurity: PodSecurityLevel.PRIVILEGED, privileged: true, addCapabilities: ['NET_ADMIN'] });
    expect(podSpecOf(d).containers[0].securityContext).toMatchObject({ privileged: true, capabilities: { add: ['NET_ADMIN'] } });
    expect(d.metadata.annotations['k8s-course-constructs/pod-security']).toBe('privileged');
  });

  test('keeps a restricted sidecar restricted beside a baseline main container, and the pod at the weakest level', () => {
    const c = chart();
    const d = new ProbedDeployment(c, 'web', { image: 'eshop/web:1.0.0', healthChecks: HealthChecks.aspNetCore(), podSecurity: PodSecurityLevel.BASELINE });
    d.addSidecar({ name: 'proxy', image: 'envoyproxy/envoy:v1.31.2' });
    const pod = podSpecOf(findOne(synthValid(c), 'Deployment'));
    expect(pod.containers[1].securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1654, capabilities: { drop: ['ALL'] } });
    expect(d.podSecurity).toBe(PodSecurityLevel.BASELINE);
  });

  test('takes a sidecar\'s level and probes from addSidecar\'s options', () => {
    const c = chart();
    const d = new ProbedDeployment(c, 'web', { image: 'eshop/web:1.0.0', healthChecks: HealthChecks.aspNetCore() });
    d.addSidecar({ name: 'dapr', image: 'daprio/daprd:1.14.0', ports: [{ number: 3500 }] }, {
      podSecurity: PodSecurityLevel.BASELINE,
      healthChecks: HealthChecks.of({ readiness: HealthProbe.tcpSocket() }),
    });
    const pod = podSpecOf(findOne(synthValid(c), 'Deployment'));
    expect(pod.containers[1].readinessProbe.tcpSocket).toEqual({ port: 3500 });
    expect(pod.containers[1].livenessProbe).toBeUndefined();
    expect(d.podSecurity).toBe(PodSecurityLevel.BASELINE);
  });

  describe('errors', () => {
    test('throws for a capability the level does not allow, naming the level that would', () => {
      expect(() => make({ addCapabilities: ['CHOWN'] }))
        .toThrow(/^\[shop\/web\] ProbedDeployment: addCapabilities needs PodSecurityLevel\.BASELINE \(the container keeps to RESTRICTED\) \(got \["CHOWN"\]\); set podSecurity: PodSecurityLevel\.BASELINE, or drop addCapabilities/);
    });

    test('throws for privileged below PRIVILEGED', () => {
      expect(() => make({ podSecurity: PodSecurityLevel.BASELINE, privileged: true }))
        .toThrow(/\[shop\/web\] ProbedDeployment: privileged needs PodSecurityLevel\.PRIVILEGED \(the container keeps to BASELINE\) \(got true\); set podSecurity: PodSecurityLevel\.PRIVILEGED/);
    });

    test('throws for root under RESTRICTED', () => {
      expect(() => make({ runAsUser: 0 })).toThrow(/\[shop\/web\] ProbedDeployment: runAsUser must not be 0 \(root\) under RESTRICTED Pod Security \(got 0\); run as a non-root user, or set podSecurity: PodSecurityLevel\.BASELINE/);
    });

    test('throws for a sidecar capability beyond its level', () => {
      const d = make({});
      expect(() => d.addSidecar({ name: 'vpn', image: 'vpn:1.0' }, { podSecurity: PodSecurityLevel.BASELINE, addCapabilities: ['NET_ADMIN'] }))
        .toThrow(/\[shop\/web\] ProbedDeployment: sidecars\.vpn\.addCapabilities needs PodSecurityLevel\.PRIVILEGED .*\(got \["NET_ADMIN"\]\)/);
    });
  });
});

describe('ProbedDeployment image policy', () => {
  test.each([
    ['eshop/web', /image must have a tag or digest \(got "eshop\/web"\); pin a version such as "eshop\/web:1\.0\.0", or pass imagePolicy: ImagePolicy\.ALLOW_UNPINNED/],
    ['eshop/web:latest', /image must not use the tag "latest".*\(got "eshop\/web:latest"\); tag each build with its version, or pass imagePolicy: ImagePolicy\.ALLOW_UNPINNED/],
    ['eshop/Web:1.0', /image has an invalid repository path "eshop\/Web".*\(got "eshop\/Web:1\.0"\); use "eshop\/web:1\.0"/],
  ])('throws for %s, as the stack does', (image, message) => {
    expect(() => make({ image })).toThrow(new RegExp(`^\\[shop\\/web\\] ProbedDeployment: ${message.source}`));
  });

  test('throws for a sidecar image the policy refuses', () => {
    expect(() => make({}).addSidecar({ name: 'proxy', image: 'envoyproxy/envoy:latest' }))
      .toThrow(/\[shop\/web\] ProbedDeployment: sidecars\.proxy\.image must not use the tag "latest"/);
  });

  test('lets untagged and latest images through with ALLOW_UNPINNED, pulled every time', () => {
    const d = synth({ image: 'nginx', imagePolicy: ImagePolicy.ALLOW_UNPINNED, sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:latest' }] });
    expect(podSpecOf(d).containers.map((c: any) => c.imagePullPolicy)).toEqual(['Always', 'Always']);
  });
});

describe('ProbedDeployment environment', () => {
  test('takes plain strings in env and references in envValueFrom', () => {
    const c = chart();
    const secret = kplus.Secret.fromSecretName(c, 'db', 'catalog-db');
    new ProbedDeployment(c, 'web', {
      image: 'eshop/web:1.0.0',
      healthChecks: HealthChecks.aspNetCore(),
      env: { ASPNETCORE_ENVIRONMENT: 'Production' },
      envValueFrom: { ConnectionStrings__Db: kplus.EnvValue.fromSecretValue({ secret, key: 'cs' }) },
      workingDir: '/app',
    });
    const container = podSpecOf(findOne(synthValid(c), 'Deployment')).containers[0];
    expect(container.env).toEqual([
      { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' },
      { name: 'ConnectionStrings__Db', valueFrom: { secretKeyRef: { name: 'catalog-db', key: 'cs' } } },
    ]);
    expect(container.workingDir).toBe('/app');
  });

  test('throws for a variable in both env and envValueFrom', () => {
    expect(() => make({ env: { A: '1' }, envValueFrom: { A: kplus.EnvValue.fromValue('2') } }))
      .toThrow(/\[shop\/web\] ProbedDeployment: envValueFrom must not name a variable that env sets too \(got "A"\); keep the variable in one of the two/);
  });

  test('throws for an envValueFrom name Kubernetes 1.28 rejects', () => {
    expect(() => make({ envValueFrom: { 'Logging:Level': kplus.EnvValue.fromValue('x') } }))
      .toThrow(/\[shop\/web\] ProbedDeployment: envValueFrom must be a valid environment variable name.*\(got "Logging:Level"\); use "Logging__Level"/);
  });
});
