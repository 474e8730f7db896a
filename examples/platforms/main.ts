/**
 * Course pattern: the same application on local Kubernetes, AKS and GKE. The platform preset
 * decides how the gateway is exposed (NodePort locally, a cloud load balancer otherwise), the
 * gateway and ingress classes, the ReadWriteMany storage class and where gateway traffic comes
 * from; `Platform.with(...)` overrides any of it.
 */
import { App } from 'cdk8s';
import { GatewayKind, MicroserviceStack, Platform, ServiceExposure } from '../../src';

function shop(app: App, platform: Platform, kind?: GatewayKind): void {
  const stack = new MicroserviceStack(app, `platforms-${platform.name}`, { namespace: 'shop', appName: 'shop', platform, gateway: { kind } });
  const uploads = stack.addVolume('uploads');
  stack.addService('catalog', {
    image: 'eshop/catalog-api:1.0.0',
    routes: [{ path: '/catalog' }],
    volumes: [{ volume: uploads, path: '/app/uploads' }],
  });
}

/** Builds the example's charts into `app`. */
export function build(app: App): void {
  // Locally: an in-cluster YARP gateway on NodePort 30080, RWX volumes from the NFS CSI driver.
  shop(app, Platform.LOCAL, GatewayKind.yarp());
  // AKS: the application routing add-on's ingress class, Azure Files.
  shop(app, Platform.AKS, GatewayKind.aksApplicationRouting());
  // GKE: a Google Cloud Gateway, Filestore; traffic comes from Google's proxy ranges.
  shop(app, Platform.GKE);
  // A preset with one setting changed: an internal load balancer for YARP on AKS.
  shop(app, Platform.AKS.with({ name: 'aks-internal', gatewayExposure: ServiceExposure.loadBalancer({ internal: Platform.AKS.cloud }) }), GatewayKind.yarp());
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
