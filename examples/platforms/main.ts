/**
 * Course pattern: the same application on local Kubernetes, AKS and GKE. Each platform preset is
 * one product: it decides the GatewayClass (and so where gateway traffic comes from), the Ingress
 * class, the ReadWriteMany storage class, the DNS resolvers the policies admit and how an
 * in-cluster gateway is exposed; `Platform.with(...)` overrides any of it. One chart and one
 * namespace per platform, each with its `<chart>.prerequisites.md` beside the YAML:
 *
 * - local: NGINX Gateway Fabric (`nginx`), RWX volumes from the NFS CSI driver;
 * - local-envoy: Envoy Gateway (`eg`), whose proxies run in envoy-gateway-system;
 * - aks: Application Gateway for Containers, programmed on an ALB-managed load balancer, its
 *   traffic admitted from the subnet associated with it (replace both with yours);
 * - aks-app-routing: the application routing add-on's Gateway API implementation (`approuting-istio`);
 * - aks-internal: YARP behind an internal Azure load balancer;
 * - gke: the global external GKE Gateway, a HealthCheckPolicy per routed Service;
 * - gke-internal: the regional internal GKE Gateway (`gke-l7-rilb`), traffic from the region's
 *   proxy-only subnet (replace it with yours).
 */
import { App } from 'cdk8s';
import { ApplicationLoadBalancer, GatewayKind, MicroserviceStack, Platform, Prerequisites, ServiceExposure } from '../../src';

function shop(app: App, platform: Platform, kind?: GatewayKind): MicroserviceStack {
  const id = `platforms-${platform.name}`;
  const stack = new MicroserviceStack(app, id, {
    namespace: id,
    appName: 'shop',
    platform,
    gateway: { kind },
    // Locally the images run as Development, where the Aspire defaults map /alive and /health;
    // in the cloud as Production, where the images map them themselves.
    aspNetCoreEnvironment: platform.cloud ? 'Production' : 'Development',
  });
  const uploads = stack.addVolume('uploads');
  stack.addService('catalog', {
    image: 'eshop/catalog-api:1.0.0',
    routes: [{ path: '/catalog' }],
    volumes: [{ volume: uploads, path: '/app/uploads' }],
  });
  return stack;
}

/** Builds the example's charts into `app`. */
export function build(app: App): MicroserviceStack[] {
  return [
    shop(app, Platform.LOCAL),
    shop(app, Platform.LOCAL_ENVOY),
    shop(app, Platform.aksApplicationGateway({
      loadBalancer: ApplicationLoadBalancer.managed({ namespace: 'alb-infra', name: 'alb' }),
      subnetCidr: '10.225.0.0/24',
    })),
    shop(app, Platform.AKS_APP_ROUTING),
    // A preset with one setting changed: an internal load balancer for YARP on AKS.
    shop(app, Platform.AKS.with({ name: 'aks-internal', gatewayExposure: ServiceExposure.loadBalancer({ internal: Platform.AKS.cloud }) }), GatewayKind.yarp()),
    shop(app, Platform.GKE),
    shop(app, Platform.gkeGateway({ gatewayClassName: 'gke-l7-rilb', proxyOnlySubnetCidr: '10.129.0.0/23' }).with({ name: 'gke-internal' })),
  ];
}

if (require.main === module) {
  const app = new App();
  const stacks = build(app);
  app.synth();
  for (const stack of stacks) Prerequisites.of(stack).writeBeside(app.outdir);
}
