/**
 * The run-time types of the stack's props and add methods (see core/prop-types). Not exported from
 * the package; it imports only types from this folder, so the classes can import it.
 */
import * as kplus from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import type { BackingServiceOptions } from './backing-service';
import type { ContainerOptions, SidecarOptions, StackWorkloadOptions } from './container-options';
import type { MicroserviceOptions, ServiceRoute, ServiceVolume, StackBlueGreenOptions, StackCanaryOptions } from './microservice-options';
import type { JobOptions } from './one-shot-job';
import type { ClaimMountOptions, DirectoryMountOptions, EmptyDirMountOptions, FileMountOptions, ObjectMountOptions } from './service-mount';
import type { ExternalOptions, MicroserviceStackProps, StackGatewayOptions } from './stack-options';
import { NetworkPolicyMode } from './stack-options';
import { childPath, propError, PropProblem } from '../core/errors';
import { ImagePolicy } from '../core/image-ref';
import {
  checkArguments, checkProps, checkScopeAndId, PropsSpec, PropTypes, required, types as t,
} from '../core/prop-types';
import { PathMatch } from '../gateway';
import { GATEWAY_KIND, HOSTNAMES } from '../gateway/prop-types';
import { Platform } from '../platform';
import { BLUE_GREEN_TRAFFIC, CANARY_TRAFFIC } from '../release/prop-types';
import { ACCESS_MODES, NFS_MOUNT_TYPES, NFS_VOLUME } from '../storage/prop-types';
import { MANIFEST_VALIDATOR_OPTIONS } from '../validation/prop-types';
import {
  AUTOSCALE, COMMAND, CONTAINER_SECURITY_TYPES, ENV, HEALTH_CHECKS, HOST_ALIASES, RESOURCES, SERVICE_EXPOSURE, SERVICE_PORTS,
} from '../workload/prop-types';

const TYPE = 'MicroserviceStack';

const CONTAINER_OPTIONS_TYPES: PropTypes<ContainerOptions> = {
  ...CONTAINER_SECURITY_TYPES,
  // resolveImage says what an image reference must be, whatever the type.
  image: t.checkedBy('resolveImage', 'pass an image reference, such as "eshop/catalog-api:1.0.0"'),
  command: COMMAND,
  args: t.strings('["--urls", "http://+:8080"]'),
  workingDir: t.string('/app'),
  env: ENV,
  config: t.stringMap('{ Logging__LogLevel__Default: "Information" }'),
  secrets: t.mapOf(t.valueClass('SecretValue', 'pass SecretValue.literal(...) or SecretValue.fromSecret("name", "key"); plain values go in env or config'),
    'SecretValue values', '{ ConnectionStrings__Db: SecretValue.fromSecret("db", "connection") }', true),
  ports: SERVICE_PORTS,
  resources: RESOURCES,
  writablePaths: t.strings('["/tmp", "/app/cache"]'),
  mounts: t.arrayOf(t.valueClass('ServiceMount', 'pass ServiceMount.file(...), .directory(...), .claim(...), .emptyDir(...) or .volume(...)'),
    'ServiceMount values'),
  imagePullPolicy: t.enum(kplus.ImagePullPolicy, 'kplus.ImagePullPolicy'),
};

const SIDECAR_TYPES: PropTypes<SidecarOptions> = {
  ...CONTAINER_OPTIONS_TYPES,
  // checkSidecars reports a missing name with its own message.
  name: t.string('proxy'),
  healthChecks: HEALTH_CHECKS,
};

const WORKLOAD_TYPES: PropTypes<StackWorkloadOptions> = {
  ...CONTAINER_OPTIONS_TYPES,
  talksTo: t.strings('["catalog", "db"]'),
  networks: t.strings('["backend"]'),
  sidecars: t.arrayOf(t.object(SIDECAR_TYPES, '{ name: "proxy", image: "nginx:1.27" }'), 'sidecar options ({ name, image })'),
  hostAliases: HOST_ALIASES,
  terminationGracePeriod: t.duration('Duration.seconds(30)'),
  fsGroup: t.number({ example: 2000 }),
  sysctls: t.stringMap('{ "net.ipv4.ip_unprivileged_port_start": "0" }'),
  aliases: t.strings('["catalog-db"]'),
  podAnnotations: t.stringMap('{ "prometheus.io/scrape": "true" }'),
  waitFor: t.strings('["db"]'),
  buildContext: t.string('./src/Catalog.Api'),
  dockerfile: t.string('Dockerfile'),
  buildTarget: t.string('final'),
  buildArgs: t.stringMap('{ VERSION: "1.0.0" }'),
};

