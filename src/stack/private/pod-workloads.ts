/**
 * The StatefulSet and Job of the stack: cdk8s-plus's, rendering each container's probes and Pod
 * Security level as a ProbedDeployment does, and saying their level in the annotation the
 * manifest checks read.
 */
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { podSecurityLabel, PodSecurityLevel } from '../../core/pod-security';
import { POD_SECURITY_ANNOTATION } from '../../validation/rules/pod-security';
import { ContainerExtras, finishPodSpec, podLevel } from '../../workload/container-rendering';

/** Adds a container and what renders into it. */
function add(pod: kplus.AbstractPod, extras: Map<string, ContainerExtras>, props: kplus.ContainerProps, x: ContainerExtras): kplus.Container {
  const container = pod.addContainer(props);
  extras.set(container.name, x);
  const level = podLevel(extras);
  if (level !== PodSecurityLevel.RESTRICTED) pod.metadata.addAnnotation(POD_SECURITY_ANNOTATION, podSecurityLabel(level));
  return container;
}

/** A StatefulSet whose containers carry extras. */
export class StackStatefulSet extends kplus.StatefulSet {
  private readonly extras = new Map<string, ContainerExtras>();

  public constructor(scope: Construct, id: string, props: kplus.StatefulSetProps) {
    super(scope, id, props);
  }

  /** Adds a container with its level and probes. */
  public addStackContainer(props: kplus.ContainerProps, extras: ContainerExtras): kplus.Container {
    return add(this, this.extras, props, extras);
  }

  /** The pods' Pod Security level. */
  public get podSecurity(): PodSecurityLevel {
    return podLevel(this.extras);
  }

  /** @internal */
  public _toKube(): any {
    const spec: any = super._toKube();
    finishPodSpec(spec.template.spec, this.extras);
    return spec;
  }
}

/** A Job whose containers carry extras. */
export class StackJob extends kplus.Job {
  private readonly extras = new Map<string, ContainerExtras>();

  public constructor(scope: Construct, id: string, props: kplus.JobProps) {
    super(scope, id, props);
  }

  /** Adds a container with its level and probes. */
  public addStackContainer(props: kplus.ContainerProps, extras: ContainerExtras): kplus.Container {
    return add(this, this.extras, props, extras);
  }

  /** The pods' Pod Security level. */
  public get podSecurity(): PodSecurityLevel {
    return podLevel(this.extras);
  }

  /** @internal */
  public _toKube(): any {
    const spec: any = super._toKube();
    finishPodSpec(spec.template.spec, this.extras);
    return spec;
  }
}
