/**
 * The run-time types of the workload props and factory options (see core/prop-types), and of the
 * cdk8s-plus structs they extend. Not exported from the package: the release and stack constructs
 * reuse them. It imports only types from this folder, so the classes can import it.
 */
import * as kplus from 'cdk8s-plus-28';
import type { ExternalServiceProps } from './external-service';
import type {
  AspNetCoreHealthChecksOptions, HealthChecksProps, HealthProbeOptions, HttpGetHealthProbeOptions, TcpSocketHealthProbeOptions,
} from './health-probe';
import type { AddSidecarOptions, ProbedDeploymentProps } from './probed-deployment';
import type { ExposedPort, ExposeOptions, LoadBalancerExposureOptions, ServiceExposureOptions } from './service-exposure';
import type { ServicePort } from './service-port';
import type { AutoscaleOptions, WorkloadOptions } from './workload-options';
import { CloudProvider } from '../core/cloud';
import { ImagePolicy } from '../core/image-ref';
import { ContainerSecurityOptions, PodSecurityLevel } from '../core/pod-security';
import { PropsSpec, PropTypes, required, types as t } from '../core/prop-types';

const PORT = { example: 8080 };

/** A HealthProbe made by its factories. */
export const HEALTH_PROBE = t.valueClass('HealthProbe', 'pass HealthProbe.httpGet("/health"), HealthProbe.tcpSocket() or HealthProbe.exec(["cat", "/tmp/healthy"])');
/** A HealthChecks set made by its factories. */
export const HEALTH_CHECKS = t.valueClass('HealthChecks', 'pass HealthChecks.aspNetCore(), HealthChecks.of({ readiness }) or HealthChecks.none()');
/** A ServiceExposure made by its factories. */
export const SERVICE_EXPOSURE = t.valueClass('ServiceExposure',
  'pass ServiceExposure.clusterIp(), ServiceExposure.nodePort(30080) or ServiceExposure.loadBalancer()');
/** An environment variable's value of another source. */
export const ENV_VALUE = t.instance(kplus.EnvValue, 'kplus.EnvValue',
  'pass kplus.EnvValue.fromValue("..."), .fromSecretValue(...) or .fromConfigMap(...); plain strings go in env');
/** Plain environment variables. */
export const ENV = t.stringMap('{ ASPNETCORE_ENVIRONMENT: "Production" }', 'pass the value as a string; values from a Secret or ConfigMap go in envValueFrom as kplus.EnvValue');
/** A command or its arguments: one item per argument. */
export const COMMAND = t.strings('["dotnet", "Catalog.Api.dll"]');
/** Resource requests and limits. */
export const RESOURCES = t.object<kplus.ContainerResources>({
  cpu: t.object<kplus.CpuResources>({ request: cpu(), limit: cpu() }, '{ request: kplus.Cpu.millis(100) }'),
  memory: t.object<kplus.MemoryResources>({ request: t.size('Size.mebibytes(128)'), limit: t.size('Size.mebibytes(256)') }, '{ limit: Size.mebibytes(256) }'),
  ephemeralStorage: t.object<kplus.EphemeralStorageResources>({ request: t.size(), limit: t.size() }, '{ limit: Size.gibibytes(1) }'),
}, '{ cpu: { request: kplus.Cpu.millis(100) }, memory: { limit: Size.mebibytes(256) } }');
/** Hosts added to the pod's /etc/hosts. */
export const HOST_ALIASES = t.arrayOf(t.object<kplus.HostAlias>({
  ip: required(t.string('10.0.0.4')),
  hostnames: required(t.strings('["db.internal"]')),
}, '{ ip: "10.0.0.4", hostnames: ["db.internal"] }'), 'host aliases ({ ip, hostnames })');
/** The pod's security context. */
export const POD_SECURITY_CONTEXT = t.object<kplus.PodSecurityContextProps>({
  ensureNonRoot: t.boolean(),
  fsGroup: t.integer(),
  fsGroupChangePolicy: t.enum(kplus.FsGroupChangePolicy, 'kplus.FsGroupChangePolicy'),
  group: t.integer(),
  user: t.integer(),
  sysctls: t.arrayOf(t.object<kplus.Sysctl>({ name: required(t.string('net.core.somaxconn')), value: required(t.string('1024')) }, '{ name, value }'), 'sysctls'),
}, '{ fsGroup: 2000 }');
/** A container's raw security context. */
export const CONTAINER_SECURITY_CONTEXT = t.object<kplus.ContainerSecurityContextProps>({
  user: t.integer(),
  group: t.integer(),
  ensureNonRoot: t.boolean(),
  privileged: t.boolean(),
  readOnlyRootFilesystem: t.boolean(),
  allowPrivilegeEscalation: t.boolean(),
  capabilities: t.object<kplus.ContainerSecutiryContextCapabilities>({ add: capabilities(), drop: capabilities() }, '{ add: [kplus.Capability.NET_BIND_SERVICE] }'),
  seccompProfile: t.object<kplus.SeccompProfile>({ type: t.enum(kplus.SeccompProfileType, 'kplus.SeccompProfileType') }, '{ type: kplus.SeccompProfileType.RUNTIME_DEFAULT }'),
}, '{ readOnlyRootFilesystem: true }');
/** Object metadata. */
export const METADATA = t.object<{ name?: string; namespace?: string; labels?: unknown; annotations?: unknown; finalizers?: unknown }>({
  name: t.string('catalog'),
  namespace: t.string('shop'),
  labels: t.stringMap('{ tier: "backend" }'),
  annotations: t.stringMap('{ "example.com/owner": "team-a" }'),
  finalizers: t.strings('["example.com/cleanup"]'),
}, '{ name: "catalog" }');
/** A cdk8s-plus Duration-typed prop. */
const DURATION = t.duration();

