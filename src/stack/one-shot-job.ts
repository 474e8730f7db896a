import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { StackWorkloadOptions } from './container-options';
import { buildContainer, checkContainerOptions, StackContainer } from './private/containers';
import { addAliasServices, addPodExtras, checkPodOptions, podSelectorOf } from './private/pod-extras';
import { podSecurityContextOf } from './private/pod-security';
import { StackJob } from './private/pod-workloads';
import { StackContext, stackContextOf } from './private/stack-context';
import { addContainers, buildSidecars, checkSidecars, podPorts, servicePorts } from './private/workload-parts';
import { checkMemberArguments, JOB_OPTIONS } from './prop-types';
import { propError } from '../core/errors';
import { imageVersion } from '../core/image-ref';
import { labelObjectsUnder, recommendedLabels } from '../core/metadata';
import { DOTNET_APP_UID, PodSecurityLevel } from '../core/pod-security';
import { mainPortOf, ResolvedPort, resolvePorts } from '../workload/port-list';
import { ServicePort } from '../workload/service-port';

const TYPE = 'MicroserviceStack';

/**
 * Options of {@link MicroserviceStack.addJob}.
 */
export interface JobOptions extends StackWorkloadOptions {
  /**
   * What the kubelet does when the container fails: `NEVER` starts a new pod (up to
   * `backoffLimit`) and keeps the failed one for its logs; `ON_FAILURE` restarts the container in
   * the same pod. `ALWAYS` is not allowed for a Job.
   *
   * @default kplus.RestartPolicy.NEVER
   */
  readonly restartPolicy?: kplus.RestartPolicy;

  /**
   * Retries before the Job is marked failed (0: run once, as compose's `restart: "no"` does).
   *
   * @default 6 (Kubernetes' default)
   */
  readonly backoffLimit?: number;

  /**
   * The longest the Job may run before it is stopped and marked failed.
   *
   * @default - no deadline
   */
  readonly activeDeadline?: Duration;

  /**
   * Delete the Job this long after it finishes. A Job's pod template cannot change, so without it
   * a changed Job must be deleted before it is applied again (`kubectl delete job <name>`); with
   * it, every apply after the deletion runs it again.
   *
   * @default - kept until deleted
   */
  readonly ttlAfterFinished?: Duration;
}

/**
 * A task of the stack that runs to completion (a database migration, a seed, compose's one-shot
 * services): a batch/v1 Job whose pods carry the stack's labels, security and NetworkPolicies.
 * Its ports, if any, get a Service as a microservice's do.
 */
export class OneShotJob extends Construct {
  /** The name: the Job's name. */
  public readonly name: string;
  /** The Job. */
  public readonly job: kplus.Job;
  /** The Service, if its pods listen on a port. */
  public readonly service?: kplus.Service;
  /** The image. */
  public readonly image: string;
  /** Every port of its pod. */
  public readonly ports: ServicePort[];
  /** The parts of the stack it calls. */
  public readonly talksTo: string[];
  /** The networks it is a member of. */
  public readonly networks: string[];
  /** The Docker build context, if the image is built from source. */
  public readonly buildContext?: string;
  /** The Dockerfile, relative to the build context. */
  public readonly dockerfile?: string;
  /** The stage of the Dockerfile built, if not the last. */
  public readonly buildTarget?: string;
  /** The build arguments. */
  public readonly buildArgs?: { [name: string]: string };
  /** The parts of the stack its pods wait for. */
  public readonly waitFor: string[];
  /** The other Service names of its pods. */
  public readonly aliasServices: kplus.Service[];

