/**
 * What a cluster must offer for each class, driver and engine a platform's output relies on, and
 * how to get it: the prerequisites list (outputs/prerequisites.ts) reads these. Each entry cites
 * the documentation it is taken from. Not exported from the package: the texts may change
 * without a major version.
 */
import { Platform } from './platform';
import { AGC_FACTS, CloudProvider, GKE_PROXY_ONLY_SUBNET_CLASSES, isGkeGatewayClass } from '../core/cloud';

/** How to provide one thing the app assumes. */
export interface Setup {
  /** What it is and what to do, one or two sentences of Markdown. */
  readonly how: string;
  /** A command that provides it, when there is one. */
  readonly command?: string;
}

/** The GatewayClass `name`: which implementation serves it and how to install it. */
export function gatewayClassSetup(name: string): Setup {
  if (name === 'nginx') {
    // nginx/documentation@07d311fe66feb35f6c7df63d67d1824232063e86 content/ngf/get-started.md
    return {
      how: 'NGINX Gateway Fabric and the Gateway API CRDs. On kind its per-Gateway NGINX Service is a LoadBalancer that stays pending: install it with a NodePort (below) and map that port in the kind config (`extraPortMappings`), or `kubectl port-forward` to the `<gateway>-nginx` Service.',
      command: '# first the Gateway API CRDs, as NGF\'s get-started page says, then:\n'
        + 'helm install ngf oci://ghcr.io/nginx/charts/nginx-gateway-fabric --create-namespace -n nginx-gateway '
        + '--set nginx.service.type=NodePort --set-json \'nginx.service.nodePorts=[{"port":31437,"listenerPort":80}]\'',
    };
  }
  if (name === 'eg') {
    // https://gateway.envoyproxy.io/docs/tasks/quickstart/
    return {
      how: 'Envoy Gateway, and a GatewayClass `eg` whose controllerName is `gateway.envoyproxy.io/gatewayclass-controller` (the quickstart creates it). Its proxies run in `envoy-gateway-system`; reach one with `kubectl -n envoy-gateway-system port-forward service/<envoy service> 8888:80`.',
      command: 'helm install eg oci://docker.io/envoyproxy/gateway-helm -n envoy-gateway-system --create-namespace',
    };
  }
  if (name === AGC_FACTS.gatewayClassName) {
    // azure-docs@01f0d477bb32660829c1b853f639370b71368aa8 quickstart-deploy-application-gateway-for-containers-alb-controller-addon.md
    return {
      how: 'Application Gateway for Containers: the ALB controller (AKS add-on) and, for an ALB-managed deployment, an `ApplicationLoadBalancer` resource associated with a subnet delegated to `Microsoft.ServiceNetworking/trafficControllers` (the annotations of the Gateway name it). Needs Azure CNI or CNI Overlay (not kubenet).',
      // The add-on is a preview (aks-preview extension); the Helm-installed controller is the GA path.
      command: 'az aks update -g <group> -n <cluster> --enable-gateway-api --enable-application-load-balancer',
    };
  }
  if (name === 'approuting-istio') {
    // azure-aks-docs@0179acfd702478c0c9a6a1b41a6e6ae59c4406b9 articles/aks/app-routing-gateway-api.md
    return {
      how: 'The application routing add-on\'s Gateway API implementation (preview in 2026; not together with the Istio service-mesh add-on), and the managed Gateway API CRDs.',
      command: 'az aks update -g <group> -n <cluster> --enable-gateway-api --enable-app-routing-istio',
    };
  }
  if (isGkeGatewayClass(name)) {
    // https://cloud.google.com/kubernetes-engine/docs/how-to/configure-gateway-resources
    const regional = GKE_PROXY_ONLY_SUBNET_CLASSES.includes(name);
    return {
      how: `GKE Gateway (a VPC-native cluster with the Gateway API enabled)${regional ? ' and a proxy-only subnet in the region (`purpose=REGIONAL_MANAGED_PROXY`)' : ''}.`,
      command: 'gcloud container clusters update <cluster> --location=<region> --gateway-api=standard',
    };
  }
  return { how: `A Gateway API implementation that serves the GatewayClass \`${name}\` (\`kubectl get gatewayclass\`).` };
}

/** The IngressClass `name`: which controller reads it. */
export function ingressClassSetup(name: string): Setup {
  if (name === 'webapprouting.kubernetes.azure.com') {
    // azure-aks-docs@137190e53a209a0fa0861747b526c4f7e6ec5529 articles/aks/app-routing.md
    return { how: 'The AKS application routing add-on (managed NGINX, supported by Microsoft through November 2026).', command: 'az aks approuting enable -g <group> -n <cluster>' };
  }
  if (name === 'gce' || name === 'gce-internal') {
    return { how: 'The GKE Ingress controller (the `HttpLoadBalancing` add-on, on by default).' };
  }
  if (name === 'nginx') {
    return {
      how: 'ingress-nginx, which is retired (no releases or security fixes after March 2026): prefer a Gateway.',
      command: 'kubectl apply -f https://raw.githubusercontent.com/kubernetes/ingress-nginx/main/deploy/static/provider/kind/deploy.yaml',
    };
  }
  return { how: `An Ingress controller that reads the class \`${name}\` (\`kubectl get ingressclass\`).` };
}