/** The security options of a container. */
export const CONTAINER_SECURITY_TYPES: PropTypes<ContainerSecurityOptions> = {
  podSecurity: t.enum(PodSecurityLevel, 'PodSecurityLevel'),
  runAsUser: t.number({ example: 1654 }),
  runAsGroup: t.number({ example: 1654 }),
  readOnlyRootFilesystem: t.boolean(),
  addCapabilities: t.strings('["NET_BIND_SERVICE"]'),
  dropCapabilities: t.strings('["NET_RAW"]'),
  privileged: t.boolean(),
};

/** A container port of a workload. */
export const SERVICE_PORTS = t.arrayOf(t.object<ServicePort>({
  port: t.number(PORT),
  protocol: t.string('TCP'),
  name: t.string('http'),
}, '{ port: 8080, name: "http" }'), 'ports ({ port, name, protocol })');

/** The props of a cdk8s-plus container: sidecars, and a deployment's containers. */
export const CONTAINER_PROPS_TYPES: PropTypes<kplus.ContainerProps> = {
  image: t.string('nginx:1.27'),
  name: t.string('proxy'),
  args: COMMAND,
  command: COMMAND,
  envFrom: t.arrayOf(envFrom(), 'kplus.EnvFrom values'),
  envVariables: t.mapOf(ENV_VALUE, 'kplus.EnvValue values', '{ MODE: kplus.EnvValue.fromValue("proxy") }'),
  imagePullPolicy: t.enum(kplus.ImagePullPolicy, 'kplus.ImagePullPolicy'),
  lifecycle: t.object<kplus.ContainerLifecycle>({ postStart: handler(), preStop: handler() }, '{ preStop: kplus.Handler.fromCommand(["sleep", "5"]) }'),
  liveness: probe(),
  readiness: probe(),
  startup: probe(),
  port: t.number(PORT),
  portNumber: t.number(PORT),
  ports: t.arrayOf(t.object<kplus.ContainerPort>({
    number: required(t.number(PORT)),
    name: t.string('http'),
    protocol: t.enum(kplus.Protocol, 'kplus.Protocol'),
    hostIp: t.string('127.0.0.1'),
    hostPort: t.number(PORT),
  }, '{ number: 8080 }'), 'container ports ({ number, name })'),
  resources: RESOURCES,
  restartPolicy: t.enum(kplus.ContainerRestartPolicy, 'kplus.ContainerRestartPolicy'),
  securityContext: CONTAINER_SECURITY_CONTEXT,
  volumeMounts: t.arrayOf(t.object<kplus.VolumeMount>({
    path: required(t.string('/data')),
    volume: required(t.instance(kplus.Volume, 'kplus.Volume', 'pass a kplus.Volume, such as kplus.Volume.fromEmptyDir(...)')),
    propagation: t.enum(kplus.MountPropagation, 'kplus.MountPropagation'),
    readOnly: t.boolean(),
    subPath: t.string('data'),
    subPathExpr: t.string('$(POD_NAME)'),
  }, '{ path: "/data", volume }'), 'volume mounts ({ path, volume })'),
  workingDir: t.string('/app'),
};

