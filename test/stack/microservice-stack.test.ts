import { ApiObject, Size, Testing } from 'cdk8s';
import { EnvValue } from 'cdk8s-plus-28';
import { BlueGreenSlot, ClaimStorageClass, CloudProvider, GatewayKind, HealthChecks, MicroserviceStack, MicroserviceStackProps, Platform, SecretValue, ServiceExposure, Warnings } from '../../src';
import { allOf, findOne, Manifest, podSpecOf, restrictedViolations, synthValid, toYaml } from '../support';

function stack(props: MicroserviceStackProps = {}): MicroserviceStack {
  return new MicroserviceStack(Testing.app(), 'eshop', { namespace: 'eshop', ...props });
}

function envOf(manifests: Manifest[], deployment: string): { [name: string]: any } {
  const c = podSpecOf(findOne(manifests, 'Deployment', deployment)).containers[0];
  return Object.fromEntries((c.env ?? []).map((e: any) => [e.name, e.value ?? e.valueFrom]));
}

describe('MicroserviceStack', () => {
  test('synthesizes a service with the stack defaults', () => {
    // GIVEN
    const s = stack();
    // WHEN
    s.addService('catalog', { image: 'eshop/catalog-api:1.0.0' });
    // THEN
    const manifests = synthValid(s);
    expect(toYaml(manifests)).toMatchSnapshot();
    expect(findOne(manifests, 'Deployment', 'catalog').spec.replicas).toBe(2);
    expect(findOne(manifests, 'Service', 'catalog').spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }]);
    expect(findOne(manifests, 'PodDisruptionBudget')).toBeDefined();
  });

  test('synthesizes every prop and option', () => {
    const s = stack({
      appName: 'eshop-app',
      platform: Platform.AKS,
      imageRegistry: 'eshopacr.azurecr.io/eshop',
      defaultImageTag: '2.1.0',
      labels: { team: 'shop' },
      validation: { externalConfigMaps: ['shared'] },
    });
    s.addService('catalog', {
      image: 'catalog-api',
      port: 5000,
      healthChecks: HealthChecks.aspNetCore({ readinessPath: '/ready' }),
      autoscale: { minReplicas: 2, maxReplicas: 6 },
      env: { ASPNETCORE_ENVIRONMENT: 'Production' },
      config: { Catalog__PageSize: '20' },
      secrets: { ConnectionStrings__CatalogDb: SecretValue.fromSecret('catalog-db', 'connection-string') },
      exposure: ServiceExposure.loadBalancer(),
      talksTo: ['redis', 'payments'],
      changeCause: 'catalog 2.1.0',
    });
    s.addBackingService('redis', { image: 'redis:7.4', port: 6379, dataPath: '/data', storage: Size.gibibytes(2), storageClassName: 'managed-csi', writablePaths: ['/tmp'], env: { REDIS_ARGS: '--appendonly yes' } });
    s.addExternal('payments', 'api.payments.example.com');
    const manifests = synthValid(s);
    expect(toYaml(manifests)).toMatchSnapshot();
    expect(podSpecOf(findOne(manifests, 'Deployment', 'catalog')).containers[0].image).toBe('eshopacr.azurecr.io/eshop/catalog-api:2.1.0');
  });

  test('sets config entries with an empty value on the container, which a ConfigMap of only empty values would lose', () => {
    // GIVEN config whose only value is empty
    const s = stack();
    s.addService('catalog', { image: 'eshop/catalog-api:1.0.0', config: { TZ: '' } });
    const manifests = synthValid(s);
    // THEN the variable is set, to the empty string, and no empty ConfigMap is made
    expect(envOf(manifests, 'catalog')).toHaveProperty('TZ');
    expect(envOf(manifests, 'catalog').TZ ?? '').toBe('');
    expect(allOf(manifests, 'ConfigMap').filter(m => m.metadata.name === 'catalog-config')).toEqual([]);
  });

  test('creates its namespace with restricted Pod Security enforced, warned and audited', () => {
    const ns = findOne(synthValid(stack()), 'Namespace');
    expect(ns.metadata).toEqual({
      name: 'eshop',
      labels: {
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
        'app.kubernetes.io/part-of': 'eshop',
        'app.kubernetes.io/managed-by': 'k8s-course-constructs',
      },
    });
  });

  test('does not create the namespace when told so', () => {
    const s = stack({ createNamespace: false });
    s.addService('catalog', { image: 'eshop/catalog-api:1.0.0' });
    expect(allOf(synthValid(s), 'Namespace')).toEqual([]);
  });

  test('gives callers the cluster DNS URL of each service they talk to, in .NET configuration form', () => {
    const s = stack();
    s.addService('basket', { image: 'eshop/basket-api:1.0.0', talksTo: ['catalog', 'redis', 'payments'] });
    s.addService('catalog', { image: 'eshop/catalog-api:1.0.0' });
    s.addBackingService('redis', { image: 'redis:7.4', port: 6379 });
    s.addExternal('payments', 'api.payments.example.com');
    const env = envOf(synthValid(s), 'basket');
    expect(env).toMatchObject({
      Services__catalog__Url: 'http://catalog.eshop.svc.cluster.local:80',
      Services__redis__Url: 'tcp://redis.eshop.svc.cluster.local:6379',
      Services__payments__Url: 'http://payments.eshop.svc.cluster.local',
    });
  });

  describe('zero-trust networking', () => {
    function policies(): Manifest[] {
      const s = stack();
      s.addService('webapp', { image: 'eshop/webapp:1.0.0', talksTo: ['basket'] });
      s.addService('basket', { image: 'eshop/basket-api:1.0.0', talksTo: ['redis', 'payments'] });
      s.addBackingService('redis', { image: 'redis:7.4', port: 6379 });
      s.addExternal('payments', 'api.payments.example.com');
      return synthValid(s);
    }

    test('denies all traffic by default and allows DNS', () => {
      const m = policies();
      expect(findOne(m, 'NetworkPolicy', 'default-deny').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
      expect(findOne(m, 'NetworkPolicy', 'allow-dns').spec.egress[0].ports).toEqual([{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }]);
    });

    test('lets callers reach the services they talk to, on their ports only', () => {
      const m = policies();
      const basket = findOne(m, 'NetworkPolicy', 'allow-basket').spec;
      expect(basket.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'basket' } });
      expect(basket.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'webapp' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }]);
      expect(basket.egress).toEqual([
        { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] },
        { to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'redis' } } }], ports: [{ protocol: 'TCP', port: 6379 }] },
      ]);
      expect(findOne(m, 'NetworkPolicy', 'allow-webapp').spec.ingress).toEqual([]);
      expect(findOne(m, 'NetworkPolicy', 'allow-redis').spec.ingress[0].from).toEqual([{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'basket' } } }]);
    });

    test('every pod carries the label its policy selects', () => {
      const m = policies();
      for (const w of [...allOf(m, 'Deployment'), ...allOf(m, 'StatefulSet')]) {
        expect(w.spec.template.metadata.labels['app.kubernetes.io/name']).toBe(w.metadata.name);
        expect(w.spec.template.metadata.labels['app.kubernetes.io/part-of']).toBe('eshop');
      }
    });

    test('lets callers leave the cluster only on an external dependency\'s port when it is given', () => {
      const s = stack();
      s.addService('ordering', { image: 'eshop/ordering-api:1.0.0', talksTo: ['orders-db', 'payments'] });
      s.addExternal('orders-db', 'orders.postgres.database.azure.com', { port: 5432 });
      s.addExternal('payments', 'api.payments.example.com', { port: 443 });
      const m = synthValid(s);
      expect(findOne(m, 'NetworkPolicy', 'allow-ordering').spec.egress).toEqual([
        { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: 5432 }] },
        { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: 443 }] },
      ]);
      expect(envOf(m, 'ordering')).toMatchObject({
        'Services__orders-db__Url': 'tcp://orders-db.eshop.svc.cluster.local:5432',
        'Services__payments__Url': 'https://api.payments.example.com',
      });
    });

    test('throws for an external port out of range', () => {
      expect(() => stack().addExternal('orders-db', 'orders.example.com', { port: 70000 }))
        .toThrow(/\[eshop\] MicroserviceStack: addExternal\("orders-db"\)\.port must be an integer from 1 to 65535 \(got 70000\); pass the port the dependency listens on/);
    });

    test('can be turned off', () => {
      const s = stack({ networkPolicies: false });
      s.addService('catalog', { image: 'eshop/catalog-api:1.0.0' });
      expect(allOf(synthValid(s), 'NetworkPolicy')).toEqual([]);
    });
  });

  test('runs backing services as restricted, non-root StatefulSets with their own claim', () => {
    const s = stack();
    s.addBackingService('rabbitmq', { image: 'rabbitmq:3.13-management', port: 5672, dataPath: '/var/lib/rabbitmq' });
    const m = synthValid(s);
    const sts = findOne(m, 'StatefulSet', 'rabbitmq');
    expect(restrictedViolations(podSpecOf(sts))).toEqual([]);
    expect(podSpecOf(sts).securityContext).toMatchObject({ runAsUser: 999, fsGroup: 999 });
    expect(findOne(m, 'PersistentVolumeClaim', 'rabbitmq-data').spec).toMatchObject({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } });
    expect(podSpecOf(sts).containers[0].volumeMounts).toContainEqual({ mountPath: '/var/lib/rabbitmq', name: expect.any(String) });
  });

  test('keeps literal secrets in a Secret of the service and warns in the construct tree, without printing', () => {
    const warn = jest.spyOn(console, 'warn');
    // (In Development the health endpoints are mapped: no warning about them.)
    const s = stack({ aspNetCoreEnvironment: 'Development' });
    const svc = s.addService('ordering', { image: 'eshop/ordering-api:1.0.0', secrets: { Db__Password: SecretValue.literal('p4ss') } });
    const m = synthValid(s);
    expect(findOne(m, 'Secret', 'ordering-secrets').stringData).toEqual({ Db__Password: 'p4ss' });
    expect(envOf(m, 'ordering').Db__Password).toEqual({ secretKeyRef: { name: 'ordering-secrets', key: 'Db__Password' } });
    expect(svc.literalSecrets).toBeDefined();
    expect(s.warnings).toEqual([expect.stringMatching(/\[eshop\/ordering\] MicroserviceStack: secrets Db__Password of "ordering" are literal values written into the YAML; use SecretValue\.fromSecret/)]);
    expect(Warnings.collect(s.node.root)).toEqual(s.warnings);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  test('treats referenced Secrets as created outside the app', () => {
    const s = stack();
    s.addService('catalog', { image: 'eshop/catalog-api:1.0.0', secrets: { Db: SecretValue.fromSecret('catalog-db', 'cs') } });
    expect(() => synthValid(s)).not.toThrow();
  });

  describe('gateway', () => {
    test('routes to services through a Gateway API gateway of the platform\'s class', () => {
      const s = stack({ platform: Platform.GKE, gateway: { hostnames: ['shop.example.com'] } });
      s.addService('catalog', { image: 'eshop/catalog-api:1.0.0', routes: [{ path: '/catalog', rewritePrefix: '/' }] });
      s.addService('basket', { image: 'eshop/basket-api:1.0.0', routes: [{ path: '/basket' }] });
      const m = synthValid(s);
      expect(findOne(m, 'Gateway').spec.gatewayClassName).toBe('gke-l7-global-external-managed');
      const route = findOne(m, 'HTTPRoute');
      expect(route.spec.rules.map((r: any) => [r.matches[0].path.value, r.backendRefs[0].name])).toEqual([['/catalog', 'catalog'], ['/basket', 'basket']]);
      expect(s.gateway.routes).toHaveLength(2);
    });

    test('lets gateway traffic reach routed services only, from where the platform\'s gateway runs', () => {
      const s = stack({ platform: Platform.GKE });
      s.addService('catalog', { image: 'eshop/catalog-api:1.0.0', routes: [{ path: '/catalog' }] });
      s.addService('ordering', { image: 'eshop/ordering-api:1.0.0' });
      const m = synthValid(s);
      // GKE's proxies are not pods: only Google's ranges are admitted.
      expect(findOne(m, 'NetworkPolicy', 'allow-catalog').spec.ingress).toEqual([{
        from: [
          { ipBlock: { cidr: '35.191.0.0/16' } },
          { ipBlock: { cidr: '130.211.0.0/22' } },
        ],
        ports: [{ protocol: 'TCP', port: 8080 }],
      }]);
      expect(findOne(m, 'NetworkPolicy', 'allow-ordering').spec.ingress).toEqual([]);
    });

    test('lets a Gateway API data plane that runs in the namespace through the default-deny', () => {
      const s = stack({ platform: Platform.LOCAL });
      s.addService('catalog', { image: 'eshop/catalog-api:1.0.0', routes: [{ path: '/catalog' }] });
      const policy = findOne(synthValid(s), 'NetworkPolicy', 'allow-gateway').spec;
      expect(policy.podSelector).toEqual({ matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'gateway' } });
      expect(policy.ingress).toEqual([{}]);
      expect(policy.egress).toEqual([
        { to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'catalog' } } }], ports: [{ protocol: 'TCP', port: 8080 }] },
        // ... and its controller, which gives it its configuration.
        { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'nginx-gateway' } } }] },
      ]);
    });

    test('runs an in-cluster YARP gateway exposed as the platform exposes gateways, with its own policy', () => {
      const s = stack({ platform: Platform.LOCAL, gateway: { kind: GatewayKind.yarp() } });
      s.addService('catalog', { image: 'eshop/catalog-api:1.0.0', routes: [{ path: '/catalog' }] });
      const m = synthValid(s);
      const svc = findOne(m, 'Service', s.gateway.service!.name);
      expect(svc.spec.type).toBe('NodePort');
      expect(svc.spec.ports[0].nodePort).toBe(30080);
      const gatewayPolicy = findOne(m, 'NetworkPolicy', 'allow-gateway').spec;
      expect(gatewayPolicy.egress).toEqual([{ to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'catalog' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }]);
      expect(findOne(m, 'NetworkPolicy', 'allow-catalog').spec.ingress[0].from).toContainEqual({ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway' } } });
    });

    test('throws for a service named like the gateway', () => {
      expect(() => stack().addService('gateway', { image: 'eshop/gw:1' })).toThrow(/\[eshop\] MicroserviceStack: addService\.name must not be the gateway's name \(got "gateway"\)/);
    });
  });

  describe('releases', () => {
    test('a routed canary splits the gateway route by weight between the stable and canary Services', () => {
      const s = stack();
      const catalog = s.addService('catalog', { image: 'eshop/catalog-api:1.0.0', routes: [{ path: '/catalog' }], canary: { canaryImage: 'eshop/catalog-api:1.1.0', steps: [10, 50, 100], step: 0 } });
      const m = synthValid(s);
      const rule = findOne(m, 'HTTPRoute').spec.rules[0];
      expect(rule.backendRefs).toEqual([{ name: 'catalog', port: 80, weight: 90 }, { name: 'catalog-canary', port: 80, weight: 10 }]);
      expect(podSpecOf(findOne(m, 'Deployment', 'catalog-canary')).containers[0].image).toBe('eshop/catalog-api:1.1.0');
      expect(catalog.workloads.map(d => d.metadata.name)).toEqual(['catalog-stable', 'catalog-canary']);
      for (const d of allOf(m, 'Deployment')) expect(d.spec.template.metadata.labels['app.kubernetes.io/name']).toBe('catalog');
    });

    test('an unrouted canary shares one Service between both tracks by replica ratio', () => {
      const s = stack();
      s.addService('ordering', { image: 'eshop/ordering-api:1.0.0', replicas: 4, canary: { canaryImage: 'eshop/ordering-api:1.1.0', weight: 25 } });
      const m = synthValid(s);
      expect(findOne(m, 'Deployment', 'ordering-stable').spec.replicas).toBe(3);
      expect(findOne(m, 'Deployment', 'ordering-canary').spec.replicas).toBe(1);
      expect(allOf(m, 'Service').map(x => x.metadata.name)).toEqual(['ordering']);
    });

    test('a blue-green service selects the active slot and both slots keep the policy label', () => {
      const s = stack();
      const basket = s.addService('basket', { image: 'eshop/basket-api:1.0.0', blueGreen: { greenImage: 'eshop/basket-api:2.0.0', activeSlot: BlueGreenSlot.GREEN } });
      const m = synthValid(s);
      expect(findOne(m, 'Service', 'basket').spec.selector).toEqual(findOne(m, 'Deployment', 'basket-green').spec.selector.matchLabels);
      expect(basket.deployment.metadata.name).toBe('basket-green');
      for (const d of allOf(m, 'Deployment')) expect(d.spec.template.metadata.labels['app.kubernetes.io/name']).toBe('basket');
    });

    test('throws for a canary and a blue-green on one service', () => {
      expect(() => stack().addService('basket', { image: 'eshop/basket-api:1.0.0', canary: {}, blueGreen: {} }))
        .toThrow(/\[eshop\/basket\] MicroserviceStack: addService\("basket"\)\.canary and blueGreen cannot both be set.*\(got "canary and blueGreen"\); keep one release strategy/);
    });

    test('throws for a routed canary with several routes', () => {
      expect(() => stack().addService('catalog', { image: 'eshop/catalog-api:1.0.0', routes: [{ path: '/a' }, { path: '/b' }], canary: { canaryImage: 'eshop/catalog-api:1.1.0' } }))
        .toThrow(/\[eshop\/catalog\] MicroserviceStack: addService\("catalog"\)\.routes must be a single route when a canary splits its traffic on the gateway \(got \["\/a","\/b"\]\); keep one route/);
    });
  });

  describe('volumes', () => {
    test('mounts a static NFS volume into the services that use it', () => {
      const s = stack();
      const media = s.addVolume('media', { server: '10.0.0.4', path: '/srv/nfs/media' });
      s.addService('catalog', { image: 'eshop/catalog-api:1.0.0', volumes: [{ volume: media, path: '/app/pics', readOnly: true }] });
      const m = synthValid(s);
      expect(findOne(m, 'PersistentVolume').spec.nfs).toEqual({ server: '10.0.0.4', path: '/srv/nfs/media' });
      const pod = podSpecOf(findOne(m, 'Deployment', 'catalog'));
      expect(pod.containers[0].volumeMounts).toContainEqual(expect.objectContaining({ mountPath: '/app/pics', readOnly: true }));
      expect(pod.volumes).toContainEqual(expect.objectContaining({ persistentVolumeClaim: expect.objectContaining({ claimName: 'media' }) }));
    });

    test('claims the platform\'s ReadWriteMany class when no server is given', () => {
      const s = stack({ platform: Platform.AKS });
      s.addVolume('media');
      expect(findOne(synthValid(s), 'PersistentVolumeClaim', 'media').spec.storageClassName).toBe('azurefile-csi');
    });
  });

  describe('platform options', () => {
    test('throws for an internal load balancer of another cloud', () => {
      expect(() => stack({ platform: Platform.AKS }).addService('admin', { image: 'eshop/admin:1.0.0', exposure: ServiceExposure.loadBalancer({ internal: CloudProvider.GKE }) }))
        .toThrow(/\[eshop\] MicroserviceStack: addService\("admin"\)\.exposure is made for GKE, but the stack's platform is aks \(got "GKE"\); use the aks option, or set platform: Platform\.GKE/);
    });

    test('throws for a gateway class of another cloud', () => {
      const s = stack({ platform: Platform.GKE, gateway: { kind: GatewayKind.aksApplicationRouting() } });
      expect(() => s.addService('catalog', { image: 'eshop/catalog-api:1.0.0', routes: [{ path: '/catalog' }] }))
        .toThrow(/\[eshop\] MicroserviceStack: gateway\.kind is made for AKS, but the stack's platform is gke/);
    });

    test('throws for a file share of another cloud', () => {
      expect(() => stack({ platform: Platform.LOCAL }).addVolume('media', { storageClass: ClaimStorageClass.cloudFileShare(CloudProvider.AKS) }))
        .toThrow(/\[eshop\] MicroserviceStack: addVolume\("media"\)\.storageClass is made for AKS, but the stack's platform is local/);
    });

    test('Platform.with overrides what a preset sets', () => {
      const p = Platform.AKS.with({ ingressClassName: 'nginx-internal', rwxStorageClass: 'azurefile-csi-premium' });
      expect([p.name, p.ingressClassName, p.rwxStorageClass, p.gatewayClassName]).toEqual(['aks', 'nginx-internal', 'azurefile-csi-premium', 'azure-alb-external']);
      expect(Platform.custom({ name: 'onprem' }).gatewayExposure.type).toBe('LoadBalancer');
    });
  });

  describe('images', () => {
    test('keeps images that name a registry', () => {
      const s = stack({ imageRegistry: 'eshopacr.azurecr.io' });
      s.addService('catalog', { image: 'ghcr.io/eshop/catalog-api:1.0.0' });
      s.addService('basket', { image: 'localhost:5000/basket-api:1.0.0' });
      const m = synthValid(s);
      expect(podSpecOf(findOne(m, 'Deployment', 'catalog')).containers[0].image).toBe('ghcr.io/eshop/catalog-api:1.0.0');
      expect(podSpecOf(findOne(m, 'Deployment', 'basket')).containers[0].image).toBe('localhost:5000/basket-api:1.0.0');
    });

    test('throws for an image without a tag when the stack has no default tag', () => {
      expect(() => stack().addService('catalog', { image: 'eshop/catalog-api' }))
        .toThrow(/\[eshop\/catalog\] MicroserviceStack: image must have a tag or digest \(got "eshop\/catalog-api"\); pin a version such as "eshop\/catalog-api:1\.0\.0", or set defaultImageTag/);
    });

    test('throws for the latest tag', () => {
      expect(() => stack().addService('catalog', { image: 'eshop/catalog-api:latest' }))
        .toThrow(/\[eshop\/catalog\] MicroserviceStack: image must not use the tag "latest".*\(got "eshop\/catalog-api:latest"\); tag each build with its version/);
    });

    test('pins digests, and completes canary and blue-green images as the main one', () => {
      const s = stack({ imageRegistry: 'eshopacr.azurecr.io/', defaultImageTag: '2.0.0' });
      const digest = `eshop/catalog-api@sha256:${'a'.repeat(64)}`;
      s.addService('catalog', { image: digest, canary: { canaryImage: 'eshop/catalog-api', weight: 10 } });
      const basket = s.addService('basket', { image: 'eshop/basket-api:1.0.0', blueGreen: { greenImage: 'eshop/basket-api:1.1.0' } });
      expect(s.service('catalog')!.image).toBe(`eshopacr.azurecr.io/${digest}`);
      expect(s.service('catalog')!.canaryRelease!.canary!.mainContainer.image).toBe('eshopacr.azurecr.io/eshop/catalog-api:2.0.0');
      expect(basket.blueGreenRelease!.green.mainContainer.image).toBe('eshopacr.azurecr.io/eshop/basket-api:1.1.0');
    });

    test('throws for a reference the image grammar refuses, with the fix', () => {
      expect(() => stack().addService('catalog', { image: 'eshop/Catalog-API:1.0.0' }))
        .toThrow(/\[eshop\/catalog\] MicroserviceStack: image has an invalid repository path "eshop\/Catalog-API".*\(got "eshop\/Catalog-API:1\.0\.0"\); use "eshop\/catalog-api:1\.0\.0"/);
    });

    test('throws for a default tag the image grammar refuses', () => {
      expect(() => stack({ defaultImageTag: '-rc1' }).addService('catalog', { image: 'eshop/catalog-api' }))
        .toThrow(/\[eshop\/catalog\] MicroserviceStack: defaultImageTag has an invalid tag "-rc1".*\(got "-rc1"\); use a version such as "1\.0\.0"/);
    });
  });

  describe('model', () => {
    test('describes the services, their releases, routes and mounts, and the gateway', () => {
      // GIVEN a stack with each kind of part
      const s = stack({ gateway: { kind: GatewayKind.yarp(), name: 'edge' } });
      const media = s.addVolume('media', { server: '10.0.0.4', path: '/srv/media', capacity: Size.gibibytes(1) });
      s.addBackingService('redis', { image: 'redis:7.4', port: 6379 });
      s.addExternal('orders-db', 'orders.postgres.database.azure.com', { port: 5432 });
      s.addService('catalog', {
        image: 'eshop/catalog-api:1.0.0',
        buildContext: 'src/Catalog.API',
        routes: [{ path: '/catalog' }],
        canary: { canaryImage: 'eshop/catalog-api:1.1.0', weight: 20 },
        volumes: [{ volume: media, path: '/media' }],
        talksTo: ['redis', 'orders-db'],
      });
      s.addService('basket', { image: 'eshop/basket-api:1.0.0', blueGreen: { activeSlot: BlueGreenSlot.GREEN } });
      // WHEN
      const model = s.model();
      // THEN
      expect(model).toMatchObject({ id: 'eshop', appName: 'eshop', namespace: 'eshop', platform: Platform.LOCAL });
      expect(model.services).toEqual([
        expect.objectContaining({
          name: 'catalog',
          port: 8080,
          image: 'eshop/catalog-api:1.0.0',
          talksTo: ['redis', 'orders-db'],
          routePaths: ['/catalog'],
          buildContext: 'src/Catalog.API',
          dockerfile: 'Dockerfile',
          canaryWeight: 20,
          activeSlot: undefined,
        }),
        expect.objectContaining({ name: 'basket', canaryWeight: undefined, activeSlot: BlueGreenSlot.GREEN }),
      ]);
      expect(model.backingServices).toEqual([{ name: 'redis', image: 'redis:7.4', port: 6379, ports: [{ port: 6379, protocol: 'TCP', name: 'tcp' }] }]);
      expect(model.externals).toEqual([{ name: 'orders-db', host: 'orders.postgres.database.azure.com', port: 5432 }]);
      expect(model.volumes).toEqual([expect.objectContaining({ name: 'media', server: '10.0.0.4', path: '/srv/media' })]);
      expect(model.mounts).toEqual([{ service: 'catalog', volume: 'media', path: '/media' }]);
      expect(model.routes).toEqual([{ path: '/catalog', service: 'catalog' }]);
      expect(model.gateway).toEqual({ name: 'edge', implementation: 'YARP' });
      expect(model.forwardTarget).toEqual({ service: 'edge', port: s.gateway.service!.port });
    });

    test('has no gateway and nothing to forward when no service is routed', () => {
      const s = stack();
      s.addService('catalog', { image: 'eshop/catalog-api:1.0.0' });
      expect(s.model().gateway).toBeUndefined();
      expect(s.model().forwardTarget).toBeUndefined();
    });

    test('forwards nothing for a Gateway API gateway, reached through its controller', () => {
      const s = stack();
      s.addService('catalog', { image: 'eshop/catalog-api:1.0.0', routes: [{ path: '/catalog' }] });
      expect(s.model().gateway).toEqual({ name: 'gateway', implementation: 'GATEWAY_API' });
      expect(s.model().forwardTarget).toBeUndefined();
    });
  });

  describe('errors', () => {
    test.each([
      ['Catalog.API', 'catalog-api'],
      ['basket_api', 'basket-api'],
      ['1orders', 'svc-1orders'],
    ])('throws for the service name %s, saying the corrected name %s', (name, fixed) => {
      expect(() => stack().addService(name, { image: 'eshop/x:1' }))
        .toThrow(new RegExp(`^\\[eshop\\] MicroserviceStack: addService\\.name must be a DNS-1035 label.*because it becomes the Service's DNS name \\(got "${name.replace('.', '\\.')}"\\); use "${fixed}"`));
    });

    test('throws for two services with one name', () => {
      const s = stack();
      s.addService('catalog', { image: 'eshop/catalog-api:1.0.0' });
      expect(() => s.addExternal('catalog', 'catalog.example.com')).toThrow(/\[eshop\] MicroserviceStack: addExternal\.name must be unique in the stack \(got "catalog"\); give each service its own name/);
    });

    test('throws at synth for talksTo naming an unknown service, with the name it likely meant', () => {
      const s = stack();
      s.addService('basket', { image: 'eshop/basket-api:1.0.0', talksTo: ['catalogue'] });
      s.addService('catalog', { image: 'eshop/catalog-api:1.0.0' });
      expect(() => Testing.synth(s)).toThrow(/\[eshop\] MicroserviceStack: addService\("basket"\)\.talksTo must name services of the stack \(basket, catalog\) \(got "catalogue"\); did you mean "catalog"\? Or add "catalogue" with addService, addBackingService or addExternal/);
    });

    test('throws at synth once for an environment variable name added after addService, from its deployment', () => {
      const s = stack();
      const catalog = s.addService('catalog', { image: 'eshop/catalog-api:1.0.0' });
      catalog.deployment.mainContainer.env.addVariable('ConnectionStrings:Db', EnvValue.fromValue('x'));
      let message = '';
      try {
        Testing.synth(s);
      } catch (e: any) {
        message = e.message;
      }
      expect(message).toMatch(/\[eshop\/catalog\/Deployment\] ProbedDeployment: containers\.app\.env must be a valid environment variable name.*\(got "ConnectionStrings:Db"\); use "ConnectionStrings__Db"/);
      expect(message.match(/ConnectionStrings:Db/g)).toHaveLength(1);
    });

    test('throws for an external with an invalid host', () => {
      expect(() => stack().addExternal('payments', 'https://api.example.com')).toThrow(/\[eshop\] MicroserviceStack: addExternal\("payments"\)\.host must be a DNS-1123 subdomain.*\(got "https:\/\/api\.example\.com"\); pass the dependency's DNS name/);
    });

    test('throws for an invalid namespace', () => {
      expect(() => new MicroserviceStack(Testing.app(), 'eshop', { namespace: 'EShop' })).toThrow(/\[eshop\] MicroserviceStack: namespace must be a DNS-1035 label.*\(got "EShop"\); use "eshop"/);
    });

    test('throws for a backing service port out of range', () => {
      expect(() => stack().addBackingService('redis', { image: 'redis:7.4', port: 0 })).toThrow(/\[eshop\] MicroserviceStack: addBackingService\("redis"\)\.port must be an integer from 1 to 65535 \(got 0\)/);
    });

    test('fails synthesis with every cross-object finding, with the construct path', () => {
      const s = stack();
      s.addService('catalog', { image: 'eshop/catalog-api:1.0.0' });
      new ApiObject(s, 'stray', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'stray' }, spec: { selector: { app: 'none' }, ports: [{ port: 80 }] } });
      new ApiObject(s, 'hpa', { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'hpa' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'gone' }, maxReplicas: 2 } });
      expect(() => Testing.synth(s)).toThrow(/^\[eshop\] MicroserviceStack: the manifests would not work once applied \(2 findings\); fix each:\n  \[eshop\/stray\] Service eshop\/stray: selects no pods[^\n]*\(service-selects-pods\)\n  \[eshop\/hpa\] HorizontalPodAutoscaler eshop\/hpa: scales Deployment "gone"/);
    });
  });
});
