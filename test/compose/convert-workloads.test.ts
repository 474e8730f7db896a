import { Platform } from '../../src';
import { allOf, findOne, Manifest, podSpecOf, restrictedViolations } from '../support';
import { convert, stackFrom } from './support';

function container(manifests: Manifest[], name: string, kind = 'Deployment'): any {
  return podSpecOf(findOne(manifests, kind, name)).containers[0];
}

function service(body: string, extra = ''): string {
  return `services:\n  svc:\n${body.split('\n').map(l => (l ? `    ${l}` : l)).join('\n')}\n${extra}`;
}

describe('mapping compose services to the stack: data, users and workloads', () => {
  describe('volumes', () => {
    test('maps an NFS volume (driver_opts type nfs) to a PersistentVolume on the server, shared by its users', () => {
      const { manifests } = convert('services:\n  a:\n    image: a:1\n    volumes: ["pics:/app/pics"]\n  b:\n    image: b:1\n    volumes: ["pics:/srv/pics:ro"]\nvolumes:\n  pics:\n    driver: local\n    driver_opts: {type: nfs, o: "addr=10.0.0.4,nfsvers=4.1,rw", device: ":/srv/nfs/pics"}\n');
      expect(findOne(manifests, 'PersistentVolume').spec).toMatchObject({ nfs: { server: '10.0.0.4', path: '/srv/nfs/pics' }, mountOptions: ['nfsvers=4.1'] });
      expect(container(manifests, 'b').volumeMounts).toContainEqual({ mountPath: '/srv/pics', name: 'pics', readOnly: true });
      expect(podSpecOf(findOne(manifests, 'Deployment', 'a')).volumes).toContainEqual(expect.objectContaining({ persistentVolumeClaim: expect.objectContaining({ claimName: 'pics' }) }));
    });

    test('gives a database its named volume as a claim of its own, at the image\'s data path', () => {
      const { manifests } = convert('services:\n  db:\n    image: postgres:16\n    volumes: [dbdata:/var/lib/postgresql/data]\nvolumes:\n  dbdata: {}\n');
      expect(findOne(manifests, 'PersistentVolumeClaim', 'dbdata').spec.accessModes).toEqual(['ReadWriteOnce']);
      expect(container(manifests, 'db', 'StatefulSet').volumeMounts).toContainEqual(expect.objectContaining({ mountPath: '/var/lib/postgresql/data' }));
    });

    test('claims a volume several services share on the platform\'s ReadWriteMany class, and external ones by name', () => {
      const { manifests, warnings } = convert('services:\n  a:\n    image: a:1\n    volumes: ["uploads:/app/uploads", "shared:/shared"]\n  b:\n    image: b:1\n    volumes: ["uploads:/uploads"]\nvolumes:\n  uploads: {}\n  shared: {external: true, name: team-share}\n', { platform: Platform.AKS });
      expect(findOne(manifests, 'PersistentVolumeClaim', 'uploads').spec).toMatchObject({ storageClassName: 'azurefile-csi', accessModes: ['ReadWriteMany'] });
      expect(podSpecOf(findOne(manifests, 'Deployment', 'a')).volumes).toContainEqual({ name: 'shared', persistentVolumeClaim: { claimName: 'team-share', readOnly: false } });
      expect(warnings).toContainEqual(expect.stringMatching(/volumes\.shared is external: the claim "team-share" must exist in the namespace/));
    });

    test('mounts an external volume without a name from the claim of its key\'s name', () => {
      // GIVEN a volume declared external: true with no name (Sentry's self-hosted data volumes)
      const { manifests, warnings } = convert('services:\n  web:\n    image: w:1\n    volumes: ["sentry-data:/data"]\nvolumes:\n  sentry-data:\n    external: true\n');
      // THEN the pod mounts the existing claim "sentry-data", which the warning names
      expect(podSpecOf(findOne(manifests, 'Deployment', 'web')).volumes).toContainEqual({ name: 'data', persistentVolumeClaim: { claimName: 'sentry-data', readOnly: false } });
      expect(warnings).toContainEqual(expect.stringMatching(/volumes\.sentry-data is external: the claim "sentry-data" must exist in the namespace/));
    });

    test('mounts bind-mounted files and folders of the project from ConfigMaps, and names what it does not mount', () => {
      const { manifests, warnings } = convert(service('image: s:1\nvolumes:\n  - ./appsettings.json:/app/appsettings.json:ro\n  - ./src:/app/src\n  - ~/.aspnet/https:/https:ro\n  - /var/run/docker.sock:/var/run/docker.sock'), {}, {
        'appsettings.json': '{"A": 1}\n',
        'src/Program.cs': '// code\n',
        'src/sub/Util.cs': '// util\n',
      });
      expect(findOne(manifests, 'ConfigMap', 'svc-app-appsettings-json').data).toEqual({ 'appsettings.json': '{"A": 1}\n' });
      expect(container(manifests, 'svc').volumeMounts).toContainEqual({ mountPath: '/app/appsettings.json', name: 'app-appsettings-json', readOnly: true, subPath: 'appsettings.json' });
      expect(podSpecOf(findOne(manifests, 'Deployment', 'svc')).volumes).toContainEqual(expect.objectContaining({
        configMap: expect.objectContaining({ items: [{ key: 'Program.cs', path: 'Program.cs' }, { key: 'sub_Util.cs', path: 'sub/Util.cs' }] }),
      }));
      expect(warnings).toContainEqual(expect.stringMatching(/services\.svc\.volumes\[1\] "\.\/src" is mounted read-only from ConfigMaps: a pod cannot write it back/));
      expect(warnings).toContainEqual(expect.stringMatching(/services\.svc\.volumes\[2\] "~\/\.aspnet\/https" is a path of the host or of a developer's machine and is not mapped/));
      expect(warnings).toContainEqual(expect.stringMatching(/services\.svc\.volumes\[3\] "\/var\/run\/docker\.sock" is a path of the host/));
    });

    test('makes a data folder the project does not hold a claim, shared by the services that mount it', () => {
      const { manifests, warnings } = convert('services:\n  a:\n    image: a:1\n    volumes: ["./data:/data"]\n  b:\n    image: b:1\n    volumes: ["./data:/srv/data"]\n');
      expect(findOne(manifests, 'PersistentVolumeClaim', 'data').spec.accessModes).toEqual(['ReadWriteMany']);
      expect(warnings).toContainEqual(expect.stringMatching(/services\.a\.volumes\[0\] "\.\/data" is not in the project folder \(compose creates it empty\): it becomes a claim at \/data/));
    });

    test('maps tmpfs to memory emptyDirs and anonymous volumes to emptyDirs, saying their data is lost', () => {
      const { manifests, warnings } = convert(service('image: s:1\ntmpfs: ["/app/cache:size=32m", /run]\nvolumes: [/app/scratch]'));
      const pod = podSpecOf(findOne(manifests, 'Deployment', 'svc'));
      expect(pod.volumes).toContainEqual({ name: 'app-cache', emptyDir: { medium: 'Memory', sizeLimit: '32Mi' } });
      expect(pod.volumes).toContainEqual({ name: 'app-scratch', emptyDir: {} });
      expect(warnings).toContainEqual(expect.stringMatching(/services\.svc\.volumes\[0\] anonymous volume at \/app\/scratch becomes an emptyDir/));
    });

    test('names a named volume the top-level volumes do not declare, and claims it', () => {
      const { manifests, warnings } = convert(service('image: s:1\nvolumes: ["uplods:/app/uploads"]', 'volumes:\n  uploads: {}\n'));
      expect(findOne(manifests, 'PersistentVolumeClaim', 'uplods')).toBeDefined();
      expect(warnings).toContainEqual(expect.stringMatching(/services\.svc\.volumes\[0\] names the volume "uplods", which the top-level volumes do not declare/));
    });
  });

  describe('deploy, command and security', () => {
    test('keeps replicas and resources (a request never above its limit); names the update strategy it does not map', () => {
      const { manifests, warnings } = convert(service('image: s:1\ndeploy:\n  replicas: 4\n  resources:\n    limits: {cpus: "0.25", memory: 64M}\n  update_config: {parallelism: 2, order: start-first}'));
      expect(findOne(manifests, 'Deployment', 'svc').spec.replicas).toBe(4);
      expect(container(manifests, 'svc').resources).toEqual({ limits: { cpu: '250m', memory: '64Mi' }, requests: { cpu: '100m', memory: '64Mi' } });
      expect(warnings).toContainEqual(expect.stringMatching(/services\.svc\.deploy\.update_config is not mapped/));
    });

    test('sets no limit compose does not set, and lowers reservations above the limits to them, with a warning', () => {
      const none = convert(service('image: s:1'));
      expect(container(none.manifests, 'svc').resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' } });
      const { manifests, warnings } = convert(service('image: s:1\ndeploy:\n  resources:\n    limits: {memory: 128M}\n    reservations: {memory: 256M}'));
      expect(container(manifests, 'svc').resources.requests.memory).toBe('128Mi');
      expect(warnings).toContainEqual(expect.stringMatching(/services\.svc\.deploy\.resources\.reservations\.memory is above the limit: the request is lowered to the limit/));
    });

    test('maps entrypoint to command and command to args, in their string and list forms', () => {
      const { manifests } = convert(service('image: s:1\nentrypoint: dotnet "My App.dll"\ncommand: [--urls, "http://+:8080"]'));
      expect(container(manifests, 'svc')).toMatchObject({ command: ['dotnet', 'My App.dll'], args: ['--urls', 'http://+:8080'] });
      // Docker drops the image's CMD when the entrypoint is replaced.
      expect(container(convert(service('image: s:1\nentrypoint: [run]')).manifests, 'svc').args).toEqual([]);
    });

    test('runs a service with a numeric user and read_only restricted; maps working_dir, extra_hosts, pull_policy and stop_grace_period', () => {
      const { manifests } = convert(service('image: s:1\nuser: "1000:2000"\nread_only: true\ntmpfs: [/tmp]\ncap_add: [NET_BIND_SERVICE]\nworking_dir: /app\nextra_hosts: ["erp:10.0.0.20", "gw:host-gateway"]\npull_policy: missing\nstop_grace_period: 1m\nports: ["80"]'));
      const pod = podSpecOf(findOne(manifests, 'Deployment', 'svc'));
      expect(pod.containers[0].securityContext).toMatchObject({ runAsUser: 1000, runAsGroup: 2000, readOnlyRootFilesystem: true, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] } });
      expect(pod.containers[0]).toMatchObject({ workingDir: '/app', imagePullPolicy: 'IfNotPresent' });
      expect(pod).toMatchObject({ hostAliases: [{ ip: '10.0.0.20', hostnames: ['erp'] }], terminationGracePeriodSeconds: 60 });
      // A non-root user on port 80 needs the unprivileged port range to start at 0, as Docker sets it.
      expect(pod.securityContext.sysctls).toEqual([{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }]);
      expect(restrictedViolations(pod)).toEqual([]);
    });

    test('runs what it cannot prove restricted as baseline, and what asks for more privileged, naming each', () => {
      const { manifests, warnings } = convert('services:\n  a:\n    image: a:1\n  b:\n    image: b:1\n    user: root\n  c:\n    image: c:1\n    privileged: true\n  d:\n    image: d:1\n    cap_add: [SYS_ADMIN]\n');
      expect(container(manifests, 'a').securityContext).toMatchObject({ readOnlyRootFilesystem: false });
      expect(container(manifests, 'a').securityContext.runAsUser).toBeUndefined();
      expect(container(manifests, 'b').securityContext.runAsUser).toBe(0);
      expect(container(manifests, 'c').securityContext.privileged).toBe(true);
      expect(container(manifests, 'd').securityContext.capabilities.add).toEqual(['SYS_ADMIN']);
      expect(findOne(manifests, 'Namespace').metadata.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'privileged', 'pod-security.kubernetes.io/warn': 'restricted' });
      expect(warnings).toContainEqual(expect.stringMatching(/services\.a runs with baseline Pod Security \(the image's own user, a writable root filesystem\): nothing proves it runs restricted; to run it restricted, add user:/));
      expect(warnings).toContainEqual(expect.stringMatching(/services\.c runs with privileged Pod Security: it asks for privileged: true/));
    });

    test('with requireRestricted, fails with every service that cannot be proven restricted and what would prove it', () => {
      expect(() => stackFrom('services:\n  a:\n    image: a:1\n  b:\n    image: b:1\n    user: "1000"\n    read_only: true\n', { requireRestricted: true })).toThrow(
        /docker-compose\.yml:2:3\] fromCompose: services\.a cannot be proven to run with restricted Pod Security \(requireRestricted\), so it would run baseline; add user: "<uid>:<gid>"/);
      expect(() => stackFrom('services:\n  b:\n    image: b:1\n    user: "1000"\n    read_only: true\n', { requireRestricted: true })).not.toThrow();
    });

    test('names every key it does not map, with the file, line, service and key', () => {
      const { warnings } = convert(service('image: s:1\nlogging: {driver: json-file}\ndns: [8.8.8.8]\nsysctls: {net.core.somaxconn: 1024}\nulimits: {nofile: 1024}\nstop_signal: SIGINT\ninit: true\nnetworks: {front: {ipv4_address: 10.5.0.5}}\nlabels: {"bad key!": x, com.example.team: shop}\ndeploy: {mode: global, placement: {constraints: ["node.role==worker"]}, rollback_config: {parallelism: 1}}', 'networks:\n  front: {}\n'));
      const keys = ['logging', 'dns', 'sysctls["net.core.somaxconn"]', 'ulimits', 'stop_signal', 'init', 'networks.front', 'labels["bad key!"]', 'deploy.mode', 'deploy.placement', 'deploy.rollback_config'];
      for (const key of keys) {
        expect(warnings).toContainEqual(expect.stringMatching(new RegExp(`docker-compose\\.yml:\\d+:\\d+\\] fromCompose: services\\.svc\\.${key.replace(/[.[\]"!]/g, '\\$&')} `)));
      }
    });
  });

  describe('workloads and dependencies', () => {
    test('runs one-shot services as Jobs, databases as one-replica StatefulSets, and a network_mode sidecar in its service\'s pod', () => {
      const { manifests } = convert('services:\n  db:\n    image: postgres:16\n    deploy: {replicas: 3}\n  migrate:\n    image: m:1\n    restart: "no"\n  api:\n    image: a:1\n    depends_on: {migrate: {condition: service_completed_successfully}}\n  proxy:\n    image: envoyproxy/envoy:v1.31.0\n    network_mode: "service:api"\n');
      expect(findOne(manifests, 'StatefulSet', 'db').spec.replicas).toBe(1);
      expect(findOne(manifests, 'Job', 'migrate').spec.template.spec.restartPolicy).toBe('Never');
      expect(podSpecOf(findOne(manifests, 'Deployment', 'api')).containers.map((c: any) => c.name)).toEqual(['app', 'proxy']);
    });

    test('makes a service_healthy dependency wait for its dependency in an init container that passes restricted Pod Security', () => {
      const { manifests } = convert('services:\n  web:\n    image: w:1\n    depends_on: {db: {condition: service_healthy}}\n  db:\n    image: postgres:16\n');
      const init = podSpecOf(findOne(manifests, 'Deployment', 'web')).initContainers[0];
      expect(init).toMatchObject({ name: 'wait-for-db', image: 'busybox:1.36', command: ['sh', '-c', 'until nc -z -w 2 db 5432; do echo waiting for db; sleep 2; done'] });
      expect(init.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65534, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } });
    });

    test('names the conditions and restarts it does not map', () => {
      const { warnings } = convert('services:\n  web:\n    image: w:1\n    depends_on:\n      migrate: {condition: service_completed_successfully}\n      api: {condition: service_started, restart: true}\n  migrate:\n    image: m:1\n  api:\n    image: a:1\n');
      expect(warnings).toContainEqual(expect.stringMatching(/services\.web\.depends_on\.migrate\.condition service_completed_successfully is not mapped: Kubernetes starts every pod at once; "web" restarts until the Job "migrate" has run/));
      expect(warnings).toContainEqual(expect.stringMatching(/services\.web\.depends_on\.api\.restart is not mapped: Kubernetes does not restart "web" when "api" restarts/));
    });

    test('lets every service reach the others of its networks on their ports, and no other', () => {
      const { manifests } = convert('services:\n  web:\n    image: w:1\n    expose: ["80"]\n    networks: [front]\n  api:\n    image: a:1\n    expose: ["8080"]\n    networks: [front, back]\n  db:\n    image: postgres:16\n    networks: [back]\nnetworks:\n  front: {}\n  back: {internal: true}\n');
      expect(findOne(manifests, 'NetworkPolicy', 'allow-db').spec.ingress).toEqual([{
        from: [{ podSelector: { matchLabels: { 'network.k8s-course-constructs.io/back': 'true' } } }],
        ports: [{ protocol: 'TCP', port: 5432 }],
      }]);
      expect(findOne(manifests, 'NetworkPolicy', 'allow-db').spec.policyTypes).toEqual(['Ingress', 'Egress']);
      // AND the members carry the labels of their networks, which the policies select
      const labels = (kind: string, name: string) => findOne(manifests, kind, name).spec.template.metadata.labels;
      expect(labels('Deployment', 'api')).toMatchObject({ 'network.k8s-course-constructs.io/front': 'true', 'network.k8s-course-constructs.io/back': 'true' });
      expect(labels('Deployment', 'web')).not.toHaveProperty(['network.k8s-course-constructs.io/back']);
    });
  });

  describe('images, backing services and externals', () => {
    test('derives an image from the service when only build is given, and keeps the build context for Skaffold', () => {
      const { stack, manifests, warnings } = convert(service('build: {context: ./src/Svc, dockerfile: Dockerfile.k8s, target: final, args: {V: "1"}}'), { defaultImageTag: '0.1.0' });
      expect(container(manifests, 'svc').image).toBe('svc:0.1.0');
      expect(stack.service('svc')).toMatchObject({ buildContext: 'src/Svc', dockerfile: 'Dockerfile.k8s', buildTarget: 'final', buildArgs: { V: '1' } });
      expect(warnings).toContainEqual(expect.stringMatching(/services\.svc\.build gives no image: the image is named "svc:0\.1\.0" \(Skaffold builds it and replaces the tag\)/));
    });

    test('converts untagged and latest images, pulled Always, each with one warning saying how to pin it', () => {
      const { manifests, warnings } = convert('services:\n  a:\n    image: shop/a\n  b:\n    image: shop/b:${TAG:-latest}\n');
      expect(container(manifests, 'a')).toMatchObject({ image: 'shop/a', imagePullPolicy: 'Always' });
      expect(container(manifests, 'b').image).toBe('shop/b:latest');
      expect(warnings.filter(w => /services\.a\.image has no tag/.test(w))).toHaveLength(1);
      expect(warnings).toContainEqual(expect.stringMatching(/services\.b\.image uses the tag "latest": every node pulls whatever it is when it starts the pod; pin a version/));
    });

    test('converts image references docker cannot pull (a placeholder tag, a tag left empty by an unset variable, upper case), each with one warning naming what runs', () => {
      // GIVEN a docs placeholder tag (Airflow's "|version|"), an unset tag variable (n8n's ${N8N_VERSION}) and an upper-case repository
      const { manifests, warnings } = convert('services:\n  a:\n    image: apache/airflow:|version|\n  b:\n    image: docker.n8n.io/n8nio/n8n:${N8N_VERSION}\n  c:\n    image: Shop/Web:1.0\n');
      // THEN each converts to a reference Kubernetes accepts
      expect(container(manifests, 'a').image).toBe('apache/airflow');
      expect(container(manifests, 'b').image).toBe('docker.n8n.io/n8nio/n8n');
      expect(container(manifests, 'c').image).toBe('shop/web:1.0');
      // AND the warning says what runs instead, once per service
      expect(warnings.filter(w => /services\.a\.image/.test(w))).toEqual([
        expect.stringMatching(/services\.a\.image "apache\/airflow:\|version\|" is not a valid image reference \(docker cannot pull it either\): its tag is not valid, so it runs untagged \(latest\) as "apache\/airflow"; give a valid reference/),
      ]);
      expect(warnings).toContainEqual(expect.stringMatching(/services\.c\.image "Shop\/Web:1\.0" is not a valid image reference .*: it runs as written in lower case as "shop\/web:1\.0"/));
    });

    test('runs well-known databases, caches and brokers on every port they open', () => {
      const { manifests } = convert('services:\n  rabbitmq:\n    image: rabbitmq:3.13-management\n    ports: ["15672:15672", "5672:5672"]\n');
      expect(findOne(manifests, 'Service', 'rabbitmq').spec.ports.map((p: any) => p.port)).toEqual(expect.arrayContaining([15672, 5672]));
    });

    test('runs the services named in backingServices as backing services, and only those', () => {
      const { manifests } = convert('services:\n  search:\n    image: meili:1.10\n    expose: ["7700"]\n    user: "1000"\n    read_only: true\n    tmpfs: [/meili_data/tmp]\n  redis:\n    image: redis:7.4\n', { backingServices: ['search'] });
      const sts = findOne(manifests, 'StatefulSet', 'search');
      expect(podSpecOf(sts).securityContext).toMatchObject({ runAsUser: 1000 });
      expect(podSpecOf(sts).containers[0].volumeMounts.map((m: any) => m.mountPath)).toEqual(['/tmp', '/meili_data/tmp']);
      expect(findOne(manifests, 'Deployment', 'redis')).toBeDefined();
    });

    test('replaces services named in externals by ExternalName Services, so callers keep their host names', () => {
      const { manifests, warnings } = convert('services:\n  web:\n    image: w:1\n    depends_on: [sqldata]\n  sqldata:\n    image: mcr.microsoft.com/mssql/server:2022-CU14-ubuntu-22.04\n    ports: ["1433:1433"]\n', { externals: { sqldata: 'shop.database.windows.net' } });
      expect(findOne(manifests, 'Service', 'sqldata').spec).toMatchObject({ type: 'ExternalName', externalName: 'shop.database.windows.net' });
      expect(allOf(manifests, 'StatefulSet')).toEqual([]);
      expect(warnings).toContainEqual(expect.stringMatching(/services\.sqldata runs outside the cluster at shop\.database\.windows\.net: an ExternalName Service "sqldata" points there, and its keys \(image, ports\) are not deployed/));
    });

    test('throws for options naming services the compose files do not have', () => {
      expect(() => stackFrom(service('image: s:1'), { routes: { svx: '/' } })).toThrow(
        '[options] fromCompose: routes names a service that the compose files do not have (got "svx"); name one of svc (did you mean "svc"?)');
      expect(() => stackFrom(service('image: s:1'), { externals: { db: 'db.example.com' } })).toThrow(
        '[options] fromCompose: externals names a service that the compose files do not have (got "db"); name one of svc');
      expect(() => stackFrom(service('image: s:1'), { routes: { svc: 'api' } })).toThrow('[options] fromCompose: routes.svc must be a path starting with "/" (got "api"); write "/api"');
    });
  });
});