const CONTAINERS = t.arrayOf(t.object(CONTAINER_PROPS_TYPES, '{ name: "proxy", image: "nginx:1.27" }'), 'container props ({ name, image })');

/** The props of a cdk8s-plus Deployment, which a ProbedDeployment takes too. */
export const DEPLOYMENT_PROPS_TYPES: PropTypes<kplus.DeploymentProps> = {
  metadata: METADATA,
  podMetadata: METADATA,
  automountServiceAccountToken: t.boolean(),
  containers: CONTAINERS,
  initContainers: CONTAINERS,
  dns: t.object<kplus.PodDnsProps>({
    hostname: t.string('catalog'),
    subdomain: t.string('catalog'),
    hostnameAsFQDN: t.boolean(),
    policy: t.enum(kplus.DnsPolicy, 'kplus.DnsPolicy'),
    nameservers: t.strings('["10.0.0.10"]'),
    searches: t.strings('["svc.cluster.local"]'),
    options: t.arrayOf(t.object<kplus.DnsOption>({ name: required(t.string('ndots')), value: t.string('2') }, '{ name: "ndots", value: "2" }'), 'DNS options'),
  }, '{ policy: kplus.DnsPolicy.CLUSTER_FIRST }'),
  dockerRegistryAuth: t.implementing('kplus.ISecret', ['name'], 'pass a kplus.Secret of type kubernetes.io/dockerconfigjson'),
  hostAliases: HOST_ALIASES,
  hostNetwork: t.boolean(),
  isolate: t.boolean(),
  restartPolicy: t.enum(kplus.RestartPolicy, 'kplus.RestartPolicy'),
  securityContext: POD_SECURITY_CONTEXT,
  serviceAccount: t.implementing('kplus.IServiceAccount', ['name'], 'pass a kplus.ServiceAccount, such as kplus.ServiceAccount.fromServiceAccountName(...)'),
  terminationGracePeriod: DURATION,
  volumes: t.arrayOf(t.instance(kplus.Volume, 'kplus.Volume', 'pass kplus.Volume values, such as kplus.Volume.fromEmptyDir(...)'), 'kplus.Volume values'),
  select: t.boolean(),
  spread: t.boolean(),
  minReady: DURATION,
  progressDeadline: DURATION,
  replicas: t.number({ example: 2 }),
  strategy: t.instance(kplus.DeploymentStrategy, 'kplus.DeploymentStrategy', 'pass kplus.DeploymentStrategy.rollingUpdate(...) or .recreate()'),
};

/** What runs a microservice, apart from its image. */
export const WORKLOAD_OPTIONS_TYPES: PropTypes<WorkloadOptions> = {
  ...CONTAINER_SECURITY_TYPES,
  containerName: t.string('app'),
  port: t.number(PORT),
  ports: SERVICE_PORTS,
  portName: t.string('http'),
  env: ENV,
  envValueFrom: t.mapOf(ENV_VALUE, 'kplus.EnvValue values', '{ ConnectionStrings__Db: kplus.EnvValue.fromSecretValue(...) }'),
  envFrom: t.arrayOf(envFrom(), 'kplus.EnvFrom values'),
  imagePullPolicy: t.enum(kplus.ImagePullPolicy, 'kplus.ImagePullPolicy'),
  imagePolicy: t.enum(ImagePolicy, 'ImagePolicy'),
  command: COMMAND,
  args: t.strings('["--urls", "http://+:8080"]'),
  workingDir: t.string('/app'),
  resources: RESOURCES,
  containerSecurityContext: CONTAINER_SECURITY_CONTEXT,
  healthChecks: HEALTH_CHECKS,
  liveness: HEALTH_PROBE,
  readiness: HEALTH_PROBE,
  startup: HEALTH_PROBE,
  sidecars: CONTAINERS,
  maxSurge: percentOrAbsolute(),
  maxUnavailable: percentOrAbsolute(),
  revisionHistoryLimit: t.number({ example: 10 }),
  changeCause: t.string('catalog 1.4.2'),
  podDisruptionBudget: t.boolean(),
  topologySpread: t.boolean(),
  writableTmp: t.boolean(),
  exposure: SERVICE_EXPOSURE,
  serviceName: t.string('catalog'),
  partOf: t.string('shop'),
};

