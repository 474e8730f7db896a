import { join } from 'path';
import { Platform, PublishedPortExposure } from '../../src';
import { httpCheck, knownBacking, looksSecret } from '../../src/compose/plan';
import { allOf, findOne, Manifest, podSpecOf } from '../support';
import { convert, convertFiles, FIXTURES, stackFrom } from './support';

const FORMS = [join(FIXTURES, 'forms', 'docker-compose.yml'), join(FIXTURES, 'forms', 'docker-compose.override.yml')];

function container(manifests: Manifest[], name: string, kind = 'Deployment'): any {
  return podSpecOf(findOne(manifests, kind, name)).containers[0];
}

function configOf(manifests: Manifest[], name: string): { [key: string]: string } {
  return findOne(manifests, 'ConfigMap', `${name}-config`).data;
}

function service(body: string, extra = ''): string {
  return `services:\n  svc:\n${body.split('\n').map(l => (l ? `    ${l}` : l)).join('\n')}\n${extra}`;
}

describe('mapping compose services to the stack', () => {
  describe('names', () => {
    test('makes invalid service names valid, reports the mapping and rewrites host names in values', () => {
      const { manifests, warnings } = convert('services:\n  catalog.api:\n    image: c:1\n  Basket_API:\n    image: b:1\n    environment:\n      CatalogUrl: http://catalog.api:8080/api\n      Redis: "basket.data:6379,abortConnect=false"\n      Other: http://catalog.api.example.com\n  basket.data:\n    image: redis:7.4\n');
      expect(allOf(manifests, 'Deployment').map(d => d.metadata.name)).toEqual(['catalog-api', 'basket-api']);
      expect(findOne(manifests, 'StatefulSet').metadata.name).toBe('basket-data');
      expect(configOf(manifests, 'basket-api')).toEqual({
        CatalogUrl: 'http://catalog-api:8080/api',
        Redis: 'basket-data:6379,abortConnect=false',
        Other: 'http://catalog.api.example.com',
      });
      expect(warnings).toContainEqual(expect.stringMatching(/docker-compose\.yml:2:3\] fromCompose: services\["catalog\.api"\] is named "catalog-api" in Kubernetes: "catalog\.api" is not a DNS-1035 label/));
      expect(warnings).toContainEqual(expect.stringMatching(/services\.Basket_API is named "basket-api" in Kubernetes/));
      expect(warnings).toContainEqual(expect.stringMatching(/docker-compose\.yml:7:7\] fromCompose: services\.Basket_API\.environment has host names of renamed services rewritten to their Kubernetes names in CatalogUrl, Redis/));
    });

    test('renames a service named like the stack\'s gateway, and two services that become one name', () => {
      const { manifests } = convert('services:\n  gateway:\n    image: g:1\n  web_app:\n    image: w:1\n  web-app:\n    image: w:2\n');
      expect(allOf(manifests, 'Deployment').map(d => d.metadata.name)).toEqual(['gateway-app', 'web-app', 'web-app-2']);
    });

    test('gives hostname and container_name a Service of their own, and answers dotted host names with the service', () => {
      const { manifests, warnings } = convert('services:\n  identity.api:\n    image: i:1\n    hostname: identity\n    container_name: identity.local\n  web:\n    image: w:1\n    environment: {Auth: "http://identity.local:8080"}\n');
      const alias = findOne(manifests, 'Service', 'identity');
      expect(alias.spec.selector).toEqual(findOne(manifests, 'Service', 'identity-api').spec.selector);
      expect(configOf(manifests, 'web').Auth).toBe('http://identity-api:8080');
      expect(warnings).toContainEqual(expect.stringMatching(/services\["identity\.api"\]\.container_name "identity\.local" is answered by the Service "identity-api"/));
    });

    test('renames environment variables Kubernetes 1.28 rejects to the .NET form', () => {
      const { manifests, warnings } = convert(service('image: s:1\nenvironment:\n  - ConnectionStrings:Default=Host=db\n  - Logging:LogLevel:Default=Debug'));
      expect(configOf(manifests, 'svc')).toEqual({ ConnectionStrings__Default: 'Host=db', Logging__LogLevel__Default: 'Debug' });
      expect(warnings).toContainEqual(expect.stringMatching(/docker-compose\.yml:5:9\] fromCompose: services\.svc\.environment has names Kubernetes 1\.28 rejects, renamed to the \.NET configuration form \(\.NET reads "__" as ":"\): ConnectionStrings:Default -> ConnectionStrings__Default, Logging:LogLevel:Default -> Logging__LogLevel__Default/));
    });
  });

  describe('configuration and secrets', () => {
    test('puts environment and env_file in a ConfigMap and secret-looking values in a Secret, with a warning', () => {
      const { manifests, warnings } = convert(service('image: s:1\nenv_file: [./svc.env]\nenvironment:\n  PageSize: "20"\n  Jwt__SigningKey: abc\n  Db: "Server=db;Password=p"\n  Broker: amqp://user:pass@rabbitmq:5672\n  FROM_SHELL:\n'), {
        variables: { FROM_SHELL: 'shell' },
      }, { 'svc.env': 'FromFile=1\nPageSize=10\n' });
      expect(configOf(manifests, 'svc')).toEqual({ FromFile: '1', PageSize: '20', FROM_SHELL: 'shell' });
      expect(findOne(manifests, 'Secret', 'svc-secrets').stringData).toEqual({ Jwt__SigningKey: 'abc', Db: 'Server=db;Password=p', Broker: 'amqp://user:pass@rabbitmq:5672' });
      expect(warnings).toContainEqual(expect.stringMatching(/docker-compose\.yml:7:7\] fromCompose: services\.svc\.environment has values that look like secrets \(Jwt__SigningKey, Db, Broker\): they go to a Secret, not the ConfigMap; create that Secret outside the app and use SecretValue\.fromSecret/));
    });

    test('leaves out a variable without value that the environment does not set, as compose does, and says so', () => {
      const { manifests, warnings } = convert(service('image: s:1\nenvironment: [DEBUG, A=1]'));
      expect(configOf(manifests, 'svc')).toEqual({ A: '1' });
      expect(warnings).toContainEqual(expect.stringMatching(/services\.svc\.environment\.DEBUG has no value and is not set in the environment or \.env: it is left out/));
    });

    test('throws for a missing env_file, unless it is optional', () => {
      expect(() => stackFrom(service('image: s:1\nenv_file: [./missing.env]'))).toThrow(
        /docker-compose\.yml:4:16\] fromCompose: services\.svc\.env_file\[0\] names a file that does not exist \(got "\.\/missing\.env"\); create the file, fix the path \(relative to the project directory\), or add required: false/);
      expect(() => stackFrom(service('image: s:1\nenv_file: [{path: ./missing.env, required: false}]'))).not.toThrow();
    });

    test('mounts compose secrets and configs where compose mounts them', () => {
      const { manifests, warnings } = convert(service('image: s:1\nsecrets: [db_password, {source: api_key, target: /etc/api.key}]\nconfigs: [{source: settings, target: /app/settings.json}]', 'secrets:\n  db_password: {file: ./db.txt}\n  api_key: {external: true, name: shop-api-key}\nconfigs:\n  settings: {content: "{}"}\n'), {}, { 'db.txt': 's3cret' });
      const c = container(manifests, 'svc');
      expect(c.volumeMounts).toEqual(expect.arrayContaining([
        { mountPath: '/run/secrets/db_password', name: 'secret-db-password', readOnly: true, subPath: 'db_password' },
        { mountPath: '/etc/api.key', name: 'secret-api-key', readOnly: true, subPath: 'api_key' },
        { mountPath: '/app/settings.json', name: 'config-settings', readOnly: true, subPath: 'settings' },
      ]));
      expect(findOne(manifests, 'Secret', 'db-password').stringData).toEqual({ db_password: 's3cret' });
      expect(findOne(manifests, 'ConfigMap', 'settings').data).toEqual({ settings: '{}' });
      expect(allOf(manifests, 'Secret').map(s => s.metadata.name)).not.toContain('shop-api-key');
      expect(warnings).toContainEqual(expect.stringMatching(/fromCompose: secrets\.db_password is written into the YAML as a literal Secret "db-password": create it outside the app/));
    });

    test('throws for a secret the top-level secrets do not declare', () => {
      expect(() => stackFrom(service('image: s:1\nsecrets: [db_password]'))).toThrow(
        /docker-compose\.yml:4:15\] fromCompose: services\.svc\.secrets\[0\] names a secret the top-level secrets do not declare \(got "db_password"\); declare it under secrets: with file:, environment: or external: true/);
    });
  });

  describe('ports and exposure', () => {
    test('routes published ports through the gateway, keeping the container port as the Service port', () => {
      const { manifests } = convert(service('image: s:1\nports: ["5101:8080"]'));
      expect(findOne(manifests, 'Service', 'svc').spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' }]);
      const route = findOne(manifests, 'HTTPRoute');
      expect(route.spec.rules[0].matches[0].path).toEqual({ type: 'PathPrefix', value: '/svc' });
      expect(route.spec.rules[0].filters[0].urlRewrite.path).toEqual({ type: 'ReplacePrefixMatch', replacePrefixMatch: '/' });
    });

    test('routes a service at the path given, whatever its ports', () => {
      const { manifests } = convert(service('image: s:1\nexpose: ["80"]'), { routes: { svc: '/' } });
      expect(findOne(manifests, 'HTTPRoute').spec.rules[0].matches[0].path).toEqual({ type: 'PathPrefix', value: '/' });
      expect(findOne(manifests, 'Service', 'svc').spec.ports[0].port).toBe(80);
    });

    test('exposes published ports as NodePorts, keeping published ports in the node port range', () => {
      const { manifests, warnings } = convert('services:\n  a:\n    image: a:1\n    ports: ["30080:8080"]\n  b:\n    image: b:1\n    ports: ["5101:8080"]\n', { publishedPorts: PublishedPortExposure.NODE_PORT });
      expect(findOne(manifests, 'Service', 'a').spec).toMatchObject({ type: 'NodePort', ports: [{ port: 8080, nodePort: 30080 }] });
      expect(findOne(manifests, 'Service', 'b').spec.ports[0].nodePort).toBeUndefined();
      expect(allOf(manifests, 'HTTPRoute')).toEqual([]);
      expect(warnings).toContainEqual(expect.stringMatching(/services\.b\.ports published port 5101 is outside 30000-32767, so Kubernetes picks the node port/));
    });

    test('exposes published ports as LoadBalancers on the published port', () => {
      const { manifests } = convert(service('image: s:1\nports: ["80:8080"]'), { publishedPorts: PublishedPortExposure.LOAD_BALANCER });
      expect(findOne(manifests, 'Service', 'svc').spec).toMatchObject({
        type: 'LoadBalancer',
        ports: [{ name: 'http', port: 8080, targetPort: 8080 }, { name: 'published', port: 80, targetPort: 8080 }],
      });
    });

    test('finds the port in ASPNETCORE_URLS or the health check when there are no ports, else uses 8080 and says so', () => {
      const urls = convert(service('image: s:1\nenvironment: [ASPNETCORE_URLS=http://+:5000]')).manifests;
      expect(container(urls, 'svc').ports).toEqual([{ containerPort: 5000, name: 'http' }]);
      const health = convert(service('image: s:1\nhealthcheck: {test: [CMD, curl, -f, "http://localhost:9000/hc"]}')).manifests;
      expect(container(health, 'svc').ports[0].containerPort).toBe(9000);
      const { manifests, warnings } = convert(service('image: s:1'));
      expect(container(manifests, 'svc').ports[0].containerPort).toBe(8080);
      expect(warnings).toContainEqual(expect.stringMatching(/docker-compose\.yml:2:3\] fromCompose: services\.svc has no ports: the service listens on 8080/));
    });

    test('names the ports it does not map', () => {
      const { warnings } = convert(service('image: s:1\nports: ["8080", "127.0.0.1:9090:9090", "5353:53/udp"]'));
      expect(warnings).toContainEqual(expect.stringMatching(/services\.svc\.ports\[1\] host IP 127\.0\.0\.1 is not mapped/));
      expect(warnings).toContainEqual(expect.stringMatching(/services\.svc\.ports\[1\] is not mapped: a microservice of the stack has one port, the first one listed \(8080\)/));
      expect(warnings).toContainEqual(expect.stringMatching(/services\.svc\.ports\[2\] is not mapped: UDP port 53: the stack's Services and NetworkPolicies are TCP/));
    });

    test('throws for a port range Kubernetes cannot express', () => {
      expect(() => stackFrom(service('image: s:1\nports: ["8000-8010:8000-8010"]'))).toThrow(
        /docker-compose\.yml:4:13\] fromCompose: services\.svc\.ports\[0\] has the target port range 8000-8010, which a Kubernetes Service cannot express \(got "8000-8010:8000-8010"\); list each port on its own, or keep the one the service needs/);
    });

    test('throws for a protocol Kubernetes cannot express', () => {
      expect(() => stackFrom(service('image: s:1\nports: [{target: 8080, protocol: icmp}]'))).toThrow(
        /docker-compose\.yml:4:13\] fromCompose: services\.svc\.ports\[0\] has a protocol Kubernetes Services cannot express \(got "icmp"\); use tcp, udp or sctp/);
    });
  });

  describe('health checks', () => {
    test.each([
      ['["CMD", "curl", "-f", "http://localhost:8080/hc"]', { httpGet: { path: '/hc', port: 8080, scheme: 'HTTP' } }],
      ['["CMD-SHELL", "curl -fsS http://127.0.0.1:8080/health?full=1 || exit 1"]', { httpGet: { path: '/health?full=1', port: 8080, scheme: 'HTTP' } }],
      ['wget --spider -q http://localhost:8080/alive', { httpGet: { path: '/alive', port: 8080, scheme: 'HTTP' } }],
      ['["CMD", "curl", "-H", "Host: shop", "http://svc:8080/"]', { httpGet: { path: '/', port: 8080, scheme: 'HTTP', httpHeaders: [{ name: 'Host', value: 'shop' }] } }],
      ['["CMD", "dotnet", "healthcheck.dll"]', { exec: { command: ['dotnet', 'healthcheck.dll'] } }],
      ['["CMD-SHELL", "curl -f http://localhost:8080/hc && test -f /tmp/ready"]', { exec: { command: ['/bin/sh', '-c', 'curl -f http://localhost:8080/hc && test -f /tmp/ready'] } }],
      ['curl -f http://other-host:8080/hc', { exec: { command: ['/bin/sh', '-c', 'curl -f http://other-host:8080/hc'] } }],
    ])('maps the test %s', (test, probe) => {
      const { manifests } = convert(service(`image: s:1\nexpose: ["8080"]\nhealthcheck:\n  test: ${test}\n  interval: 10s\n  timeout: 2s`));
      const c = container(manifests, 'svc');
      const timing = { periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3, initialDelaySeconds: 0, successThreshold: 1 };
      expect(c.livenessProbe).toEqual({ ...probe, ...timing });
      expect(c.readinessProbe).toEqual(c.livenessProbe);
    });

    test('maps interval, timeout, retries and start_period (to a startup probe); compose defaults otherwise', () => {
      const { manifests } = convert(service('image: s:1\nexpose: ["8080"]\nhealthcheck:\n  test: [CMD, curl, -f, "http://localhost:8080/hc"]\n  interval: 1m\n  timeout: 20s\n  retries: 5\n  start_period: 2m\n  start_interval: 5s'));
      const c = container(manifests, 'svc');
      expect(c.livenessProbe).toMatchObject({ periodSeconds: 60, timeoutSeconds: 20, failureThreshold: 5 });
      expect(c.startupProbe).toMatchObject({ periodSeconds: 5, timeoutSeconds: 5, failureThreshold: 29 });
      const defaults = container(convert(service('image: s:1\nexpose: ["8080"]\nhealthcheck:\n  test: [CMD, "true"]')).manifests, 'svc');
      expect(defaults.livenessProbe).toMatchObject({ periodSeconds: 30, timeoutSeconds: 30, failureThreshold: 3 });
      expect(defaults.startupProbe).toBeUndefined();
    });

    test('keeps a check of another port as a command, and says why', () => {
      const { manifests, warnings } = convert(service('image: s:1\nexpose: ["8080"]\nhealthcheck:\n  test: [CMD, curl, -f, "http://localhost:9090/metrics"]'));
      expect(container(manifests, 'svc').livenessProbe.exec.command).toEqual(['curl', '-f', 'http://localhost:9090/metrics']);
      expect(warnings).toContainEqual(expect.stringMatching(/services\.svc\.healthcheck\.test calls port 9090, which is not the service's port 8080: it stays a command probe, which needs curl in the image/));
    });

    test('uses TCP probes for a disabled healthcheck, and ASP.NET Core\'s endpoints when there is none, saying so', () => {
      const disabled = convert(service('image: s:1\nhealthcheck: {test: [NONE]}'));
      expect(container(disabled.manifests, 'svc').livenessProbe.tcpSocket).toEqual({ port: 8080 });
      expect(disabled.warnings).toContainEqual(expect.stringMatching(/services\.svc\.healthcheck is disabled, but a Deployment of the stack needs probes: TCP socket probes on port 8080/));
      const none = convert(service('image: s:1\nexpose: ["8080"]'));
      expect(container(none.manifests, 'svc').readinessProbe.httpGet.path).toBe('/health');
      expect(none.warnings).toContainEqual(expect.stringMatching(/services\.svc has no healthcheck: the probes default to ASP\.NET Core's \/alive \(liveness\) and \/health \(readiness\) on port 8080/));
    });

    test('rounds sub-second durations up to whole seconds, and says so', () => {
      const { manifests, warnings } = convert(service('image: s:1\nexpose: ["8080"]\nhealthcheck: {test: [CMD, "true"], interval: 1500ms, timeout: 500ms}'));
      expect(container(manifests, 'svc').livenessProbe).toMatchObject({ periodSeconds: 2, timeoutSeconds: 1 });
      expect(warnings).toContainEqual(expect.stringMatching(/services\.svc\.healthcheck\.interval 1500ms is rounded up to 2s: probes count in whole seconds/));
    });

    test('throws for a timeout longer than the interval', () => {
      expect(() => stackFrom(service('image: s:1\nhealthcheck: {test: [CMD, "true"], interval: 5s}'))).toThrow(
        /docker-compose\.yml:4:5\] fromCompose: services\.svc\.healthcheck\.timeout must not be longer than the interval \(5s\): Kubernetes starts the next probe before this one ends \(got "30s \(the compose default\)"\); shorten timeout or lengthen interval/);
    });

    test('reads curl and wget commands only when they are a plain HTTP GET of the service', () => {
      expect(httpCheck(['curl', '--fail', '-m', '2', 'https://localhost/hc'], [])).toEqual({ path: '/hc', port: 443, scheme: 'HTTPS', headers: undefined });
      expect(httpCheck(['curl', '-X', 'POST', 'http://localhost/hc'], [])).toBeUndefined();
      expect(httpCheck(['curl', '--unknown-flag', 'http://localhost/hc'], [])).toBeUndefined();
      expect(httpCheck(['wget', '-qO-', 'http://localhost:8080/hc', '||', 'exit', '1'], [])).toMatchObject({ path: '/hc', port: 8080 });
    });
  });

  describe('volumes', () => {
    test('maps an NFS volume (driver_opts type nfs) to a PersistentVolume on the server, shared by its users', () => {
      const { manifests } = convert('services:\n  a:\n    image: a:1\n    volumes: ["pics:/app/pics"]\n  b:\n    image: b:1\n    volumes: ["pics:/srv/pics:ro"]\nvolumes:\n  pics:\n    driver: local\n    driver_opts: {type: nfs, o: "addr=10.0.0.4,nfsvers=4.1,rw", device: ":/srv/nfs/pics"}\n');
      expect(findOne(manifests, 'PersistentVolume').spec).toMatchObject({ nfs: { server: '10.0.0.4', path: '/srv/nfs/pics' }, mountOptions: ['nfsvers=4.1'] });
      expect(container(manifests, 'b').volumeMounts).toContainEqual({ mountPath: '/srv/pics', name: 'pics', readOnly: true });
      expect(podSpecOf(findOne(manifests, 'Deployment', 'a')).volumes).toContainEqual(expect.objectContaining({ persistentVolumeClaim: expect.objectContaining({ claimName: 'pics' }) }));
    });

    test('gives a backing service its named volume as its own data claim', () => {
      const { manifests } = convert('services:\n  db:\n    image: postgres:16\n    volumes: [dbdata:/var/lib/postgresql/data]\nvolumes:\n  dbdata: {}\n');
      expect(findOne(manifests, 'PersistentVolumeClaim', 'db-data').spec.accessModes).toEqual(['ReadWriteOnce']);
      expect(container(manifests, 'db', 'StatefulSet').volumeMounts).toContainEqual({ mountPath: '/var/lib/postgresql/data', name: 'pvc-db-data' });
    });

    test('claims other named volumes on the platform\'s ReadWriteMany class, and external ones by name', () => {
      const { manifests } = convert(service('image: s:1\nvolumes: ["uploads:/app/uploads", "shared:/shared"]', 'volumes:\n  uploads: {}\n  shared: {external: true, name: team-share}\n'), { platform: Platform.AKS });
      expect(findOne(manifests, 'PersistentVolumeClaim', 'uploads').spec.storageClassName).toBe('azurefile-csi');
      expect(podSpecOf(findOne(manifests, 'Deployment', 'svc')).volumes).toContainEqual({ name: 'claim-team-share', persistentVolumeClaim: { claimName: 'team-share', readOnly: false } });
    });

    test('mounts bind-mounted files from a ConfigMap, and names the folders it does not mount', () => {
      const { manifests, warnings } = convert(service('image: s:1\nvolumes:\n  - ./appsettings.json:/app/appsettings.json:ro\n  - ./src:/app/src\n  - ~/.aspnet/https:/https:ro\n  - ./missing.txt:/app/missing.txt\n  - /var/run/docker.sock:/var/run/docker.sock'), {}, {
        'appsettings.json': '{"A": 1}\n',
        'src/Program.cs': '// code\n',
      });
      expect(findOne(manifests, 'ConfigMap', 'svc-files').data).toEqual({ 'appsettings.json': '{"A": 1}\n' });
      expect(container(manifests, 'svc').volumeMounts).toContainEqual({ mountPath: '/app/appsettings.json', name: 'files', readOnly: true, subPath: 'appsettings.json' });
      expect(warnings).toContainEqual(expect.stringMatching(/services\.svc\.volumes\[1\] "\.\/src:\/app\/src" is a folder and is not mapped: bake it into the image, or use a named volume/));
      expect(warnings).toContainEqual(expect.stringMatching(/services\.svc\.volumes\[2\] "~\/\.aspnet\/https:\/https:ro" is a development folder \(user secrets, certificates, sockets\) and is not mapped/));
      expect(warnings).toContainEqual(expect.stringMatching(/services\.svc\.volumes\[3\] "\.\/missing\.txt:\/app\/missing\.txt" does not exist on this machine and is not mapped/));
      expect(warnings).toContainEqual(expect.stringMatching(/services\.svc\.volumes\[4\] "\/var\/run\/docker\.sock:\/var\/run\/docker\.sock" is a development folder/));
    });

    test('maps tmpfs to memory emptyDirs and anonymous volumes to emptyDirs, saying their data is lost', () => {
      const { manifests, warnings } = convert(service('image: s:1\ntmpfs: ["/app/cache:size=32m", /tmp]\nvolumes: [/app/scratch]'));
      const pod = podSpecOf(findOne(manifests, 'Deployment', 'svc'));
      expect(pod.volumes).toContainEqual({ name: 'tmpfs-1', emptyDir: { medium: 'Memory', sizeLimit: '32Mi' } });
      expect(pod.volumes).toContainEqual({ name: 'scratch-0', emptyDir: {} });
      expect(pod.containers[0].volumeMounts.filter((m: any) => m.mountPath === '/tmp')).toHaveLength(1);
      expect(warnings).toContainEqual(expect.stringMatching(/services\.svc\.volumes\[0\] anonymous volume at \/app\/scratch becomes an emptyDir: its data is lost with the pod/));
    });

    test('throws for a named volume the top-level volumes do not declare', () => {
      expect(() => stackFrom(service('image: s:1\nvolumes: ["uplods:/app/uploads"]', 'volumes:\n  uploads: {}\n'))).toThrow(
        /docker-compose\.yml:4:15\] fromCompose: services\.svc\.volumes\[0\] names a volume the top-level volumes do not declare \(got "uplods"\); declare it under volumes: .* \(did you mean "uploads"\?\)/);
    });
  });

  describe('deploy, command and security', () => {
    test('maps replicas, resources and the update strategy', () => {
      const { manifests } = convert(service('image: s:1\ndeploy:\n  replicas: 4\n  resources:\n    limits: {cpus: "0.25", memory: 64M}\n  update_config: {parallelism: 2, order: start-first, delay: 15s}'));
      const d = findOne(manifests, 'Deployment', 'svc');
      expect(d.spec.replicas).toBe(4);
      expect(d.spec.strategy.rollingUpdate).toEqual({ maxSurge: 2, maxUnavailable: 0 });
      expect(d.spec.minReadySeconds).toBe(15);
      // Requests never above the limits: the stack's default requests are lowered to fit.
      expect(container(manifests, 'svc').resources).toEqual({ limits: { cpu: '250m', memory: '64Mi' }, requests: { cpu: '100m', memory: '64Mi' } });
    });

    test('maps stop-first updates as losing capacity, and says so', () => {
      const { manifests, warnings } = convert(service('image: s:1\ndeploy:\n  update_config: {parallelism: 1}'));
      expect(findOne(manifests, 'Deployment', 'svc').spec.strategy.rollingUpdate).toEqual({ maxSurge: 0, maxUnavailable: 1 });
      expect(warnings).toContainEqual(expect.stringMatching(/services\.svc\.deploy\.update_config\.order stop-first is mapped as maxSurge 0/));
    });

    test('throws for reservations above the limits', () => {
      expect(() => stackFrom(service('image: s:1\ndeploy:\n  resources:\n    limits: {memory: 128M}\n    reservations: {memory: 256M}'))).toThrow(
        /fromCompose: services\.svc\.deploy\.resources\.reservations must not be above the limits: Kubernetes rejects a request above its limit \(got \{"memory":"256M"\}\); lower the reservations or raise the limits/);
    });

    test('maps entrypoint to command and command to args, in their string and list forms', () => {
      const { manifests } = convert(service('image: s:1\nentrypoint: dotnet "My App.dll"\ncommand: [--urls, "http://+:8080"]'));
      expect(container(manifests, 'svc')).toMatchObject({ command: ['dotnet', 'My App.dll'], args: ['--urls', 'http://+:8080'] });
    });

    test('maps user, NET_BIND_SERVICE, working_dir, extra_hosts, platform and pull_policy; names what restricted Pod Security forbids', () => {
      const { manifests, warnings } = convert(service('image: s:1\nuser: "1000:2000"\ncap_add: [NET_BIND_SERVICE, SYS_ADMIN]\nread_only: false\nprivileged: true\nworking_dir: /app\nextra_hosts: ["erp:10.0.0.20", "gw:host-gateway"]\nplatform: linux/arm64\npull_policy: missing\nstop_grace_period: 1m'));
      const c = container(manifests, 'svc');
      expect(c.securityContext).toMatchObject({ runAsUser: 1000, runAsGroup: 2000, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: true });
      expect(c).toMatchObject({ workingDir: '/app', imagePullPolicy: 'IfNotPresent' });
      const pod = podSpecOf(findOne(manifests, 'Deployment', 'svc'));
      expect(pod).toMatchObject({ hostAliases: [{ ip: '10.0.0.20', hostnames: ['erp'] }], nodeSelector: { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'arm64' }, terminationGracePeriodSeconds: 60 });
      for (const re of [/cap_add SYS_ADMIN is not mapped/, /read_only false is not mapped/, /privileged is not mapped/, /extra_hosts\.gw host-gateway is not mapped/]) {
        expect(warnings).toContainEqual(expect.stringMatching(re));
      }
    });

    test('names root and named users it cannot map', () => {
      expect(convert(service('image: s:1\nuser: root')).warnings).toContainEqual(expect.stringMatching(/services\.svc\.user "root" is not mapped: Kubernetes needs a numeric user/));
      expect(convert(service('image: s:1\nuser: "0"')).warnings).toContainEqual(expect.stringMatching(/services\.svc\.user root is not mapped: restricted Pod Security runs containers as non-root/));
      expect(convert(service('image: s:1\nuser: app')).warnings).toContainEqual(expect.stringMatching(/\(the \.NET 8 images' "app" user is 1654\)/));
    });

    test('names every key it does not map, with the file, line, service and key', () => {
      const { warnings } = convert(service('image: s:1\nrestart: "no"\nlogging: {driver: json-file}\ndns: [8.8.8.8]\nsysctls: {net.core.somaxconn: 1024}\nulimits: {nofile: 1024}\nsecurity_opt: ["no-new-privileges:true"]\nstop_signal: SIGINT\nshm_size: 1g\ninit: true\nnetworks: {front: {ipv4_address: 10.5.0.5}}\nlabels: {"bad key!": x, com.example.team: shop}\ndeploy: {mode: global, placement: {constraints: ["node.role==worker"]}, rollback_config: {parallelism: 1}}', 'networks:\n  front: {}\n'));
      const keys = ['restart', 'logging', 'dns', 'sysctls', 'ulimits', 'security_opt', 'stop_signal', 'shm_size', 'init', 'networks.front.ipv4_address', 'labels["bad key!"]', 'deploy.mode', 'deploy.placement', 'deploy.rollback_config'];
      for (const key of keys) {
        expect(warnings).toContainEqual(expect.stringMatching(new RegExp(`docker-compose\\.yml:\\d+:\\d+\\] fromCompose: services\\.svc\\.${key.replace(/[.[\]"!]/g, '\\$&')} `)));
      }
      expect(warnings).toContainEqual(expect.stringMatching(/\] fromCompose: networks\.front is not mapped: pods share the cluster network/));
    });
  });

  describe('dependencies', () => {
    test('lets services call what they depend on and the hosts their values name, and nothing else', () => {
      const { manifests } = convert('services:\n  web:\n    image: w:1\n    depends_on: [api]\n    environment: {Cache: "redis:6379"}\n  api:\n    image: a:1\n  redis:\n    image: redis:7.4\n  other:\n    image: o:1\n');
      const egress = findOne(manifests, 'NetworkPolicy', 'allow-web').spec.egress.map((e: any) => e.to[0].podSelector.matchLabels['app.kubernetes.io/name']);
      expect(egress).toEqual(['api', 'redis']);
      expect(findOne(manifests, 'NetworkPolicy', 'allow-other').spec.egress).toEqual([]);
    });

    test('makes a service_healthy dependency wait for its dependency in an init container that passes restricted Pod Security', () => {
      const { manifests } = convert('services:\n  web:\n    image: w:1\n    depends_on: {db: {condition: service_healthy}}\n  db:\n    image: postgres:16\n');
      const init = podSpecOf(findOne(manifests, 'Deployment', 'web')).initContainers[0];
      expect(init).toMatchObject({ name: 'wait-for-db', image: 'busybox:1.36', command: ['sh', '-c', 'until nc -z -w 2 db 5432; do echo waiting for db; sleep 2; done'] });
      expect(init.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65534, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } });
    });

    test('names conditions and restarts it does not map', () => {
      const { warnings } = convert('services:\n  web:\n    image: w:1\n    depends_on:\n      migrate: {condition: service_completed_successfully}\n      api: {condition: service_started, restart: true}\n  migrate:\n    image: m:1\n  api:\n    image: a:1\n');
      expect(warnings).toContainEqual(expect.stringMatching(/services\.web\.depends_on\.migrate\.condition service_completed_successfully is not mapped: "migrate" runs as a long-running service; run one-off tasks as a Kubernetes Job/));
      expect(warnings).toContainEqual(expect.stringMatching(/services\.web\.depends_on\.api\.restart is not mapped: Kubernetes does not restart "web" when "api" restarts/));
    });
  });

  describe('images, backing services and externals', () => {
    test('derives an image from the service when only build is given, and keeps the build context for Skaffold', () => {
      const { stack, manifests, warnings } = convert(service('build: {context: ./src/Svc, dockerfile: Dockerfile.k8s}'), { defaultImageTag: '0.1.0' });
      expect(container(manifests, 'svc').image).toBe('svc:0.1.0');
      expect(stack.service('svc')).toMatchObject({ buildContext: 'src/Svc', dockerfile: 'Dockerfile.k8s' });
      expect(warnings).toContainEqual(expect.stringMatching(/services\.svc\.build gives no image: the image is named "svc:0\.1\.0" \(Skaffold builds it and replaces the tag\)/));
    });

    test('throws for an image without a tag, and for the latest tag', () => {
      expect(() => stackFrom(service('image: shop/svc'))).toThrow(
        /docker-compose\.yml:3:5\] fromCompose: services\.svc\.image must have a tag or digest: Kubernetes must pull the same build on every node \(got "shop\/svc"\); pin a version \("shop\/svc:1\.0\.0"\), or pass defaultImageTag \(--image-tag\) for untagged images/);
      expect(() => stackFrom(service('image: shop/svc:${TAG:-latest}'))).toThrow(
        /docker-compose\.yml:3:5\] fromCompose: services\.svc\.image must not use the tag "latest": a rollout cannot tell two latest builds apart \(got "shop\/svc:latest"\); tag each build with its version; with image: name:\$\{TAG:-latest\}, set TAG in \.env or the environment/);
    });

    test('runs well-known databases, caches and brokers as backing services on their client ports', () => {
      expect(knownBacking('mcr.microsoft.com/mssql/server:2022-latest')).toEqual({ port: 1433, uid: 10001, dataPath: '/var/opt/mssql' });
      expect(knownBacking('bitnami/redis:7.4')).toMatchObject({ port: 6379, uid: 1001 });
      expect(knownBacking('eshop/catalog.api:1.0.0')).toBeUndefined();
      const { manifests, warnings } = convert('services:\n  rabbitmq:\n    image: rabbitmq:3.13-management\n    ports: ["15672:15672", "5672:5672"]\n');
      expect(findOne(manifests, 'Service', 'rabbitmq').spec.ports).toEqual([{ name: 'tcp', port: 5672, targetPort: 5672 }]);
      expect(warnings).toContainEqual(expect.stringMatching(/services\.rabbitmq\.ports\[0\] is not mapped: a backing service of the stack has one port, its client port 5672/));
      expect(warnings).toContainEqual(expect.stringMatching(/services\.rabbitmq\.ports\[1\] published port 5672 is not mapped: backing services stay inside the cluster; reach it with kubectl port-forward svc\/rabbitmq 5672:5672/));
    });

    test('runs the services named in backingServices as backing services, and only those', () => {
      const { manifests } = convert('services:\n  search:\n    image: meili:1.10\n    expose: ["7700"]\n    user: "1000"\n    tmpfs: [/meili_data/tmp]\n  redis:\n    image: redis:7.4\n', { backingServices: ['search'] });
      const sts = findOne(manifests, 'StatefulSet', 'search');
      expect(podSpecOf(sts).securityContext).toMatchObject({ runAsUser: 1000, fsGroup: 1000 });
      expect(podSpecOf(sts).containers[0].volumeMounts.map((m: any) => m.mountPath)).toEqual(['/tmp', '/meili_data/tmp']);
      expect(findOne(manifests, 'Deployment', 'redis')).toBeDefined();
    });

    test('replaces services named in externals by ExternalName Services, so callers keep their host names', () => {
      const { manifests, warnings } = convert('services:\n  web:\n    image: w:1\n    depends_on: [sqldata]\n  sqldata:\n    image: mcr.microsoft.com/mssql/server:2022-CU14-ubuntu-22.04\n    ports: ["1433:1433"]\n', { externals: { sqldata: 'shop.database.windows.net' } });
      expect(findOne(manifests, 'Service', 'sqldata').spec).toMatchObject({ type: 'ExternalName', externalName: 'shop.database.windows.net' });
      expect(allOf(manifests, 'StatefulSet')).toEqual([]);
      expect(warnings).toContainEqual(expect.stringMatching(/services\.sqldata runs outside the cluster at shop\.database\.windows\.net: an ExternalName Service "sqldata" points there, and its keys \(image, ports\) are not deployed/));
      // Callers may leave the cluster on the dependency's port only.
      expect(findOne(manifests, 'NetworkPolicy', 'allow-web').spec.egress).toEqual([
        { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: 1433 }] },
      ]);
    });

    test('throws for options naming services the compose files do not have', () => {
      expect(() => stackFrom(service('image: s:1'), { routes: { svx: '/' } })).toThrow(
        '[options] fromCompose: routes names a service that the compose files do not have (got "svx"); name one of svc (did you mean "svc"?)');
      expect(() => stackFrom(service('image: s:1'), { externals: { db: 'db.example.com' } })).toThrow(
        '[options] fromCompose: externals names a service that the compose files do not have (got "db"); name one of svc');
      expect(() => stackFrom(service('image: s:1'), { routes: { svc: 'api' } })).toThrow('[options] fromCompose: routes.svc must be a path starting with "/" (got "api"); write "/api"');
    });
  });

  test('recognizes secrets by name and by value', () => {
    expect(looksSecret('Jwt__SigningKey', 'x')).toBe(true);
    expect(looksSecret('POSTGRES_PASSWORD', 'x')).toBe(true);
    expect(looksSecret('ApiToken', 'x')).toBe(true);
    expect(looksSecret('Storage', 'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=k')).toBe(true);
    expect(looksSecret('KeyVaultName', 'x')).toBe(true);
    expect(looksSecret('Catalog__PageSize', '20')).toBe(false);
    expect(looksSecret('EventBus', 'amqp://rabbitmq:5672')).toBe(false);
  });

  test('converts every form of the forms fixture into objects that pass their schema and the cross-object checks', () => {
    const { manifests, warnings } = convertFiles(FORMS);
    expect(allOf(manifests, 'Deployment').map(d => d.metadata.name)).toEqual(['catalog-api', 'identity-api', 'ordering-backgroundtasks', 'webapigw']);
    expect(allOf(manifests, 'StatefulSet').map(d => d.metadata.name)).toEqual(['sqldata', 'rabbitmq']);
    expect(warnings).toContainEqual(expect.stringMatching(/docker-compose\.yml:\d+:\d+\] fromCompose: services\.seq is left out: its profiles \(observability\) are not active; pass --profile observability/));
  });
});
