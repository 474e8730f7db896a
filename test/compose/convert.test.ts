import { join } from 'path';
import { NetworkPolicyMode, Platform, PublishedPortExposure } from '../../src';
import { httpCheck } from '../../src/compose/map/http-check';
import { looksSecret } from '../../src/core/secrets';
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
      expect(warnings).toContainEqual(expect.stringMatching(/docker-compose\.yml:\d+:\d+\] fromCompose: services\.Basket_API\.environment has host names of renamed services rewritten to their Kubernetes names in CatalogUrl, Redis/));
    });

    test('renames a service named like the stack\'s gateway, and two services that become one name', () => {
      const { manifests, warnings } = convert('services:\n  gateway:\n    image: g:1\n  web_app:\n    image: w:1\n  web-app:\n    image: w:2\n');
      expect(allOf(manifests, 'Deployment').map(d => d.metadata.name)).toEqual(['gateway-2', 'web-app', 'web-app-2']);
      expect(warnings).toContainEqual(expect.stringMatching(/services\.gateway is named "gateway-2" in Kubernetes: another object of the app has that name/));
    });

    test('gives hostname and container_name a Service of their own, and answers dotted host names with the service', () => {
      const { manifests, warnings } = convert('services:\n  identity.api:\n    image: i:1\n    expose: ["8080"]\n    hostname: identity\n    container_name: identity.local\n  web:\n    image: w:1\n    expose: ["80"]\n    environment: {IdentityUrl: "http://identity.local:8080"}\n');
      const alias = findOne(manifests, 'Service', 'identity');
      expect(alias.spec.selector).toEqual({ 'app.kubernetes.io/name': 'identity-api', 'app.kubernetes.io/part-of': 'shop' });
      expect(alias.spec.ports).toEqual(findOne(manifests, 'Service', 'identity-api').spec.ports);
      expect(configOf(manifests, 'web').IdentityUrl).toBe('http://identity-api:8080');
      expect(warnings).toContainEqual(expect.stringMatching(/services\["identity\.api"\]\.container_name "identity\.local" is answered by the Service "identity-api"/));
    });

    test('renames environment variables Kubernetes 1.28 rejects to the .NET form', () => {
      const { manifests, warnings } = convert(service('image: s:1\nexpose: ["80"]\nenvironment:\n  - ConnectionStrings:Default=Host=db\n  - Logging:LogLevel:Default=Debug'));
      expect(configOf(manifests, 'svc')).toEqual({ ConnectionStrings__Default: 'Host=db', Logging__LogLevel__Default: 'Debug' });
      expect(warnings).toContainEqual(expect.stringMatching(/fromCompose: services\.svc\.environment has names Kubernetes 1\.28 rejects, renamed to the \.NET configuration form \(\.NET reads "__" as ":"\): ConnectionStrings:Default -> ConnectionStrings__Default, Logging:LogLevel:Default -> Logging__LogLevel__Default/));
    });

    test('never crashes on a service and a volume of one name', () => {
      const { manifests } = convert('services:\n  backup:\n    image: b:1\n    volumes: [backup:/backup]\n  db:\n    image: postgres:16\n    volumes: [backup:/backup]\nvolumes:\n  backup: {}\n');
      expect(findOne(manifests, 'Deployment', 'backup')).toBeDefined();
      expect(findOne(manifests, 'PersistentVolumeClaim', 'backup-data').spec.accessModes).toEqual(['ReadWriteMany']);
    });
  });

  describe('configuration and secrets', () => {
    test('puts environment and env_file in a ConfigMap and secret-looking values in a Secret, with a warning', () => {
      const { manifests, warnings } = convert(service('image: s:1\nexpose: ["80"]\nenv_file: [./svc.env]\nenvironment:\n  PageSize: "20"\n  Jwt__SigningKey: abc\n  Db: "Server=db;Password=p"\n  Broker: amqp://user:pass@rabbitmq:5672\n  FROM_SHELL:\n'), {
        variables: { FROM_SHELL: 'shell' },
      }, { 'svc.env': 'FromFile=1\nPageSize=10\n' });
      expect(configOf(manifests, 'svc')).toEqual({ FromFile: '1', PageSize: '20', FROM_SHELL: 'shell' });
      expect(findOne(manifests, 'Secret', 'svc-secrets').stringData).toEqual({ Jwt__SigningKey: 'abc', Db: 'Server=db;Password=p', Broker: 'amqp://user:pass@rabbitmq:5672' });
      expect(warnings).toContainEqual(expect.stringMatching(/fromCompose: services\.svc\.environment has values that look like secrets \(Jwt__SigningKey, Db, Broker\): they go to a Secret, not a ConfigMap/));
    });

    test('sends secret-looking values of backing services to Secrets too', () => {
      const { manifests } = convert('services:\n  db:\n    image: postgres:16\n    environment: {POSTGRES_PASSWORD: pw, PGDATA: /var/lib/postgresql/data/pgdata}\n');
      const env = container(manifests, 'db', 'StatefulSet').env;
      expect(env).toContainEqual({ name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { key: 'POSTGRES_PASSWORD', name: 'db-secrets' } } });
      expect(findOne(manifests, 'ConfigMap', 'db-config').data).toEqual({ PGDATA: '/var/lib/postgresql/data/pgdata' });
    });

    test('leaves out a variable without value that the environment does not set, as compose does, and says so', () => {
      const { manifests, warnings } = convert(service('image: s:1\nexpose: ["80"]\nenvironment: [DEBUG, A=1]'));
      expect(configOf(manifests, 'svc')).toEqual({ A: '1' });
      expect(warnings).toContainEqual(expect.stringMatching(/services\.svc\.environment\.DEBUG has no value and is not set in the environment or \.env: it is left out/));
    });


    test('sets a variable an unset ${VAR} left empty to the empty string, as compose does, even when it is the only one', () => {
      // GIVEN LibreNMS's TZ=${TZ} with TZ unset, alone in the service's environment
      const { manifests, warnings } = convert(service('image: s:1\nexpose: ["80"]\nenvironment: ["TZ=${TZ}"]'));
      // THEN the container has TZ="" (a ConfigMap of empty values renders without data, so it is set directly)
      const c = podSpecOf(findOne(manifests, 'Deployment', 'svc')).containers[0];
      expect(c.env).toContainEqual(expect.objectContaining({ name: 'TZ' }));
      expect(c.env.find((e: any) => e.name === 'TZ').value ?? '').toBe('');
      expect(warnings).toContainEqual(expect.stringMatching(/services\.svc\.environment\[0\] uses the variable TZ, which is not set: it is replaced by an empty string/));
    });
    test('throws for a missing env_file, unless it is optional', () => {
      expect(() => stackFrom(service('image: s:1\nenv_file: [./missing.env]'))).toThrow(
        /docker-compose\.yml:4:16\] fromCompose: services\.svc\.env_file\[0\] names a file that does not exist \(got "\.\/missing\.env"\); create the file, fix the path \(relative to the project directory\), or add required: false/);
      expect(() => stackFrom(service('image: s:1\nenv_file: [{path: ./missing.env, required: false}]'))).not.toThrow();
    });

    test('mounts compose secrets and configs where compose mounts them: files, values and existing objects', () => {
      const { manifests, warnings } = convert(service('image: s:1\nexpose: ["80"]\nsecrets: [db_password, {source: api_key, target: /etc/api.key}]\nconfigs: [{source: settings, target: /app/settings.json}]',
        'secrets:\n  db_password: {file: ./db.txt}\n  api_key: {external: true, name: shop-api-key}\nconfigs:\n  settings: {content: "{}"}\n'), {}, { 'db.txt': 's3cret' });
      const c = container(manifests, 'svc');
      expect(c.volumeMounts).toEqual(expect.arrayContaining([
        { mountPath: '/run/secrets/db_password', name: 'run-secrets-db-password', readOnly: true, subPath: 'db_password' },
        { mountPath: '/etc/api.key', name: 'etc-api-key', readOnly: true, subPath: 'api_key' },
        { mountPath: '/app/settings.json', name: 'app-settings-json', readOnly: true, subPath: 'settings' },
      ]));
      expect(findOne(manifests, 'Secret', 'svc-run-secrets-db-password').stringData).toEqual({ db_password: 's3cret' });
      expect(findOne(manifests, 'ConfigMap', 'settings').data).toEqual({ settings: '{}' });
      expect(allOf(manifests, 'Secret').map(s => s.metadata.name)).not.toContain('shop-api-key');
      expect(warnings).toContainEqual(expect.stringMatching(/fromCompose: secrets\.db_password is written into the YAML as a Secret "db-password": create it outside the app/));
    });

    test('names a secret the top-level secrets do not declare, which is not mapped', () => {
      const { warnings } = convert(service('image: s:1\nsecrets: [db_password]'));
      expect(warnings).toContainEqual(expect.stringMatching(/docker-compose\.yml:4:15\] fromCompose: services\.svc\.secrets\[0\] names the secret "db_password", which the top-level secrets do not declare: it is not mapped/));
    });
  });

  describe('ports and exposure', () => {
    test('routes published ports through the gateway, keeping the container port as the Service port', () => {
      const { manifests } = convert(service('image: s:1\nports: ["5101:8080"]'));
      expect(findOne(manifests, 'Service', 'svc').spec.ports).toEqual([{ name: 'tcp-8080', port: 8080, targetPort: 8080, protocol: 'TCP' }]);
      const route = findOne(manifests, 'HTTPRoute');
      expect(route.spec.rules[0].matches[0].path).toEqual({ type: 'PathPrefix', value: '/svc' });
      expect(route.spec.rules[0].filters[0].urlRewrite.path).toEqual({ type: 'ReplacePrefixMatch', replacePrefixMatch: '/' });
    });

    test('routes a service at the path given, whatever its ports', () => {
      const { manifests } = convert(service('image: s:1\nexpose: ["80"]'), { routes: { svc: '/' } });
      expect(findOne(manifests, 'HTTPRoute').spec.rules[0].matches[0].path).toEqual({ type: 'PathPrefix', value: '/' });
      expect(findOne(manifests, 'Service', 'svc').spec.ports[0].port).toBe(80);
    });

    test('exposes published ports as NodePorts with every port of the service, keeping published ports in the node port range', () => {
      const { manifests, warnings } = convert('services:\n  a:\n    image: a:1\n    ports: ["30080:8080", "9090"]\n  b:\n    image: b:1\n    ports: ["5101:8080", "5353:53/udp"]\n', { publishedPorts: PublishedPortExposure.NODE_PORT });
      expect(findOne(manifests, 'Service', 'a').spec).toMatchObject({ type: 'NodePort', ports: [{ port: 8080, nodePort: 30080 }, { port: 9090 }] });
      expect(findOne(manifests, 'Service', 'b').spec.ports).toEqual([
        { name: 'tcp-8080', port: 8080, targetPort: 8080, protocol: 'TCP' },
        { name: 'udp-53', port: 53, targetPort: 53, protocol: 'UDP' },
      ]);
      expect(allOf(manifests, 'HTTPRoute')).toEqual([]);
      expect(warnings).toContainEqual(expect.stringMatching(/services\.b\.ports published port 5101 is outside 30000-32767, so Kubernetes picks the node port of 8080/));
      // Anyone may reach a NodePort Service's ports: the NETWORKS policy lets every source in.
      expect(findOne(manifests, 'NetworkPolicy', 'allow-b').spec.ingress).toContainEqual({ ports: [{ protocol: 'TCP', port: 8080 }, { protocol: 'UDP', port: 53 }] });
    });

    test('exposes published ports as LoadBalancers on the container ports and the published ones', () => {
      const { manifests } = convert(service('image: s:1\nports: ["80:8080"]'), { publishedPorts: PublishedPortExposure.LOAD_BALANCER });
      expect(findOne(manifests, 'Service', 'svc').spec).toMatchObject({
        type: 'LoadBalancer',
        ports: [{ name: 'tcp-8080', port: 8080, targetPort: 8080 }, { name: 'pub-80', port: 80, targetPort: 8080 }],
      });
    });

    test('invents no port: a service that declares none and that nothing calls has no Service and no probe', () => {
      const { manifests, warnings } = convert(service('image: s:1\nenvironment: [Mode=worker]'));
      const c = container(manifests, 'svc');
      expect(c.ports).toBeUndefined();
      expect(c.readinessProbe).toBeUndefined();
      expect(allOf(manifests, 'Service')).toEqual([]);
      expect(warnings.join('\n')).not.toMatch(/8080/);
    });

    test('listens on the ports the compose file shows it listens on: callers dial them, its healthcheck and ASP.NET Core URLs name them', () => {
      const { manifests, warnings } = convert('services:\n  catalog:\n    image: c:1\n    healthcheck: {test: [CMD, curl, -f, "http://localhost:8080/health"]}\n  basket:\n    image: b:1\n    environment: {CatalogUrl: "http://catalog:8080", CatalogGrpc: "http://catalog:81"}\n  ordering:\n    image: o:1\n    environment: [ASPNETCORE_URLS=http://+:5000]\n');
      expect(findOne(manifests, 'Service', 'catalog').spec.ports.map((p: any) => p.port)).toEqual([8080, 81]);
      expect(container(manifests, 'catalog').readinessProbe.httpGet).toEqual({ path: '/health', port: 8080, scheme: 'HTTP' });
      expect(container(manifests, 'ordering').ports).toEqual([{ containerPort: 5000, name: 'tcp-5000' }]);
      expect(warnings).toContainEqual(expect.stringMatching(/services\.catalog does not declare ports 8080 \(its healthcheck calls it there\), 81 \(the configuration of basket calls it there\): on a compose network every port is reachable/));
    });

    test('keeps every port with its protocol, ranges expanded, and names the host IPs it does not map', () => {
      const { manifests, warnings } = convert(service('image: s:1\nports: ["8080", "127.0.0.1:9090:9090", "5353:53/udp", "7000-7002:7000-7002"]'));
      expect(findOne(manifests, 'Service', 'svc').spec.ports.map((p: any) => `${p.port}/${p.protocol ?? 'TCP'}`)).toEqual(['8080/TCP', '9090/TCP', '53/UDP', '7000/TCP', '7001/TCP', '7002/TCP']);
      expect(warnings).toContainEqual(expect.stringMatching(/services\.svc\.ports\[1\] host IP 127\.0\.0\.1 is not mapped/));
    });

    test('names a protocol Kubernetes cannot express, and maps the rest', () => {
      const { manifests, warnings } = convert(service('image: s:1\nports: [{target: 8080, protocol: icmp}, "8081"]'));
      expect(container(manifests, 'svc').ports).toEqual([{ containerPort: 8081, name: 'tcp-8081' }]);
      expect(warnings).toContainEqual(expect.stringMatching(/services\.svc\.ports\[0\] is not mapped: protocol "icmp" is not one a Kubernetes Service has/));
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
      // Its own healthcheck says it listens on 9090 too: a port of the container, probed over HTTP.
      ['["CMD", "curl", "-f", "http://localhost:9090/metrics"]', { httpGet: { path: '/metrics', port: 9090, scheme: 'HTTP' } }],
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

    test('gives a TCP readiness probe and no liveness probe without a healthcheck, or with a disabled one, saying so', () => {
      const disabled = convert(service('image: s:1\nexpose: ["8080"]\nhealthcheck: {test: [NONE]}'));
      expect(container(disabled.manifests, 'svc')).toMatchObject({ readinessProbe: { tcpSocket: { port: 8080 } } });
      expect(container(disabled.manifests, 'svc').livenessProbe).toBeUndefined();
      expect(disabled.warnings).toContainEqual(expect.stringMatching(/services\.svc\.healthcheck is disabled: no liveness probe; a TCP readiness probe on the first port/));
      const none = convert(service('image: s:1\nexpose: ["8080"]'));
      expect(container(none.manifests, 'svc')).toMatchObject({ readinessProbe: { tcpSocket: { port: 8080 } } });
      expect(container(none.manifests, 'svc').livenessProbe).toBeUndefined();
    });

    test('rounds sub-second durations up to whole seconds', () => {
      const { manifests } = convert(service('image: s:1\nexpose: ["8080"]\nhealthcheck: {test: [CMD, "true"], interval: 1500ms, timeout: 500ms}'));
      expect(container(manifests, 'svc').livenessProbe).toMatchObject({ periodSeconds: 2, timeoutSeconds: 1 });
    });

    test('clamps a timeout longer than the interval (compose\'s own default of 30s next to interval: 5s), with a warning', () => {
      const { manifests, warnings } = convert(service('image: s:1\nexpose: ["8080"]\nhealthcheck: {test: [CMD, "true"], interval: 5s}'));
      expect(container(manifests, 'svc').livenessProbe).toMatchObject({ periodSeconds: 5, timeoutSeconds: 5 });
      expect(warnings).toContainEqual(expect.stringMatching(/services\.svc\.healthcheck\.interval compose's default timeout \(30s\) is longer than the interval \(5s\): the probe's timeout is clamped to 5s/));
    });

    test('reads curl and wget commands only when they are a plain HTTP GET of the service', () => {
      expect(httpCheck(['curl', '--fail', '-m', '2', 'https://localhost/hc'], [])).toEqual({ path: '/hc', port: 443, scheme: 'HTTPS', headers: undefined });
      expect(httpCheck(['curl', '-X', 'POST', 'http://localhost/hc'], [])).toBeUndefined();
      expect(httpCheck(['curl', '--unknown-flag', 'http://localhost/hc'], [])).toBeUndefined();
      expect(httpCheck(['wget', '-qO-', 'http://localhost:8080/hc', '||', 'exit', '1'], [])).toMatchObject({ path: '/hc', port: 8080 });
    });
  });
});