/** The props of a ProbedDeployment. */
export const PROBED_DEPLOYMENT_TYPES: PropTypes<ProbedDeploymentProps> = {
  ...DEPLOYMENT_PROPS_TYPES,
  ...WORKLOAD_OPTIONS_TYPES,
  image: t.string('eshop/catalog-api:1.0.0'),
};

/** The options of ProbedDeployment.addSidecar. */
export const ADD_SIDECAR_OPTIONS_TYPES: PropTypes<AddSidecarOptions> = { ...CONTAINER_SECURITY_TYPES, healthChecks: HEALTH_CHECKS };

/** The options of ProbedDeployment.expose. */
export const EXPOSE_OPTIONS_TYPES: PropTypes<ExposeOptions> = { name: t.string('catalog'), exposure: SERVICE_EXPOSURE };

/** The options of autoscaling. */
export const AUTOSCALE_OPTIONS_TYPES: PropTypes<AutoscaleOptions> = {
  minReplicas: t.number({ example: 2 }),
  // Given or not, a wrong maxReplicas is checkAutoscaleOptions' to report.
  maxReplicas: t.number({ example: 10 }),
  cpuUtilization: t.number({ example: 70 }),
  memoryUtilization: t.number({ example: 80 }),
};
/** Autoscaling options as a prop. */
export const AUTOSCALE = t.object(AUTOSCALE_OPTIONS_TYPES, '{ minReplicas: 2, maxReplicas: 10 }');

/** The props of an ExternalService. */
export const EXTERNAL_SERVICE_TYPES: PropTypes<ExternalServiceProps> = {
  externalName: t.string('orders.postgres.database.azure.com'),
  name: t.string('orders-db'),
};

/** The timing of a probe. */
export const HEALTH_PROBE_OPTIONS_TYPES: PropTypes<HealthProbeOptions> = {
  initialDelay: t.duration('Duration.seconds(0)'),
  period: t.duration('Duration.seconds(10)'),
  timeout: t.duration('Duration.seconds(1)'),
  failureThreshold: t.number({ example: 3 }),
  successThreshold: t.number({ example: 1 }),
};

/** The options of HealthProbe.httpGet. */
export const HTTP_GET_OPTIONS_TYPES: PropTypes<HttpGetHealthProbeOptions> = {
  ...HEALTH_PROBE_OPTIONS_TYPES,
  port: t.number(PORT),
  scheme: t.enum(kplus.ConnectionScheme, 'kplus.ConnectionScheme'),
  headers: t.stringMap('{ Host: "catalog.example.com" }'),
};

/** The options of HealthProbe.tcpSocket. */
export const TCP_SOCKET_OPTIONS_TYPES: PropTypes<TcpSocketHealthProbeOptions> = { ...HEALTH_PROBE_OPTIONS_TYPES, port: t.number(PORT) };

/** The options of HealthChecks.aspNetCore. */
export const ASPNETCORE_OPTIONS_TYPES: PropTypes<AspNetCoreHealthChecksOptions> = {
  livenessPath: t.string('/alive'),
  readinessPath: t.string('/health'),
  startupProbe: t.boolean(),
  startupTimeout: t.duration('Duration.seconds(60)'),
  port: t.number(PORT),
};

/** The probes of HealthChecks.of. */
export const HEALTH_CHECKS_PROPS_TYPES: PropTypes<HealthChecksProps> = {
  liveness: HEALTH_PROBE,
  readiness: required(HEALTH_PROBE),
  startup: HEALTH_PROBE,
};

/** The options of ServiceExposure.clusterIp and .nodePort. */
export const EXPOSURE_OPTIONS_TYPES: PropTypes<ServiceExposureOptions> = {
  ports: t.arrayOf(t.object<ExposedPort>({
    port: t.number(PORT),
    targetPort: t.number(PORT),
    name: t.string('http'),
    protocol: t.string('TCP'),
    nodePort: t.number({ example: 30080 }),
  }, '{ port: 80, targetPort: 8080 }'), 'exposed ports ({ port, targetPort })'),
  annotations: t.stringMap('{ "service.beta.kubernetes.io/azure-load-balancer-internal": "true" }'),
};

