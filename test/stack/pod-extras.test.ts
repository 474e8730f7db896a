import { Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  HealthChecks, HealthProbe, MicroserviceStack, MicroserviceStackProps, NetworkPolicyMode, PodSecurityLevel, ServiceMount, Skaffold,
} from '../../src';
import { baselineViolations, findOne, Manifest, podSpecOf, restrictedViolations, synthValid } from '../support';

function stack(props: MicroserviceStackProps = {}): MicroserviceStack {
  return new MicroserviceStack(Testing.app(), 'shop', { namespace: 'shop', ...props });
}

function container(manifests: Manifest[], kind: string, name: string): any {
  return podSpecOf(findOne(manifests, kind, name)).containers[0];
}

const NONE = HealthChecks.none();

describe('MicroserviceStack: what foreign workloads need besides containers', () => {
  test('sets the safe sysctls it is given on the pod, which keeps it restricted', () => {
    // GIVEN a non-root web server on port 80, as Docker lets it listen
    const s = stack();
    s.addService('web', {
      image: 'nginx:1.27',
      ports: [{ port: 80 }],
      healthChecks: NONE,
      runAsUser: 101,
      sysctls: { 'net.ipv4.ip_unprivileged_port_start': '0' },
    });
    s.addBackingService('cache', { image: 'redis:7.4', port: 6379, sysctls: { 'net.ipv4.tcp_keepalive_time': '60' } });
    // THEN
    const m = synthValid(s);
    const pod = podSpecOf(findOne(m, 'Deployment', 'web'));
    expect(pod.securityContext.sysctls).toEqual([{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }]);
    expect(restrictedViolations(pod)).toEqual([]);
    expect(podSpecOf(findOne(m, 'StatefulSet', 'cache')).securityContext.sysctls).toEqual([{ name: 'net.ipv4.tcp_keepalive_time', value: '60' }]);
  });

  test('throws for an unsafe sysctl unless the workload is privileged', () => {
    expect(() => stack().addService('web', { image: 'nginx:1.27', healthChecks: NONE, sysctls: { 'net.core.somaxconn': '1024' } })).toThrow(
      /\[shop\/web\] MicroserviceStack: addService\("web"\)\.sysctls must be a safe sysctl .* unless the workload is PRIVILEGED \(got "net\.core\.somaxconn"\); drop it, or set podSecurity: PodSecurityLevel\.PRIVILEGED/);
    expect(() => stack().addService('web', {
      image: 'nginx:1.27', healthChecks: NONE, podSecurity: PodSecurityLevel.PRIVILEGED, sysctls: { 'net.core.somaxconn': '1024' },
    })).not.toThrow();
    expect(() => stack().addJob('seed', { image: 'seed:1.0', sysctls: { 'Not A Name': '1' } })).toThrow(/addJob\("seed"\)\.sysctls must name a kernel parameter/);
  });

  test('drops the capabilities it is told to under baseline, and every one under restricted', () => {
    const s = stack();
    s.addService('web', {
      image: 'web:1.0', healthChecks: NONE, podSecurity: PodSecurityLevel.BASELINE, dropCapabilities: ['NET_RAW', 'CAP_MKNOD'], addCapabilities: ['CHOWN'],
    });
    s.addService('api', { image: 'api:1.0', healthChecks: NONE, dropCapabilities: ['NET_RAW'] });
    const m = synthValid(s);
    expect(container(m, 'Deployment', 'web').securityContext.capabilities).toEqual({ add: ['CHOWN'], drop: ['NET_RAW', 'MKNOD'] });
    expect(container(m, 'Deployment', 'api').securityContext.capabilities).toEqual({ drop: ['ALL'] });
    expect(baselineViolations(podSpecOf(findOne(m, 'Deployment', 'web')))).toEqual([]);
  });

  test('throws for a capability to drop that Linux does not have', () => {
    expect(() => stack().addService('web', { image: 'web:1.0', healthChecks: NONE, dropCapabilities: ['NET_RAWW'] })).toThrow(
      /addService\("web"\)\.dropCapabilities must name Linux capabilities \(or ALL\) \(got \["NET_RAWW"\]\)/);
  });

  test('gives a workload more Service names, with its ports, and a headless one when it has none', () => {
    const s = stack();
    s.addService('identity', { image: 'identity:1.0', ports: [{ port: 8080 }, { port: 81, name: 'grpc' }], healthChecks: NONE, aliases: ['auth', 'identity-svc'] });
    s.addBackingService('db', { image: 'postgres:16.4', port: 5432, aliases: ['database'] });
    s.addJob('worker', { image: 'worker:1.0', aliases: ['jobs'] });
    const m = synthValid(s);
    const auth = findOne(m, 'Service', 'auth').spec;
    expect(auth.ports).toEqual(findOne(m, 'Service', 'identity').spec.ports);
    expect(auth.selector).toEqual({ 'app.kubernetes.io/name': 'identity', 'app.kubernetes.io/part-of': 'shop' });
    expect(findOne(m, 'Service', 'database').spec.ports).toEqual([{ name: 'tcp', port: 5432, targetPort: 5432 }]);
    expect(findOne(m, 'Service', 'jobs').spec).toMatchObject({ clusterIP: 'None', selector: { 'app.kubernetes.io/name': 'worker', 'app.kubernetes.io/part-of': 'shop' } });
  });

  test('throws for an alias another part has, and for one that is no DNS label', () => {
    const s = stack();
    s.addService('auth', { image: 'auth:1.0', healthChecks: NONE });
    expect(() => s.addService('identity', { image: 'identity:1.0', healthChecks: NONE, aliases: ['auth'] })).toThrow(
      /addService\("identity"\)\.aliases\[0\] must be unique in the stack: it becomes a Service name \(got "auth"\)/);
    s.addService('web', { image: 'web:1.0', healthChecks: NONE, aliases: ['www'] });
    expect(() => s.addService('www', { image: 'www:1.0', healthChecks: NONE })).toThrow(/addService\.name must be unique in the stack/);
    expect(() => stack().addService('web', { image: 'web:1.0', healthChecks: NONE, aliases: ['Web.Local'] })).toThrow(
      /addService\("web"\)\.aliases\[0\] .* because it becomes a Service's DNS name \(got "Web\.Local"\); use "web-local"/);
  });

  test('puts pod annotations on every pod of a workload', () => {
    const s = stack();
    s.addService('web', { image: 'web:1.0', healthChecks: NONE, podAnnotations: { 'com.example/team': 'shop' } });
    s.addJob('seed', { image: 'seed:1.0', podAnnotations: { 'com.example/team': 'data' } });
    const m = synthValid(s);
    expect(findOne(m, 'Deployment', 'web').spec.template.metadata.annotations).toMatchObject({ 'com.example/team': 'shop' });
    expect(findOne(m, 'Job', 'seed').spec.template.metadata.annotations).toMatchObject({ 'com.example/team': 'data' });
  });

  test('makes a workload wait for the parts it depends on, in restricted init containers, and lets them through the call graph', () => {
    const s = stack();
    s.addBackingService('db', { image: 'postgres:16.4', port: 5432 });
    s.addJob('migrate', { image: 'migrate:1.0', waitFor: ['db'] });
    s.addService('api', { image: 'api:1.0', healthChecks: NONE, waitFor: ['db'] });
    const m = synthValid(s);
    const init = podSpecOf(findOne(m, 'Job', 'migrate')).initContainers[0];
    expect(init).toMatchObject({ name: 'wait-for-db', image: 'busybox:1.36', command: ['sh', '-c', 'until nc -z -w 2 db 5432; do echo waiting for db; sleep 2; done'] });
    expect(restrictedViolations(podSpecOf(findOne(m, 'Deployment', 'api')))).toEqual([]);
    expect(findOne(m, 'NetworkPolicy', 'allow-api').spec.egress).toContainEqual(expect.objectContaining({ ports: [{ protocol: 'TCP', port: 5432 }] }));
    expect(findOne(m, 'NetworkPolicy', 'allow-db').spec.ingress[0].from).toEqual(expect.arrayContaining([
      { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } } },
      { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'migrate' } } },
    ]));
  });

  test('throws at synth for a part to wait for that is not there, or listens on nothing', () => {
    const s = stack();
    s.addService('api', { image: 'api:1.0', healthChecks: NONE, waitFor: ['db'] });
    expect(() => Testing.synth(s)).toThrow(/addService\("api"\)\.waitFor must name another workload of the stack \(none\) \(got "db"\)/);
    const t = stack();
    t.addJob('seed', { image: 'seed:1.0' });
    t.addService('api', { image: 'api:1.0', healthChecks: NONE, waitFor: ['seed'] });
    expect(() => Testing.synth(t)).toThrow(/addService\("api"\)\.waitFor must name a part that listens on a port, but addJob\("seed"\) listens on none/);
  });

  test('fills the resources a container leaves out from the defaults, per cpu and memory, and the stack\'s defaults win over the built-in ones', () => {
    const s = stack({ defaultResources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(128) } } });
    s.addService('api', { image: 'api:1.0', healthChecks: NONE, resources: { memory: { request: Size.mebibytes(64), limit: Size.mebibytes(512) } } });
    s.addBackingService('db', { image: 'postgres:16.4', port: 5432 });
    const m = synthValid(s);
    expect(container(m, 'Deployment', 'api').resources).toEqual({ requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '512Mi' } });
    expect(container(m, 'StatefulSet', 'db').resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' } });
    const t = stack();
    t.addService('api', { image: 'api:1.0', healthChecks: NONE, resources: { cpu: { limit: kplus.Cpu.units(2) } } });
    expect(container(synthValid(t), 'Deployment', 'api').resources).toEqual({ limits: { cpu: '2', memory: '256Mi' }, requests: { memory: '128Mi' } });
  });

  test('throws for a request above its limit', () => {
    expect(() => stack().addService('api', { image: 'api:1.0', healthChecks: NONE, resources: { cpu: { request: kplus.Cpu.millis(600), limit: kplus.Cpu.millis(500) } } })).toThrow(
      /addService\("api"\)\.resources\.cpu\.request must not be above the limit \(500m\) \(got "600m"\); lower the request or raise the limit/);
    expect(() => stack().addJob('seed', { image: 'seed:1.0', resources: { memory: { request: Size.gibibytes(1), limit: Size.mebibytes(512) } } })).toThrow(
      /addJob\("seed"\)\.resources\.memory\.request must not be above the limit \(512Mi\) \(got "1Gi"\)/);
  });

  test('mounts a Secret or ConfigMap the app creates, whole or one key, and one that exists outside it', () => {
    const s = stack();
    new kplus.Secret(s, 'DbPassword', { metadata: { name: 'db-password' }, stringData: { db_password: 's3cret' } });
    s.addService('api', {
      image: 'api:1.0',
      healthChecks: NONE,
      mounts: [
        ServiceMount.secret('/run/secrets/db_password', 'db-password', { key: 'db_password' }),
        ServiceMount.configMap('/etc/app', 'shared-settings', { existing: true }),
        ServiceMount.secret('/run/secrets/api_key', 'team-api-key', { key: 'api_key', existing: true }),
      ],
    });
    const m = synthValid(s);
    const c = container(m, 'Deployment', 'api');
    expect(c.volumeMounts).toEqual(expect.arrayContaining([
      { mountPath: '/run/secrets/db_password', name: 'run-secrets-db-password', readOnly: true, subPath: 'db_password' },
      { mountPath: '/etc/app', name: 'etc-app', readOnly: true },
    ]));
    expect(podSpecOf(findOne(m, 'Deployment', 'api')).volumes).toContainEqual({ name: 'etc-app', configMap: { name: 'shared-settings' } });
  });

  test('fails the cross-object checks for a Secret the app neither creates nor says exists', () => {
    const s = stack();
    s.addService('api', { image: 'api:1.0', healthChecks: NONE, mounts: [ServiceMount.secret('/run/secrets/x', 'missing', { key: 'x' })] });
    expect(() => Testing.synth(s)).toThrow(/Secret "missing"/);
    expect(() => stack().addService('api', { image: 'api:1.0', healthChecks: NONE, mounts: [ServiceMount.configMap('/x', 'Bad_Name')] })).toThrow(
      /addService\("api"\)\.mounts\[0\]\.source .* \(got "Bad_Name"\)/);
    expect(() => stack().addService('api', { image: 'api:1.0', healthChecks: NONE, mounts: [ServiceMount.configMap('/x', 'ok', { key: 'a b', existing: true })] })).toThrow(
      /addService\("api"\)\.mounts\[0\]\.key must be a key of a Secret or ConfigMap/);
  });

  test('routes to the port it is told to', () => {
    const s = stack();
    s.addService('api', { image: 'api:1.0', healthChecks: NONE, ports: [{ port: 81, name: 'grpc' }, { port: 8080, name: 'http' }], routes: [{ path: '/api', port: 8080 }] });
    const m = synthValid(s);
    expect(findOne(m, 'HTTPRoute').spec.rules[0].backendRefs).toEqual([{ name: 'api', port: 8080 }]);
  });

  test('gives callers no service URL variables when serviceUrls is false', () => {
    const s = stack({ serviceUrls: false });
    s.addService('api', { image: 'api:1.0', healthChecks: NONE });
    s.addService('web', { image: 'web:1.0', healthChecks: NONE, talksTo: ['api'] });
    const env = container(synthValid(s), 'Deployment', 'web').env ?? [];
    expect(env.map((e: any) => e.name)).not.toContain('Services__api__Url');
  });

  test('limits the egress of a workload on internal networks only to its peers and DNS', () => {
    const s = stack({ networkPolicy: NetworkPolicyMode.NETWORKS, internalNetworks: ['back'] });
    s.addBackingService('db', { image: 'postgres:16.4', port: 5432, networks: ['back'] });
    s.addService('api', { image: 'api:1.0', healthChecks: NONE, networks: ['front', 'back'] });
    const m = synthValid(s);
    const db = findOne(m, 'NetworkPolicy', 'allow-db').spec;
    expect(db.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(db.egress[1]).toEqual({ to: [{ podSelector: { matchLabels: { 'network.k8s-course-constructs.io/back': 'true' } } }] });
    expect(db.egress[0].ports).toEqual([{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }]);
    expect(findOne(m, 'NetworkPolicy', 'allow-api').spec.policyTypes).toEqual(['Ingress']);
  });

  test('gives several claims to a backing service, and one ReadWriteMany claim to the workloads that share it', () => {
    const s = stack();
    const rwx = { accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_MANY], storage: Size.gibibytes(5) };
    s.addBackingService('kafka', {
      image: 'apache/kafka:3.8.0',
      port: 9092,
      mounts: [ServiceMount.claim('/var/lib/kafka/data', 'kafka-data'), ServiceMount.claim('/var/lib/kafka/secrets', 'kafka-secrets', { storage: Size.gibibytes(2) })],
    });
    s.addService('uploader', { image: 'up:1.0', healthChecks: NONE, mounts: [ServiceMount.claim('/uploads', 'uploads', rwx)] });
    s.addJob('thumbs', { image: 'thumbs:1.0', mounts: [ServiceMount.claim('/data/uploads', 'uploads', { ...rwx, readOnly: true })] });
    const m = synthValid(s);
    expect(podSpecOf(findOne(m, 'StatefulSet', 'kafka')).volumes.filter((v: any) => v.persistentVolumeClaim).map((v: any) => v.persistentVolumeClaim.claimName)).toEqual(['kafka-data', 'kafka-secrets']);
    expect(findOne(m, 'PersistentVolumeClaim', 'uploads').spec.accessModes).toEqual(['ReadWriteMany']);
  });

  test('writes the build stage and arguments of every workload built from source for Skaffold', () => {
    const s = stack();
    s.addService('api', { image: 'shop/api:1.0', healthChecks: NONE, buildContext: 'src/api', buildTarget: 'final', buildArgs: { VERSION: '1.0' } });
    s.addJob('migrate', { image: 'shop/migrate:1.0', buildContext: 'src/migrate', dockerfile: 'Dockerfile.migrate' });
    s.addBackingService('db', { image: 'shop/db:1.0', port: 5432, buildContext: 'db' });
    expect(Skaffold.forStack(s).toJson().build.artifacts).toEqual([
      { image: 'shop/api', context: 'src/api', docker: { dockerfile: 'Dockerfile', target: 'final', buildArgs: { VERSION: '1.0' } } },
      { image: 'shop/db', context: 'db', docker: { dockerfile: 'Dockerfile' } },
      { image: 'shop/migrate', context: 'src/migrate', docker: { dockerfile: 'Dockerfile.migrate' } },
    ]);
  });

  test('takes a startup probe whose timeout equals its period', () => {
    const s = stack();
    const probe = (period: number) => HealthProbe.exec(['true'], { period: Duration.seconds(period), timeout: Duration.seconds(period) });
    s.addService('api', { image: 'api:1.0', healthChecks: HealthChecks.of({ readiness: probe(5), liveness: probe(5), startup: probe(5) }) });
    expect(container(synthValid(s), 'Deployment', 'api').startupProbe).toMatchObject({ periodSeconds: 5, timeoutSeconds: 5 });
  });
});