test('recognizes secrets by name and by value', () => {
  expect(looksSecret('Jwt__SigningKey', 'x')).toBe(true);
  expect(looksSecret('POSTGRES_PASSWORD', 'x')).toBe(true);
  expect(looksSecret('ApiToken', 'x')).toBe(true);
  expect(looksSecret('Storage', 'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=k')).toBe(true);
  expect(looksSecret('Catalog__PageSize', '20')).toBe(false);
  expect(looksSecret('EventBus', 'amqp://rabbitmq:5672')).toBe(false);
});

test('converts every form of the forms fixture into objects that pass their schema and the cross-object checks', () => {
  const { manifests, warnings } = convertFiles(FORMS);
  expect(allOf(manifests, 'Deployment').map(d => d.metadata.name)).toEqual(['catalog-api', 'identity-api', 'webapigw']);
  expect(allOf(manifests, 'StatefulSet').map(d => d.metadata.name)).toEqual(['sqldata', 'rabbitmq']);
  // restart: on-failure and no port: a worker that runs until it ends, restarted when it fails.
  expect(findOne(manifests, 'Job', 'ordering-backgroundtasks').spec.template.spec.restartPolicy).toBe('OnFailure');
  expect(warnings).toContainEqual(expect.stringMatching(/docker-compose\.yml:\d+:\d+\] fromCompose: services\.seq is left out: its profiles \(observability\) are not active/));
});

test('draws the call graph from depends_on and host names when asked to', () => {
  const { manifests } = convert('services:\n  web:\n    image: w:1\n    expose: ["80"]\n    depends_on: [api]\n    environment: {Cache: "redis:6379"}\n  api:\n    image: a:1\n    expose: ["80"]\n  redis:\n    image: redis:7.4\n  other:\n    image: o:1\n    expose: ["80"]\n', {
    networkPolicy: NetworkPolicyMode.CALL_GRAPH,
  });
  const egress = findOne(manifests, 'NetworkPolicy', 'allow-web').spec.egress.map((e: any) => e.to[0].podSelector.matchLabels['app.kubernetes.io/name']);
  expect(egress).toEqual(['api', 'redis']);
  expect(findOne(manifests, 'NetworkPolicy', 'allow-other').spec.egress).toEqual([]);
  expect(container(manifests, 'web').env ?? []).toEqual([]);
  void Platform;
});