/** The StorageClass `name`: which CSI driver provides it. */
export function storageClassSetup(name: string): Setup {
  if (name === 'nfs-csi') {
    // kubernetes-csi/csi-driver-nfs@473a7d3911432c3c82a1ae68bb98618c352d5f1c deploy/example/storageclass-nfs.yaml
    return {
      how: 'The NFS CSI driver and a StorageClass `nfs-csi` pointing at your NFS server (`NfsStorageClass` renders one; the driver\'s example class points at an in-cluster server). Or give the volume a `server` to bind it statically and skip the driver.',
      command: 'helm repo add csi-driver-nfs https://raw.githubusercontent.com/kubernetes-csi/csi-driver-nfs/master/charts\n'
        + 'helm install csi-driver-nfs csi-driver-nfs/csi-driver-nfs -n kube-system',
    };
  }
  if (name === 'azurefile-csi' || name === 'azurefile-csi-premium') {
    // azure-aks-docs@120c7f4442dbc3ba0645436da1682fd692629c76 articles/aks/azure-files-csi.md
    return { how: 'Built into AKS (Azure Files CSI driver). Its shares are world-writable (0777) and deleted with the claim.' };
  }
  if (name.endsWith('-rwx')) {
    // https://cloud.google.com/filestore/docs/csi-driver (class names not re-verified: FACTS.md uncertain 8)
    return {
      how: 'The Filestore CSI driver (GKE Standard: enable the add-on; the class names are those GKE documents for Filestore tiers). Filestore shares start at 1 TiB on most tiers; a share owned by root needs `fsGroup` for non-root writers.',
      command: 'gcloud container clusters update <cluster> --update-addons=GcpFilestoreCsiDriver=ENABLED',
    };
  }
  return { how: `A StorageClass \`${name}\` (\`kubectl get storageclass\`).` };
}

/** What enforces NetworkPolicies on the platform: without an engine they are silently ignored. */
export function networkPolicyEngineSetup(platform: Platform | undefined): Setup {
  if (platform?.cloud === CloudProvider.AKS) {
    // azure-aks-docs@025967d2257dab1067d9a8c1c9b7b1c8fce7452a articles/aks/use-network-policies.md
    return {
      how: 'AKS enforces no NetworkPolicy by default: create the cluster with Azure CNI powered by Cilium (recommended), or `--network-policy azure` or `calico`. Azure NPM: keep at most 4 `ipBlock` peers per policy.',
      command: 'az aks create -g <group> -n <cluster> --network-plugin azure --network-plugin-mode overlay --network-dataplane cilium --network-policy cilium',
    };
  }
  if (platform?.cloud === CloudProvider.GKE) {
    // https://cloud.google.com/kubernetes-engine/docs/how-to/dataplane-v2
    return { how: 'GKE Dataplane V2 enforces NetworkPolicies (always on in Autopilot); a Standard cluster without it needs network policy enforcement enabled.', command: 'gcloud container clusters create <cluster> --enable-dataplane-v2' };
  }
  // kind: kubernetes-sigs/kind issue 842 and PR 3612; minikube: site/content/en/docs/handbook/network_policy.md
  return {
    how: 'kind 0.24 or later enforces NetworkPolicies with its default CNI (kindnet); a plain `minikube start` enforces none (use `--cni calico`); Docker Desktop enforces none.',
    command: 'minikube start --cni calico',
  };
}

/** Nodes mount NFS volumes themselves: they need an NFS client and a route to the server. */
export function nfsClientSetup(platform: Platform | undefined, server: string): Setup {
  if (platform?.cloud !== undefined) {
    return { how: `The nodes mount \`${server}\` themselves: AKS and GKE node images have an NFS client; the server must export the path to the nodes' subnet.` };
  }
  // kubernetes-sigs/kind@a7c62c4ffab7d49ca04e9ebb00e68c8e7d9c9cf3 images/base/Dockerfile installs nfs-common
  // ("packages needed for networked backed storage"), as it has since kind PR 1548 (2020).
  return {
    how: `The nodes mount \`${server}\` themselves. kind's node image installs \`nfs-common\` (mount.nfs); check a node with the command below, and that the node container reaches the server (kind nodes are containers on the Docker network: the server must export to the addresses the host's NAT gives them). On minikube check with \`minikube ssh -- which mount.nfs\`.`,
    command: `docker exec kind-control-plane sh -c 'command -v mount.nfs && showmount -e ${server}'`,
  };
}

/** Pulling the app's images from `registry`. */
export function registrySetup(platform: Platform | undefined, registry: string): Setup {
  if (registry.endsWith('.example.com') || registry.endsWith('.example')) {
    return { how: `\`${registry}\` is a placeholder: set \`imageRegistry\` to your registry and push the images there.` };
  }
  if (platform?.cloud === CloudProvider.AKS) {
    return { how: `The nodes pull from \`${registry}\`: attach the registry to the cluster (Azure Container Registry) or add an image pull secret.`, command: `az aks update -g <group> -n <cluster> --attach-acr ${registry.split('.')[0]}` };
  }
  if (platform?.cloud === CloudProvider.GKE) {
    return { how: `The nodes pull from \`${registry}\`: grant the nodes' service account the Artifact Registry Reader role, or add an image pull secret.` };
  }
  return {
    how: registry === 'docker.io'
      ? 'Images without a registry come from Docker Hub, or are loaded into the local cluster (tagged images are `IfNotPresent`).'
      : `The nodes pull from \`${registry}\`, or the images are loaded into the local cluster.`,
    command: registry === 'docker.io' ? 'kind load docker-image <image>' : undefined,
  };
}