/** The options of ServiceExposure.loadBalancer. */
export const LOAD_BALANCER_OPTIONS_TYPES: PropTypes<LoadBalancerExposureOptions> = {
  ...EXPOSURE_OPTIONS_TYPES,
  internal: t.enum(CloudProvider, 'CloudProvider'),
  sourceRanges: t.strings('["203.0.113.0/24"]'),
};

function cpu() {
  return t.instance(kplus.Cpu, 'kplus.Cpu', 'pass kplus.Cpu.millis(100) or kplus.Cpu.units(1)');
}

function envFrom() {
  return t.instance(kplus.EnvFrom, 'kplus.EnvFrom', 'pass kplus.Env.fromConfigMap(...) or kplus.Env.fromSecret(...)');
}

function probe() {
  return t.instance(kplus.Probe, 'kplus.Probe', 'pass kplus.Probe.fromHttpGet(...), .fromTcpSocket() or .fromCommand([...])');
}

function handler() {
  return t.instance(kplus.Handler, 'kplus.Handler', 'pass kplus.Handler.fromCommand([...]), .fromHttpGet(...) or .fromTcpSocket()');
}

function percentOrAbsolute() {
  return t.instance(kplus.PercentOrAbsolute, 'kplus.PercentOrAbsolute', 'pass kplus.PercentOrAbsolute.percent(25) or .absolute(1)');
}

function capabilities() {
  return t.strings('[kplus.Capability.NET_BIND_SERVICE]');
}

// The objects the constructors, methods and factories take.

export const PROBED_DEPLOYMENT: PropsSpec<ProbedDeploymentProps> = { types: PROBED_DEPLOYMENT_TYPES, required: true, example: '{ image: "eshop/catalog-api:1.0.0", healthChecks: HealthChecks.aspNetCore() }' };
export const ADD_SIDECAR_OPTIONS: PropsSpec<AddSidecarOptions> = { types: ADD_SIDECAR_OPTIONS_TYPES, required: false, example: '{ podSecurity: PodSecurityLevel.BASELINE }' };
export const EXPOSE_OPTIONS: PropsSpec<ExposeOptions> = { types: EXPOSE_OPTIONS_TYPES, required: false, example: '{ exposure: ServiceExposure.clusterIp() }' };
export const AUTOSCALE_OPTIONS: PropsSpec<AutoscaleOptions> = { types: AUTOSCALE_OPTIONS_TYPES, required: true, example: '{ minReplicas: 2, maxReplicas: 10 }' };
export const EXTERNAL_SERVICE: PropsSpec<ExternalServiceProps> = { types: EXTERNAL_SERVICE_TYPES, required: true, example: '{ externalName: "orders.postgres.database.azure.com" }' };
export const HEALTH_PROBE_OPTIONS: PropsSpec<HealthProbeOptions> = { types: HEALTH_PROBE_OPTIONS_TYPES, required: false, example: '{ period: Duration.seconds(10) }' };
export const HTTP_GET_OPTIONS: PropsSpec<HttpGetHealthProbeOptions> = { types: HTTP_GET_OPTIONS_TYPES, required: false, example: '{ port: 8080 }' };
export const TCP_SOCKET_OPTIONS: PropsSpec<TcpSocketHealthProbeOptions> = { types: TCP_SOCKET_OPTIONS_TYPES, required: false, example: '{ port: 5672 }' };
export const ASPNETCORE_OPTIONS: PropsSpec<AspNetCoreHealthChecksOptions> = { types: ASPNETCORE_OPTIONS_TYPES, required: false, example: '{ startupTimeout: Duration.seconds(120) }' };
export const HEALTH_CHECKS_PROPS: PropsSpec<HealthChecksProps> = { types: HEALTH_CHECKS_PROPS_TYPES, required: true, example: '{ readiness: HealthProbe.tcpSocket() }' };
export const EXPOSURE_OPTIONS: PropsSpec<ServiceExposureOptions> = { types: EXPOSURE_OPTIONS_TYPES, required: false, example: '{ ports: [{ port: 80, targetPort: 8080 }] }' };
export const LOAD_BALANCER_OPTIONS: PropsSpec<LoadBalancerExposureOptions> = { types: LOAD_BALANCER_OPTIONS_TYPES, required: false, example: '{ internal: CloudProvider.AKS }' };
export const ADD_SIDECAR_PROPS: PropsSpec<kplus.ContainerProps> = { types: CONTAINER_PROPS_TYPES, required: true, example: '{ name: "proxy", image: "nginx:1.27" }' };
