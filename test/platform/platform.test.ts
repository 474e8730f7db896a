import { Testing } from 'cdk8s';
import { ApplicationLoadBalancer, GatewayKind, HealthChecks, HealthProbe, MicroserviceStack, MicroserviceStackProps, Platform, RouteBackend } from '../../src';
import { allOf, findOne, gatewayShop, Manifest, synthValid } from '../support';

const MANAGED = ApplicationLoadBalancer.managed({ namespace: 'alb-infra', name: 'alb' });
const AGC = Platform.aksApplicationGateway({ loadBalancer: MANAGED, subnetCidr: '10.225.0.0/24' });

function shop(platform: Platform, props: MicroserviceStackProps = {}): MicroserviceStack {
  const s = new MicroserviceStack(Testing.app(), 'shop', { namespace: 'shop', platform, ...props });
  s.addService('catalog', { image: 'eshop/catalog-api:1.0.0', routes: [{ path: '/catalog' }] });
  s.addService('ordering', { image: 'eshop/ordering-api:1.0.0' });
  return s;
}

function gatewayPeers(m: Manifest[]): any[] {
  return findOne(m, 'NetworkPolicy', 'allow-catalog').spec.ingress[0].from;
}

function dnsPeers(m: Manifest[]): any[] {
  return findOne(m, 'NetworkPolicy', 'allow-dns').spec.egress[0].to;
}

const KUBE_DNS = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
};