const ROUTE_TYPES: PropTypes<ServiceRoute> = {
  // The gateway's route checks say what a path must be.
  path: t.checkedBy('checkPath', 'pass an absolute path, such as "/catalog"'),
  pathMatch: t.enum(PathMatch, 'PathMatch'),
  rewritePrefix: t.string('/'),
  hostnames: HOSTNAMES,
  methods: t.strings('["GET"]'),
  timeout: t.duration('Duration.seconds(30)'),
  port: t.number({ example: 8080 }),
};

const VOLUME_TYPES: PropTypes<ServiceVolume> = {
  ...NFS_MOUNT_TYPES,
  volume: required(NFS_VOLUME),
  path: required(t.string('/app/uploads')),
};

const CANARY_TYPES: PropTypes<StackCanaryOptions> = {
  canaryImage: t.string('eshop/catalog-api:1.1.0'),
  // The release's checks say what a weight and a plan must be.
  weight: t.checkedBy('resolveWeight', 'pass a percentage such as 10, or leave weight out'),
  steps: t.checkedBy('checkSteps', 'pass the canary weights in order, such as [5, 25, 50, 100], or leave steps out'),
  step: t.number({ example: 1 }),
  traffic: CANARY_TRAFFIC,
};

const BLUE_GREEN_TYPES: PropTypes<StackBlueGreenOptions> = {
  blueImage: t.string('eshop/basket-api:1.0.0'),
  greenImage: t.string('eshop/basket-api:2.0.0'),
  activeSlot: t.checkedBy('checkSlots', 'pass BlueGreenSlot.BLUE or BlueGreenSlot.GREEN, or leave activeSlot out'),
  idleReplicas: t.number({ example: 0 }),
  traffic: BLUE_GREEN_TRAFFIC,
};

export const MICROSERVICE_OPTIONS: PropsSpec<MicroserviceOptions> = {
  types: {
    ...WORKLOAD_TYPES,
    port: t.number({ example: 8080 }),
    healthChecks: HEALTH_CHECKS,
    replicas: t.number({ example: 2 }),
    autoscale: AUTOSCALE,
    exposure: SERVICE_EXPOSURE,
    changeCause: t.string('catalog 1.4.2'),
    canary: t.object(CANARY_TYPES, '{ canaryImage: "eshop/catalog-api:1.1.0", weight: 10 }'),
    blueGreen: t.object(BLUE_GREEN_TYPES, '{ greenImage: "eshop/basket-api:2.0.0" }'),
    routes: t.arrayOf(t.object(ROUTE_TYPES, '{ path: "/catalog" }'), 'routes ({ path })'),
    volumes: t.arrayOf(t.object(VOLUME_TYPES, '{ volume: uploads, path: "/app/uploads" }'), 'volumes ({ volume, path })'),
    buildContext: t.string('./src/Catalog.Api'),
    dockerfile: t.string('Dockerfile'),
  },
  required: true,
  example: '{ image: "eshop/catalog-api:1.0.0" }',
};

export const BACKING_SERVICE_OPTIONS: PropsSpec<BackingServiceOptions> = {
  types: {
    ...WORKLOAD_TYPES,
    port: t.number({ example: 5432 }),
    dataPath: t.string('/var/lib/postgresql/data'),
    storage: t.size('Size.gibibytes(1)'),
    storageClassName: t.string('managed-csi'),
    healthChecks: HEALTH_CHECKS,
    readiness: t.instance(kplus.Probe, 'kplus.Probe', 'pass kplus.Probe.fromTcpSocket(...), or healthChecks'),
    liveness: t.instance(kplus.Probe, 'kplus.Probe', 'pass kplus.Probe.fromTcpSocket(...), or healthChecks'),
  },
  required: true,
  example: '{ image: "postgres:16", port: 5432 }',
};

export const JOB_OPTIONS: PropsSpec<JobOptions> = {
  types: {
    ...WORKLOAD_TYPES,
    restartPolicy: t.enum(kplus.RestartPolicy, 'kplus.RestartPolicy'),
    backoffLimit: t.number({ example: 6 }),
    activeDeadline: t.duration('Duration.minutes(10)'),
    ttlAfterFinished: t.duration('Duration.hours(1)'),
    buildContext: t.string('./src/Catalog.Migrations'),
    dockerfile: t.string('Dockerfile'),
  },
  required: true,
  example: '{ image: "eshop/catalog-migrations:1.0.0" }',
};

