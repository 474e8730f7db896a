/**
 * One container of a stack workload, from its ContainerOptions: the checks, the cdk8s-plus props,
 * its extras (level, probes) and its mounts. Microservices (through ProbedDeployment), backing
 * services, jobs and sidecars are all built from here.
 */
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { mountInto, prepareMounts, PreparedMount } from './mounts';
import { ContainerEnvironment, containerEnvironment } from './service-environment';
import { StackContext } from './stack-context';
import { propError, PropProblem } from '../../core/errors';
import { defaultPullPolicy } from '../../core/image-ref';
import { envVarNameFix, envVarNameProblem } from '../../core/names';
import { containerSecurityContext, containerSecurityProblems, PodSecurityLevel } from '../../core/pod-security';
import { HealthChecks } from '../../workload';
import { ContainerExtras } from '../../workload/container-rendering';
import { mainPortOf, portListProblems, ResolvedPort, resolvePorts } from '../../workload/port-list';
import { mergeResources, resourcesProblems } from '../../workload/resource-merge';
import { ContainerOptions, SidecarOptions } from '../container-options';

const TYPE = 'MicroserviceStack';

/** Everything made for one container, ready to be added to a pod. */
export interface StackContainer {
  /** The container's props for cdk8s-plus (mounts excluded: they go in with `mount`). */
  readonly props: kplus.ContainerProps;
  readonly extras: ContainerExtras;
  readonly ports: ResolvedPort[];
  readonly environment: ContainerEnvironment;
  readonly mounts: PreparedMount[];
}

/** How to build one container. */
export interface ContainerSpec {
  readonly scope: Construct;
  /** The container's name. */
  readonly name: string;
  /** The objects' names start with this: the workload's name, or `<workload>-<sidecar>`. */
  readonly objectName: string;
  /** The part of the stack, for messages. */
  readonly part: string;
  /** Where the options sit, for errors: `addService("web")`, `addService("web").sidecars[0]`. */
  readonly prop: string;
  /** "" for the main container, `<sidecar>-` for a sidecar. */
  readonly prefix: string;
  readonly options: ContainerOptions;
  /** The image, resolved by the stack. */
  readonly image: string;
  /** The ports, defaults of the kind filled in. */
  readonly ports: ResolvedPort[];
  readonly talksTo: string[];
  readonly probes?: HealthChecks;
  /** The user of a RESTRICTED container that names none. */
  readonly defaultUser: number;
  readonly defaultResources: kplus.ContainerResources;
}

/** The paths a container writes: as given, else `/tmp` when its root filesystem is read-only. */
export function writablePathsOf(options: ContainerOptions): string[] {
  if (options.writablePaths) return [...options.writablePaths];
  const level = options.podSecurity ?? PodSecurityLevel.RESTRICTED;
  const readOnly = options.readOnlyRootFilesystem ?? level === PodSecurityLevel.RESTRICTED;
  return readOnly ? ['/tmp'] : [];
}

/** Throws the first problem of a container's options: security, ports, environment names. */
export function checkContainerOptions(scope: Construct, options: ContainerOptions, prop: string): void {
  const fail = (problem: PropProblem) => propError(scope, TYPE, problem);
  const problems = [
    ...containerSecurityProblems(options, prop),
    ...options.ports ? portListProblems(options.ports, `${prop}.ports`) : [],
    ...resourcesProblems(options.resources, `${prop}.resources`),
  ];
  if (problems.length > 0) throw fail(problems[0]);
  const names: Array<[string, { [key: string]: unknown } | undefined, string]> = [
    ['env', options.env, ' (.NET reads "__" as ":")'],
    ['secrets', options.secrets, ': the keys become environment variables'],
    ['config', options.config, ': the keys become environment variables'],
  ];
  for (const [key, values, why] of names) {
    for (const name of Object.keys(values ?? {})) {
      const rule = envVarNameProblem(name);
      if (rule) throw fail({ prop: `${prop}.${key}`, rule, value: name, fix: envVarNameFix(name, why) });
    }
  }
}

/** The environment, mounts, props and extras of one container. */
export function buildContainer(spec: ContainerSpec, context: StackContext): StackContainer {
  const o = spec.options;
  const owner = { scope: spec.scope, name: spec.objectName, part: spec.part, idPrefix: spec.prefix };
  const environment = containerEnvironment(owner, o, context.serviceUrls ? spec.talksTo : [], context);
  const mounts = prepareMounts(
    { scope: spec.scope, name: spec.objectName, volumePrefix: spec.prefix, prop: `${spec.prop}.mounts` },
    o.mounts ?? [], writablePathsOf(o), context,
  );
  const props: kplus.ContainerProps = {
    name: spec.name,
    image: spec.image,
    imagePullPolicy: o.imagePullPolicy ?? defaultPullPolicy(spec.image),
    command: o.command,
    args: o.args,
    workingDir: o.workingDir,
    ports: spec.ports.map(p => ({ number: p.port, name: p.name, ...p.protocol !== kplus.Protocol.TCP ? { protocol: p.protocol } : {} })),
    envVariables: { ...plain(environment.env), ...environment.envValueFrom },
    envFrom: environment.envFrom,
    resources: mergeResources(o.resources, context.defaultResources ?? spec.defaultResources),
    securityContext: containerSecurityContext(o, spec.defaultUser),
  };
  const extras: ContainerExtras = {
    level: o.podSecurity ?? PodSecurityLevel.RESTRICTED,
    probes: spec.probes,
    port: mainPortOf(spec.ports),
  };
  return { props, extras, ports: spec.ports, environment, mounts };
}

/** The ports of a sidecar (none unless given). */
export function sidecarPorts(sidecar: SidecarOptions): ResolvedPort[] {
  return resolvePorts(sidecar.ports ?? []);
}

/** Mounts a built container's mounts into the container of a workload. */
export function mountContainer(built: StackContainer, container: kplus.Container, workload: kplus.AbstractPod): void {
  mountInto(container, workload, built.mounts);
}

function plain(env: { [name: string]: string }): { [name: string]: kplus.EnvValue } {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, kplus.EnvValue.fromValue(v)]));
}
