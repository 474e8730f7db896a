/**
 * A gateway that runs in the cluster (YARP, Ocelot): a ProbedDeployment of the gateway image that
 * reads its route configuration from a ConfigMap, behind a LoadBalancer or NodePort Service.
 */
import { Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { nameOnly } from '../../core/metadata';
import { HealthChecks, HealthProbe } from '../../workload/health-probe';
import { ProbedDeployment } from '../../workload/probed-deployment';
import { ExposedPort, ServiceExposure } from '../../workload/service-exposure';
import { GatewayImplementation, GatewayKind, InClusterGatewayOptions } from '../gateway-kind';
import { YARP_IMAGE } from './yarp-image';
import { ocelotConfig } from '../render/ocelot';
import { RouteModel } from '../render/route-model';
import { yarpConfig } from '../render/yarp';

/** What an in-cluster gateway is made of. */
export interface InClusterParts {
  readonly deployment: ProbedDeployment;
  readonly service: kplus.Service;
  readonly configMap: kplus.ConfigMap;
}

/** The gateway props an in-cluster gateway reads. */
export interface InClusterGateway {
  readonly kind: GatewayKind;
  readonly name?: string;
  readonly tlsSecretName?: string;
  readonly httpPort: number;
  readonly httpsPort: number;
  /** The routes, when the configuration is rendered at synth. */
  readonly routes: () => RouteModel[];
}

/** Builds the ConfigMap, the Deployment (id `Resource`) and the Service of an in-cluster gateway in `scope`. */
export function buildInClusterGateway(scope: Construct, gateway: InClusterGateway): InClusterParts {
  const kind = gateway.kind;
  const options = kind._inCluster!;
  const yarp = kind.implementation === GatewayImplementation.YARP;
  const file = yarp ? 'yarp.json' : 'ocelot.json';
  const directory = (options.configDirectory ?? '/app/config').replace(/\/+$/, '');
  const configFile = `${directory}/${file}`;
  const clusterDomain = options.clusterDomain ?? 'cluster.local';
  const port = options.port!;
  const tlsPort = options.tlsPort ?? 8443;
  const tls = gateway.tlsSecretName;

  const configMap = new kplus.ConfigMap(scope, 'Config', { metadata: nameOnly(gateway.name ? `${gateway.name}-config` : undefined) });
  configMap.addData(file, Lazy.any({
    produce: () => {
      const models = gateway.routes();
      return `${JSON.stringify(yarp ? yarpConfig(models, clusterDomain) : ocelotConfig(models, clusterDomain), undefined, 2)}\n`;
    },
  }));

  const deployment = new ProbedDeployment(scope, 'Resource', {
    metadata: nameOnly(gateway.name),
    image: kind.image!,
    port,
    replicas: options.replicas,
    healthChecks: options.healthChecks ?? HealthChecks.of({ liveness: HealthProbe.tcpSocket(), readiness: HealthProbe.tcpSocket() }),
    env: gatewayEnv(port, tlsPort, configFile, tls),
    // The YARP image takes the configuration file as its only argument.
    command: yarp && kind.image === YARP_IMAGE ? ['dotnet', '/app/yarp.dll', configFile] : undefined,
  });
  deployment.mainContainer.mount(directory, kplus.Volume.fromConfigMap(scope, 'ConfigVolume', configMap, { name: 'config' }), { readOnly: true });
  if (tls) {
    deployment.mainContainer.addPort({ number: tlsPort, name: 'https' });
    const secret = kplus.Secret.fromSecretName(scope, 'TlsSecret', tls);
    deployment.mainContainer.mount('/app/tls', kplus.Volume.fromSecret(scope, 'TlsVolume', secret, { name: 'tls' }), { readOnly: true });
  }

  // Named like the Deployment when the gateway has no name: the Service is the gateway's address.
  const service = deployment.expose({ name: gateway.name ?? deployment.name, exposure: gatewayExposure(options, gateway, port, tlsPort) });
  return { deployment, service, configMap };
}

/** Kestrel's URLs and certificate, and where the route configuration is. */
function gatewayEnv(port: number, tlsPort: number, configFile: string, tlsSecretName: string | undefined): { [name: string]: string } {
  const env: { [name: string]: string } = {
    ASPNETCORE_URLS: tlsSecretName ? `http://+:${port};https://+:${tlsPort}` : `http://+:${port}`,
    GATEWAY_CONFIG_FILE: configFile,
  };
  if (tlsSecretName) {
    env.ASPNETCORE_Kestrel__Certificates__Default__Path = '/app/tls/tls.crt';
    env.ASPNETCORE_Kestrel__Certificates__Default__KeyPath = '/app/tls/tls.key';
  }
  return env;
}

/** The Service's exposure: the one asked for, with the gateway's HTTP (and HTTPS) ports unless it names ports itself. */
function gatewayExposure(options: InClusterGatewayOptions, gateway: InClusterGateway, port: number, tlsPort: number): ServiceExposure {
  const exposure = options.exposure ?? ServiceExposure.loadBalancer();
  if (exposure.ports) return exposure;
  const ports: ExposedPort[] = [{ port: gateway.httpPort, targetPort: port, name: 'http' }];
  if (gateway.tlsSecretName) ports.push({ port: gateway.httpsPort, targetPort: tlsPort, name: 'https' });
  return withPorts(exposure, ports);
}

/** The same exposure with other ports (its type, annotations, node port and source ranges kept). */
function withPorts(exposure: ServiceExposure, ports: ExposedPort[]): ServiceExposure {
  if (exposure.type === kplus.ServiceType.NODE_PORT) {
    return ServiceExposure.nodePort(exposure.requestedNodePort, { ports, annotations: exposure.annotations });
  }
  return ServiceExposure.loadBalancer({ ports, annotations: exposure.annotations, sourceRanges: exposure.sourceRanges });
}