export const EXTERNAL_OPTIONS: PropsSpec<ExternalOptions> = { types: { port: t.number({ example: 5432 }) }, required: false, example: '{ port: 5432 }' };

export const MICROSERVICE_STACK: PropsSpec<MicroserviceStackProps> = {
  types: {
    namespace: t.string('shop'),
    labels: t.stringMap('{ team: "shop" }'),
    disableResourceNameHashes: t.boolean(),
    appName: t.string('shop'),
    createNamespace: t.boolean(),
    requireRestricted: t.boolean(),
    platform: t.instance(Platform, 'Platform', 'pass Platform.LOCAL, Platform.AKS, Platform.GKE or a Platform.custom(...)'),
    gateway: t.object<StackGatewayOptions>({
      kind: GATEWAY_KIND,
      hostnames: HOSTNAMES,
      tlsSecretName: t.string('shop-tls'),
      name: t.string('gateway'),
    }, '{ hostnames: ["shop.example.com"] }'),
    imageRegistry: t.string('myregistry.azurecr.io'),
    defaultImageTag: t.string('1.0.0'),
    imagePolicy: t.enum(ImagePolicy, 'ImagePolicy'),
    networkPolicy: t.enum(NetworkPolicyMode, 'NetworkPolicyMode'),
    networkPolicies: t.boolean(),
    aspNetCoreEnvironment: t.string('Development'),
    validation: t.props(MANIFEST_VALIDATOR_OPTIONS),
    internalNetworks: t.strings('["backend"]'),
    serviceUrls: t.boolean(),
    defaultResources: RESOURCES,
  },
  required: false,
  example: '{ namespace: "shop", platform: Platform.LOCAL }',
};

/**
 * Checks the name and options of an add method of the stack (`addService("web")`), reported on
 * the stack as its other checks are: `addService.name`, `addService("web").image`.
 */
export function checkAddArguments<T>(stack: IConstruct, method: string, name: unknown, options: unknown, spec: PropsSpec<T>, param = 'options'): void {
  const fail = (problem: PropProblem) => propError(stack, TYPE, problem);
  checkArguments(fail, { [`${method}.name`]: [name, required(t.string('catalog'))] });
  checkProps(options, spec, fail, `${method}.${param}`, `${method}("${name}")`);
}

/** The same for a member constructed directly (`new Microservice(stack, name, options)`): scope, name and options. */
export function checkMemberArguments<T>(scope: unknown, name: unknown, method: string, options: unknown, spec: PropsSpec<T>): void {
  checkScopeAndId(scope, name, TYPE, 'name');
  const fail = (problem: PropProblem) => propError(childPath(scope as IConstruct, name as string), TYPE, problem);
  checkProps(options, spec, fail, `${method}.options`, `${method}("${name}")`);
}

export const FILE_MOUNT_OPTIONS: PropsSpec<FileMountOptions> = {
  types: { secret: t.boolean(), key: t.string('appsettings.json') }, required: false, example: '{ secret: true }',
};

export const OBJECT_MOUNT_OPTIONS: PropsSpec<ObjectMountOptions> = {
  types: { key: t.string('settings.json'), existing: t.boolean() },
  required: false,
  example: '{ key: "settings.json" }',
};

export const DIRECTORY_MOUNT_OPTIONS: PropsSpec<DirectoryMountOptions> = { types: { secret: t.boolean() }, required: false, example: '{ secret: true }' };

export const CLAIM_MOUNT_OPTIONS: PropsSpec<ClaimMountOptions> = {
  types: {
    existing: t.boolean(),
    storage: t.size('Size.gibibytes(1)'),
    storageClassName: t.string('managed-csi'),
    accessModes: ACCESS_MODES,
    readOnly: t.boolean(),
    subPath: t.string('data'),
  },
  required: false,
  example: '{ storage: Size.gibibytes(1) }',
};

export const EMPTY_DIR_MOUNT_OPTIONS: PropsSpec<EmptyDirMountOptions> = {
  types: { memory: t.boolean(), sizeLimit: t.size('Size.mebibytes(256)') }, required: false, example: '{ sizeLimit: Size.mebibytes(256) }',
};
