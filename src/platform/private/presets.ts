/**
 * The props of each Platform preset, with the documentation each fact comes from. Namespaces are
 * selected by `kubernetes.io/metadata.name`, which Kubernetes sets on every namespace.
 */
import { AGC_FACTS, CLOUD_FACTS, CloudProvider, GKE_HEALTH_CHECK_CIDRS, NODE_LOCAL_DNS_CIDR } from '../../core/cloud';
import { ServiceExposure } from '../../workload/service-exposure';
import { GatewaySource } from '../gateway-source';

/** The preset props, structurally a PlatformProps (platform.ts imports this file). */
export interface PresetProps {
  readonly name: string;
  readonly gatewayExposure: ServiceExposure;
  readonly gatewayClassName: string;
  readonly ingressClassName: string;
  readonly rwxStorageClass: string;
  readonly cloud?: CloudProvider;
  readonly gatewaySource: GatewaySource;
  readonly ingressSource: GatewaySource;
  readonly dnsResolverCidrs: string[];
}

function namespace(name: string): { [key: string]: string } {
  return { 'kubernetes.io/metadata.name': name };
}

/**
 * ingress-nginx, the `nginx` IngressClass of a local cluster, runs in namespace `ingress-nginx`
 * (kubernetes/ingress-nginx@017fcdeb7e9d306073d3a6dfb0e4639979af2ec8
 * deploy/static/provider/kind/deploy.yaml). Retired: no releases after March 2026.
 */
const INGRESS_NGINX: GatewaySource = { namespaceLabels: namespace('ingress-nginx') };

/**
 * NGINX Gateway Fabric 2: class `nginx`; the control plane in `nginx-gateway` (Helm), and per
 * Gateway an NGINX Deployment in the Gateway's namespace labelled
 * `gateway.networking.k8s.io/gateway-name`, which fetches its configuration from the control
 * plane. https://docs.nginx.com/nginx-gateway-fabric/get-started/
 * (nginx/documentation@07d311fe66feb35f6c7df63d67d1824232063e86 content/ngf/get-started.md;
 * nginx/nginx-gateway-fabric@0181372db38c90cf240d8874729fdf4d2beb42f9 internal/controller/provisioner/objects.go).
 * NodeLocal DNSCache is optional on a local cluster; when installed it answers on 169.254.20.10.
 */
export function localNginxGatewayFabric(): PresetProps {
  return {
    name: 'local',
    gatewayExposure: ServiceExposure.nodePort(30080),
    gatewayClassName: 'nginx',
    ingressClassName: 'nginx',
    rwxStorageClass: 'nfs-csi',
    gatewaySource: { dataPlanePods: true, controllerNamespaceLabels: namespace('nginx-gateway') },
    ingressSource: INGRESS_NGINX,
    dnsResolverCidrs: [NODE_LOCAL_DNS_CIDR],
  };
}

/**
 * Envoy Gateway: class `eg` (the quickstart's); the Envoy proxies run in the controller's
 * namespace `envoy-gateway-system`, not the Gateway's, so services admit that namespace.
 * https://gateway.envoyproxy.io/docs/tasks/quickstart/. Envoy shifts listener ports below 1024
 * by +10000 inside the proxy (80 -> 10080; envoyproxy/gateway@77d911c0d3c2b28abef22e137dad9875766f31f5
 * internal/gatewayapi/translator.go): that concerns traffic to the proxies, which live outside
 * the app's namespace and its policies; traffic from them to services keeps the services' ports.
 */
export function localEnvoyGateway(): PresetProps {
  return {
    ...localNginxGatewayFabric(),
    name: 'local-envoy',
    gatewayClassName: 'eg',
    gatewaySource: { namespaceLabels: namespace('envoy-gateway-system'), dataPlanePods: false },
  };
}

/**
 * AKS with Application Gateway for Containers (class `azure-alb-external`,
 * https://learn.microsoft.com/azure/application-gateway/for-containers/quickstart-deploy-application-gateway-for-containers-alb-controller-addon,
 * MicrosoftDocs/azure-docs@01f0d477bb32660829c1b853f639370b71368aa8). AGC is not a pod: it
 * proxies to pods from the subnet associated with it (with CNI Overlay the overlay is extended
 * to that subnet, .../for-containers/container-networking, azure-docs@0ad92d8134a910f6d5513f4e2f250ce2dd9647ac).
 * That the requests and probes come from that subnet's addresses is inferred from these pages;
 * no sentence states it. The subnet is the user's (`gatewaySubnetCidr`).
 */
export function aksApplicationGatewayForContainers(): PresetProps {
  const facts = CLOUD_FACTS[CloudProvider.AKS];
  return {
    name: facts.platformName,
    cloud: CloudProvider.AKS,
    gatewayExposure: ServiceExposure.loadBalancer(),
    gatewayClassName: AGC_FACTS.gatewayClassName,
    ingressClassName: facts.ingressClassName,
    rwxStorageClass: facts.fileShare.storageClassName,
    gatewaySource: { dataPlanePods: false },
    ingressSource: { namespaceLabels: { ...facts.ingressNamespaceLabels } },
    dnsResolverCidrs: [...facts.dnsResolverCidrs],
  };
}

/**
 * AKS with the application routing add-on: its managed NGINX for Ingress (class
 * `webapprouting.kubernetes.azure.com`, controller in `app-routing-system`; Microsoft supports it
 * through November 2026) and its Gateway API implementation, class `approuting-istio`: per
 * Gateway an Envoy Deployment in the Gateway's namespace (labelled
 * `gateway.networking.k8s.io/gateway-name` by Istio's gateway template), configured by istiod in
 * `aks-istio-system`. https://learn.microsoft.com/azure/aks/app-routing-gateway-api
 * (MicrosoftDocs/azure-aks-docs@0179acfd702478c0c9a6a1b41a6e6ae59c4406b9
 * articles/aks/app-routing-gateway-api.md; labels: istio/istio@03404d0fbc82b9f3d5a19e516ab4c1a9ed87909d
 * manifests/charts/istio-control/istio-discovery/files/kube-gateway.yaml). Announced as a
 * preview in March 2026; whether AKS's managed Istio keeps the upstream labels is not verified.
 */
export function aksApplicationRouting(): PresetProps {
  return {
    ...aksApplicationGatewayForContainers(),
    name: 'aks-app-routing',
    gatewayClassName: 'approuting-istio',
    gatewaySource: { dataPlanePods: true, controllerNamespaceLabels: namespace('aks-istio-system') },
  };
}

/**
 * GKE Gateway: class `gke-l7-global-external-managed` by default
 * (https://cloud.google.com/kubernetes-engine/docs/how-to/gatewayclass-capabilities); Google's
 * proxies and health checkers are not pods and send from the ranges of core/cloud.ts (plus the
 * proxy-only subnet for the regional and internal classes, `gatewaySubnetCidr`); GKE Ingress
 * (`gce`) sends from the same ranges.
 */
export function gkeGateway(): PresetProps {
  const facts = CLOUD_FACTS[CloudProvider.GKE];
  const source: GatewaySource = { cidrs: [...GKE_HEALTH_CHECK_CIDRS], dataPlanePods: false };
  return {
    name: facts.platformName,
    cloud: CloudProvider.GKE,
    gatewayExposure: ServiceExposure.loadBalancer(),
    gatewayClassName: facts.gatewayClassName,
    ingressClassName: facts.ingressClassName,
    rwxStorageClass: facts.fileShare.storageClassName,
    gatewaySource: source,
    ingressSource: source,
    dnsResolverCidrs: [...facts.dnsResolverCidrs],
  };
}