  /** @internal */
  constructor(scope: Construct, name: string, options: JobOptions) {
    checkMemberArguments(scope, name, 'addJob', options, JOB_OPTIONS);
    super(scope, name);
    const context = stackContextOf(scope, TYPE);
    const prop = `addJob("${name}")`;
    checkJobOptions(this, options, prop);
    this.name = name;
    this.image = context.resolveImage(options.image, this);
    this.talksTo = [...options.talksTo ?? []];
    this.networks = [...options.networks ?? ['default']];
    this.buildContext = options.buildContext;
    this.dockerfile = options.buildContext !== undefined ? options.dockerfile ?? 'Dockerfile' : undefined;
    this.buildTarget = options.buildTarget;
    this.buildArgs = options.buildArgs ? { ...options.buildArgs } : undefined;
    this.waitFor = [...options.waitFor ?? []];
    const main = resolvePorts(options.ports ?? []);
    const ports = podPorts(main, options);
    this.ports = ports.map(p => ({ ...p }));
    const containers = [this.mainContainer(options, main, context), ...buildSidecars(this, name, name, prop, options, context)];
    this.job = new StackJob(this, 'Job', {
      metadata: { name, labels: recommendedLabels({ name, instance: name, version: imageVersion(this.image), partOf: context.appName }) },
      podMetadata: { labels: recommendedLabels({ name, instance: name, version: imageVersion(this.image), partOf: context.appName }) },
      restartPolicy: options.restartPolicy ?? kplus.RestartPolicy.NEVER,
      backoffLimit: options.backoffLimit,
      activeDeadline: options.activeDeadline,
      ttlAfterFinished: options.ttlAfterFinished,
      automountServiceAccountToken: false,
      securityContext: podSecurityContextOf(options, DOTNET_APP_UID, containers.some(c => c.mounts.some(m => m.claim))),
      hostAliases: options.hostAliases,
      terminationGracePeriod: options.terminationGracePeriod,
    });
    addContainers(this.job as StackJob, containers);
    if (ports.length > 0) {
      this.service = new kplus.Service(this, 'Service', {
        metadata: { name },
        selector: this.job,
        ports: servicePorts(ports),
      });
    }
    addPodExtras(this.job, options, context);
    this.aliasServices = addAliasServices(this, options.aliases ?? [], this.service, podSelectorOf(name, context.appName));
    context.addNetworkPolicy(this, name);
    labelObjectsUnder(this, recommendedLabels({ name, instance: name, partOf: context.appName }));
  }

  private mainContainer(options: JobOptions, ports: ResolvedPort[], context: StackContext): StackContainer {
    return buildContainer({
      scope: this,
      name: 'main',
      objectName: this.name,
      part: this.name,
      prop: `addJob("${this.name}")`,
      prefix: '',
      options,
      image: this.image,
      ports,
      talksTo: this.talksTo,
      defaultUser: DOTNET_APP_UID,
      defaultResources: {
        cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
        memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
      },
    }, context);
  }

  /** The main port, if its pods listen on one. */
  public get port(): number | undefined {
    return mainPortOf(this.ports.map(p => ({ port: p.port, protocol: p.protocol ?? kplus.Protocol.TCP, name: p.name ?? '' })));
  }

  /** The pods' Pod Security level: the weakest level of their containers. */
  public get podSecurity(): PodSecurityLevel {
    return (this.job as StackJob).podSecurity;
  }
}

function checkJobOptions(scope: Construct, options: JobOptions, prop: string): void {
  if (options.restartPolicy === kplus.RestartPolicy.ALWAYS) {
    throw propError(scope, TYPE, {
      prop: `${prop}.restartPolicy`,
      rule: 'must be NEVER or ON_FAILURE: a Job\'s pods run to completion',
      value: options.restartPolicy,
      fix: 'use kplus.RestartPolicy.NEVER or ON_FAILURE, or addService for a workload that keeps running',
    });
  }
  if (options.backoffLimit !== undefined && (!Number.isInteger(options.backoffLimit) || options.backoffLimit < 0)) {
    throw propError(scope, TYPE, { prop: `${prop}.backoffLimit`, rule: 'must be an integer of 0 or more', value: options.backoffLimit, fix: 'use 0 to run once' });
  }
  checkContainerOptions(scope, options, prop);
  checkPodOptions(scope, options, prop);
  checkSidecars(scope, options, prop, 'main');
}