describe('Platform', () => {
  describe('AKS with Application Gateway for Containers', () => {
    test('annotates the Gateway with an ALB-managed load balancer and admits its subnet', () => {
      const m = synthValid(shop(AGC));
      const gateway = findOne(m, 'Gateway');
      expect(gateway.spec.gatewayClassName).toBe('azure-alb-external');
      expect(gateway.metadata.annotations).toEqual({
        'alb.networking.azure.io/alb-namespace': 'alb-infra',
        'alb.networking.azure.io/alb-name': 'alb',
      });
      expect(gateway.spec.addresses).toBeUndefined();
      // AGC is not a pod: the subnet is the only source, and no data-plane policy is drawn.
      expect(gatewayPeers(m)).toEqual([{ ipBlock: { cidr: '10.225.0.0/24' } }]);
      expect(allOf(m, 'NetworkPolicy').map(p => p.metadata.name)).not.toContain('allow-gateway');
    });

    test('annotates a bring-your-own load balancer and lists its frontend as the address', () => {
      const platform = Platform.aksApplicationGateway({
        loadBalancer: ApplicationLoadBalancer.bringYourOwn({ resourceId: '/subscriptions/s/resourceGroups/g/providers/Microsoft.ServiceNetworking/trafficControllers/alb', frontendName: 'shop' }),
        subnetCidr: '10.225.0.0/24',
      });
      const gateway = findOne(synthValid(shop(platform)), 'Gateway');
      expect(gateway.metadata.annotations).toEqual({ 'alb.networking.azure.io/alb-id': '/subscriptions/s/resourceGroups/g/providers/Microsoft.ServiceNetworking/trafficControllers/alb' });
      expect(gateway.spec.addresses).toEqual([{ type: 'alb.networking.azure.io/alb-frontend', value: 'shop' }]);
    });

    test('throws for a Gateway without the subnet when NetworkPolicies are on, with the fix', () => {
      const platform = Platform.aksApplicationGateway({ loadBalancer: MANAGED });
      expect(() => shop(platform)).toThrow(/^\[shop\] MicroserviceStack: platform\.gatewaySubnetCidr is required with NetworkPolicies on a Gateway of class azure-alb-external.*use Platform\.aksApplicationGateway\(\{ loadBalancer, subnetCidr/);
      expect(() => shop(platform, { networkPolicies: false })).not.toThrow();
    });

    test('throws at synth for a Gateway that names no load balancer', () => {
      const s = shop(Platform.AKS, { networkPolicies: false });
      expect(() => Testing.synth(s)).toThrow(/\[shop\/Gateway\] ApiGateway: kind\.annotations must name the Application Gateway for Containers .* never programmed \(got \[\]\); on a MicroserviceStack use Platform\.aksApplicationGateway/);
    });

    test('throws at synth for a listener port other than 80 and 443', () => {
      const { chart, gateway, catalog } = gatewayShop({
        name: 'agc',
        httpPort: 8080,
        kind: GatewayKind.gatewayApi({ gatewayClassName: 'azure-alb-external', annotations: MANAGED.gatewayAnnotations }),
      });
      gateway.addRoute('catalog', { path: '/catalog', backends: [RouteBackend.fromDeployment(catalog)] });
      expect(() => Testing.synth(chart)).toThrow(/ApiGateway: httpPort must be 80 \(HTTP\) or 443 \(HTTPS\): Application Gateway for Containers listens on those ports only \(got \[8080\]\)/);
    });

    test('admits the application routing NGINX for an Ingress gateway', () => {
      const m = synthValid(shop(AGC, { gateway: { kind: GatewayKind.aksApplicationRouting() } }));
      expect(gatewayPeers(m)).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'app-routing-system' } } }]);
    });
  });

  describe('AKS with the application routing add-on', () => {
    test('runs a Gateway of class approuting-istio whose proxies in the namespace reach istiod', () => {
      const m = synthValid(shop(Platform.AKS_APP_ROUTING));
      expect(findOne(m, 'Gateway').spec.gatewayClassName).toBe('approuting-istio');
      expect(findOne(m, 'Gateway').metadata.annotations).toBeUndefined();
      expect(gatewayPeers(m)).toEqual([{ podSelector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'gateway' } } }]);
      expect(findOne(m, 'NetworkPolicy', 'allow-gateway').spec.egress).toContainEqual({
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'aks-istio-system' } } }],
      });
    });

    test('reads Ingress with the managed NGINX class', () => {
      expect(Platform.AKS_APP_ROUTING.ingressClassName).toBe('webapprouting.kubernetes.azure.com');
      const m = synthValid(shop(Platform.AKS_APP_ROUTING, { gateway: { kind: GatewayKind.aksApplicationRouting() } }));
      expect(findOne(m, 'Ingress').spec.ingressClassName).toBe('webapprouting.kubernetes.azure.com');
      expect(gatewayPeers(m)).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'app-routing-system' } } }]);
    });
  });

  describe('GKE', () => {
    test('writes a HealthCheckPolicy per routed Service from its readiness probe', () => {
      const m = synthValid(shop(Platform.GKE));
      const policy = findOne(m, 'HealthCheckPolicy', 'catalog');
      expect(policy.metadata.namespace).toBe('shop');
      expect(policy.spec).toEqual({
        default: {
          checkIntervalSec: 5,
          timeoutSec: 2,
          healthyThreshold: 1,
          unhealthyThreshold: 3,
          config: { type: 'HTTP', httpHealthCheck: { portSpecification: 'USE_SERVING_PORT', requestPath: '/health' } },
        },
        targetRef: { group: '', kind: 'Service', name: 'catalog' },
      });
      // Not routed, not checked by a load balancer.
      expect(allOf(m, 'HealthCheckPolicy')).toHaveLength(1);
    });

    test('checks a service whose readiness probe is a command by TCP on the serving port', () => {
      const s = new MicroserviceStack(Testing.app(), 'shop', { namespace: 'shop', platform: Platform.GKE });
      s.addService('worker', {
        image: 'eshop/worker:1.0.0',
        healthChecks: HealthChecks.of({ liveness: HealthProbe.tcpSocket(), readiness: HealthProbe.exec(['/bin/true']) }),
        routes: [{ path: '/worker' }],
      });
      expect(findOne(synthValid(s), 'HealthCheckPolicy', 'worker').spec.default.config).toEqual({ type: 'TCP', tcpHealthCheck: { portSpecification: 'USE_SERVING_PORT' } });
    });

    test('checks both Services of a canary split on the gateway', () => {
      const s = new MicroserviceStack(Testing.app(), 'shop', { namespace: 'shop', platform: Platform.GKE });
      s.addService('catalog', { image: 'eshop/catalog-api:1.0.0', routes: [{ path: '/catalog' }], canary: { canaryImage: 'eshop/catalog-api:1.1.0', weight: 10 } });
      const m = synthValid(s);
      expect(allOf(m, 'HealthCheckPolicy').map(p => p.spec.targetRef.name).sort()).toEqual(['catalog', 'catalog-canary']);
      expect(findOne(m, 'HealthCheckPolicy', 'catalog-canary').spec.default.config.httpHealthCheck.requestPath).toBe('/health');
    });

    test('admits the health-check ranges for the global class, and the proxy-only subnet for a regional one', () => {
      expect(gatewayPeers(synthValid(shop(Platform.GKE)))).toEqual([{ ipBlock: { cidr: '35.191.0.0/16' } }, { ipBlock: { cidr: '130.211.0.0/22' } }]);
      const rilb = Platform.gkeGateway({ gatewayClassName: 'gke-l7-rilb', proxyOnlySubnetCidr: '10.129.0.0/23' });
      const m = synthValid(shop(rilb));
      expect(findOne(m, 'Gateway').spec.gatewayClassName).toBe('gke-l7-rilb');
      expect(gatewayPeers(m)).toEqual([
        { ipBlock: { cidr: '35.191.0.0/16' } }, { ipBlock: { cidr: '130.211.0.0/22' } }, { ipBlock: { cidr: '10.129.0.0/23' } },
      ]);
    });

    test('throws for a regional class without its proxy-only subnet, with the fix', () => {
      expect(() => shop(Platform.gkeGateway({ gatewayClassName: 'gke-l7-regional-external-managed' })))
        .toThrow(/platform\.gatewaySubnetCidr is required with NetworkPolicies on a Gateway of class gke-l7-regional-external-managed: its proxies send from the region's proxy-only subnet.*proxyOnlySubnetCidr/);
    });

    test('writes no HealthCheckPolicy when told not to', () => {
      const m = synthValid(shop(Platform.GKE, { gateway: { kind: GatewayKind.gatewayApi({ gatewayClassName: 'gke-l7-global-external-managed', healthCheckPolicies: false }) } }));
      expect(allOf(m, 'HealthCheckPolicy')).toEqual([]);
    });
  });

  describe('local', () => {
    test('NGINX Gateway Fabric: the Gateway\'s NGINX pods reach the services and their control plane', () => {
      const m = synthValid(shop(Platform.LOCAL));
      expect(findOne(m, 'Gateway').spec.gatewayClassName).toBe('nginx');
      expect(gatewayPeers(m)).toEqual([{ podSelector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'gateway' } } }]);
      expect(findOne(m, 'NetworkPolicy', 'allow-gateway').spec.egress).toContainEqual({
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'nginx-gateway' } } }],
      });
    });

    test('Envoy Gateway: the proxies in envoy-gateway-system reach the services on their own ports', () => {
      const m = synthValid(shop(Platform.LOCAL_ENVOY));
      expect(findOne(m, 'Gateway').spec.gatewayClassName).toBe('eg');
      expect(findOne(m, 'NetworkPolicy', 'allow-catalog').spec.ingress).toEqual([{
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' } } }],
        ports: [{ protocol: 'TCP', port: 8080 }],
      }]);
      expect(allOf(m, 'NetworkPolicy').map(p => p.metadata.name)).not.toContain('allow-gateway');
    });

    test('an Ingress gateway is admitted from ingress-nginx', () => {
      const m = synthValid(shop(Platform.LOCAL, { gateway: { kind: GatewayKind.ingressNginx() } }));
      expect(gatewayPeers(m)).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }]);
    });

    test('an in-cluster gateway is admitted by its own pods only', () => {
      const m = synthValid(shop(Platform.LOCAL, { gateway: { kind: GatewayKind.yarp() } }));
      expect(gatewayPeers(m)).toEqual([{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway' } } }]);
    });
  });

  describe('DNS egress', () => {
    test('local: the kube-dns pods and NodeLocal DNSCache', () => {
      expect(dnsPeers(synthValid(shop(Platform.LOCAL)))).toEqual([KUBE_DNS, { ipBlock: { cidr: '169.254.20.10/32' } }]);
    });

    test('AKS: the kube-dns pods and both LocalDNS addresses', () => {
      expect(dnsPeers(synthValid(shop(AGC)))).toEqual([KUBE_DNS, { ipBlock: { cidr: '169.254.10.10/32' } }, { ipBlock: { cidr: '169.254.10.11/32' } }]);
    });

    test('GKE: the kube-dns pods, NodeLocal DNSCache and the metadata server (Cloud DNS)', () => {
      const m = synthValid(shop(Platform.GKE));
      expect(dnsPeers(m)).toEqual([KUBE_DNS, { ipBlock: { cidr: '169.254.20.10/32' } }, { ipBlock: { cidr: '169.254.169.254/32' } }]);
      expect(findOne(m, 'NetworkPolicy', 'allow-dns').spec.egress[0].ports).toEqual([{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }]);
    });

    test('a custom platform: the kube-dns pods only, unless it names resolvers', () => {
      expect(dnsPeers(synthValid(shop(Platform.custom({ name: 'mine' }))))).toEqual([KUBE_DNS]);
    });
  });

  test('throws for a subnet that is not an IPv4 CIDR', () => {
    expect(() => Platform.aksApplicationGateway({ loadBalancer: MANAGED, subnetCidr: '10.225.0.0' }))
      .toThrow(/^\[Platform\(aks\)\] Platform: gatewaySubnetCidr must be an IPv4 CIDR \(got "10\.225\.0\.0"\); write the address range as a\.b\.c\.d\/n/);
  });
});
