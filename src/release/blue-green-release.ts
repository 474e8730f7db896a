import { ApiObject, Duration, Names } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { BlueGreenTraffic } from './blue-green-traffic';
import { BLUE_GREEN_RELEASE } from './prop-types';
import { BlueGreenTrafficMode, ReleaseWorkloadOptions } from './release-options';
import { Fail, propError, PropProblem } from '../core/errors';
import { imagePropProblem } from '../core/image-ref';
import { checkConstruct } from '../core/prop-types';
import { autoscaleMinReplicas, checkAutoscaleOptions, checkNotAutoscaled, createAutoscaler, minimumReplicas } from '../workload/autoscaling';
import { createDisruptionBudget, wantsDisruptionBudget } from '../workload/disruption-budget';
import { ProbedDeployment } from '../workload/probed-deployment';
import { ServiceExposure } from '../workload/service-exposure';
import { createService } from '../workload/service-factory';
import { createRollout, detachDeployment, rolloutScaleTarget } from './private/rollout';
import {
  AVAILABILITY_FIX, checkReplicaCount, createTrack, internalExposure, labelRelease, RELEASE_LABEL, servicePortDefaults, SLOT_LABEL,
  suffixedName, withServiceName,
} from './private/tracks';
import { checkBlueGreenTrafficKeys, checkPodCount } from './private/traffic-options';

const TYPE = 'BlueGreenRelease';

/**
 * A slot of a blue-green release.
 */
export enum BlueGreenSlot {
  /** The blue slot. */
  BLUE = 'BLUE',
  /** The green slot. */
  GREEN = 'GREEN',
}

/**
 * Props of {@link BlueGreenRelease}.
 */
export interface BlueGreenReleaseProps extends ReleaseWorkloadOptions {
  /**
   * The blue slot's image.
   *
   * @default - the green slot's image (a warm copy of it)
   */
  readonly blueImage?: string;

  /**
   * The green slot's image.
   *
   * @default - the blue slot's image (a warm copy of it)
   */
  readonly greenImage?: string;

  /**
   * The slot that the Service clients use selects. Switching it is the release; switching it back
   * is the rollback.
   *
   * @default BlueGreenSlot.BLUE
   */
  readonly activeSlot?: BlueGreenSlot;

  /**
   * Pods of the active slot.
   *
   * @default 2
   */
  readonly replicas?: number;

  /**
   * Pods of the idle slot. Scale it up to `replicas` before making it active: the switch moves
   * traffic at once, and pods that are still starting are not ready to take it.
   *
   * @default - the same as `replicas`: the idle slot is kept warm for the preview and a rollback
   */
  readonly idleReplicas?: number;

  /**
   * How traffic is switched.
   *
   * @default BlueGreenTraffic.services()
   */
  readonly traffic?: BlueGreenTraffic;
}

/**
 * One microservice in two slots, blue and green, each a {@link ProbedDeployment} with its own
 * image. The Service clients use selects the active slot; a preview Service always selects the
 * other one, so a new version can be tested before the switch.
 *
 * A release is: put the new image in the idle slot, test it through the preview Service, switch
 * `activeSlot`, apply. Switching back is the rollback. No switch renames an object or changes a
 * Deployment's selector; only the Services' selectors move.
 *
 * @example
 * new BlueGreenRelease(chart, 'basket', {
 *   serviceName: 'basket',
 *   blueImage: 'eshop/basket-api:2.0.0',
 *   greenImage: 'eshop/basket-api:2.1.0',
 *   activeSlot: BlueGreenSlot.BLUE,
 *   healthChecks: HealthChecks.aspNetCore(),
 * });
 */
export class BlueGreenRelease extends Construct {
  /** How traffic is switched. */
  public readonly traffic: BlueGreenTraffic;
  /** The slot that the Service selects. */
  public readonly activeSlot: BlueGreenSlot;
  /**
   * The blue slot. In Argo Rollouts mode it is not written as a Deployment: the Rollout runs its
   * pod template while blue is active.
   */
  public readonly blue: ProbedDeployment;
  /** The green slot (same note as `blue`). */
  public readonly green: ProbedDeployment;
  /** The Service that clients use: it selects the active slot. */
  public readonly service: kplus.Service;
  /** The preview Service: it selects the idle slot (in Argo Rollouts mode, the new version). */
  public readonly previewService: kplus.Service;
  /** The Argo Rollouts `Rollout` (Argo Rollouts mode). */
  public readonly rollout?: ApiObject;
  /** The Rollout's HorizontalPodAutoscaler (Argo Rollouts mode with `autoscale`). */
  public readonly rolloutAutoscaler?: kplus.HorizontalPodAutoscaler;
  /** The Rollout's PodDisruptionBudget (Argo Rollouts mode, 2 or more replicas). */
  public readonly rolloutDisruptionBudget?: ApiObject;

  public constructor(scope: Construct, id: string, given: BlueGreenReleaseProps) {
    checkConstruct(scope, id, TYPE, given, BLUE_GREEN_RELEASE);
    super(scope, id);
    const props = withServiceName(given, id);
    const fail = (problem: PropProblem) => propError(this, TYPE, problem);
    this.traffic = props.traffic ?? BlueGreenTraffic.services();
    const argo = this.traffic.mode === BlueGreenTrafficMode.ARGO_ROLLOUTS;
    this.activeSlot = props.activeSlot ?? BlueGreenSlot.BLUE;
    checkBlueGreenTrafficKeys(this.traffic.mode, this.traffic._options, fail);
    checkSlots(props, this.activeSlot, fail);
    checkSlotReplicas(props, fail);
    if (props.autoscale) checkAutoscaleOptions(this, TYPE, props.autoscale, AVAILABILITY_FIX);
    if (argo && props.idleReplicas !== undefined) {
      throw fail({
        prop: 'idleReplicas',
        rule: 'is not used in Argo Rollouts mode, where the controller scales the old version down after scaleDownDelay',
        value: props.idleReplicas,
        fix: 'drop idleReplicas; set BlueGreenTraffic.argoRollouts({ scaleDownDelay, previewReplicas }) instead',
      });
    }

    const release: Release = {
      props,
      fail,
      argo,
      replicas: props.replicas ?? 2,
      releaseLabel: { [RELEASE_LABEL]: Names.toLabelValue(this) },
      exposure: props.exposure ?? ServiceExposure.clusterIp(),
    };
    const blueActive = this.activeSlot === BlueGreenSlot.BLUE;
    this.blue = this.slot('Blue', props.blueImage || props.greenImage!, blueActive, release);
    this.green = this.slot('Green', props.greenImage || props.blueImage!, !blueActive, release);
    const previewName = suffixedName(this, TYPE, props.serviceName, 'preview', 'Service');
    if (!argo) {
      const ports = servicePortDefaults(props, this.active, fail);
      this.service = createService(this, 'Service', this.active, release.exposure, ports, props.serviceName, TYPE);
      this.previewService = createService(this, 'PreviewService', this.idle, internalExposure(release.exposure), ports, previewName, TYPE);
    } else {
      const parts = this.switchByRollout(release, previewName);
      this.service = parts.service;
      this.previewService = parts.previewService;
      this.rollout = parts.rollout;
      this.rolloutAutoscaler = parts.rolloutAutoscaler;
      this.rolloutDisruptionBudget = parts.rolloutDisruptionBudget;
    }
    labelRelease(this, props);
  }

  /** The slot the Service selects. */
  public get active(): ProbedDeployment {
    return this.activeSlot === BlueGreenSlot.BLUE ? this.blue : this.green;
  }

  /** The slot the preview Service selects. */
  public get idle(): ProbedDeployment {
    return this.activeSlot === BlueGreenSlot.BLUE ? this.green : this.blue;
  }

  /** One slot: a ProbedDeployment of the image, with the active or the idle replica count. */
  private slot(id: string, image: string, active: boolean, release: Release): ProbedDeployment {
    const { props, argo } = release;
    const fixed = active || argo ? release.replicas : props.idleReplicas ?? release.replicas;
    // In Argo Rollouts mode the Rollout's own PodDisruptionBudget covers the pods of both templates.
    return createTrack(this, id, argo ? { ...props, podDisruptionBudget: false } : props, {
      image,
      // In Argo Rollouts mode both templates are sized for the Rollout (topology spread).
      replicas: props.autoscale ? (argo ? autoscaleMinReplicas(props.autoscale) : undefined) : fixed,
      autoscale: argo ? undefined : props.autoscale,
      name: suffixedName(this, TYPE, props.serviceName, id.toLowerCase(), 'Deployment'),
      labels: { ...release.releaseLabel, [SLOT_LABEL]: id.toLowerCase() },
    });
  }

  /**
   * Argo Rollouts: one Rollout runs the active slot's pod template; its selector is the release
   * label, which both templates carry, so switching slots never changes it.
   */
  private switchByRollout(release: Release, previewName: string | undefined): RolloutParts {
    const { props, fail, releaseLabel } = release;
    const templates = { blue: detachDeployment(this.blue), green: detachDeployment(this.green) };
    const active = this.active;
    const ports = servicePortDefaults(props, active, fail);
    const service = createService(this, 'Service', undefined, release.exposure, ports, props.serviceName, TYPE);
    const previewService = createService(this, 'PreviewService', undefined, internalExposure(release.exposure), ports, previewName, TYPE);
    for (const [key, value] of Object.entries(releaseLabel)) {
      service.selectLabel(key, value);
      previewService.selectLabel(key, value);
    }
    const o = this.traffic._options;
    if (o.previewReplicas !== undefined) checkPodCount('traffic.previewReplicas', o.previewReplicas, 'use 1 to preview on one pod, or drop it for all replicas', fail);
    const scaleDownDelay = o.scaleDownDelay ?? Duration.seconds(30);
    const rollout = createRollout(this, 'Rollout', props.serviceName, {
      deployment: this.activeSlot === BlueGreenSlot.BLUE ? templates.blue : templates.green,
      selector: releaseLabel,
      replicas: props.autoscale ? undefined : release.replicas,
      strategy: () => ({
        blueGreen: {
          activeService: service.name,
          previewService: previewService.name,
          autoPromotionEnabled: o.autoPromotionEnabled ?? false,
          scaleDownDelaySeconds: scaleDownDelay.toSeconds(),
          previewReplicaCount: o.previewReplicas,
        },
      }),
    });
    const autoscaler = props.autoscale ? createAutoscaler(this, 'Autoscaler', rolloutScaleTarget(rollout, active), props.autoscale) : undefined;
    const wanted = wantsDisruptionBudget(props.podDisruptionBudget, minimumReplicas(props.replicas, props.autoscale));
    const budget = wanted ? createDisruptionBudget(this, undefined, () => releaseLabel) : undefined;
    return { service, previewService, rollout, rolloutAutoscaler: autoscaler, rolloutDisruptionBudget: budget };
  }
}

/** What both slots and the Rollout build from. */
interface Release {
  readonly props: BlueGreenReleaseProps;
  readonly fail: Fail;
  readonly argo: boolean;
  /** Pods of the active slot. */
  readonly replicas: number;
  readonly releaseLabel: { [key: string]: string };
  readonly exposure: ServiceExposure;
}

/** The objects of Argo Rollouts mode. */
interface RolloutParts {
  readonly service: kplus.Service;
  readonly previewService: kplus.Service;
  readonly rollout: ApiObject;
  readonly rolloutAutoscaler?: kplus.HorizontalPodAutoscaler;
  readonly rolloutDisruptionBudget?: ApiObject;
}

/** A version to run, and a slot that exists. */
function checkSlots(props: BlueGreenReleaseProps, activeSlot: BlueGreenSlot, fail: Fail): void {
  if (!props.blueImage && !props.greenImage) {
    throw fail({
      prop: 'blueImage',
      rule: 'or greenImage is required: a release needs a version to run',
      value: props.blueImage,
      fix: 'pass blueImage (and greenImage for the next version), such as "eshop/basket-api:2.0.0"',
    });
  }
  for (const prop of ['blueImage', 'greenImage'] as const) {
    const problem = props[prop] === undefined ? undefined : imagePropProblem(prop, props[prop], props.imagePolicy);
    if (problem) throw fail(problem);
  }
  if (!Object.values(BlueGreenSlot).includes(activeSlot)) {
    throw fail({ prop: 'activeSlot', rule: 'must be BlueGreenSlot.BLUE or BlueGreenSlot.GREEN', value: activeSlot, fix: 'pass BlueGreenSlot.BLUE or BlueGreenSlot.GREEN' });
  }
}

/** Whole pod counts for both slots, and none beside an autoscaler (each slot has one). */
function checkSlotReplicas(props: BlueGreenReleaseProps, fail: Fail): void {
  checkReplicaCount('replicas', props.replicas, AVAILABILITY_FIX, fail);
  checkReplicaCount('idleReplicas', props.idleReplicas, 'use 0 to stop the idle slot, or replicas to keep it warm', fail);
  if (!props.autoscale) return;
  checkNotAutoscaled(props.replicas, fail, 'with autoscale');
  if (props.idleReplicas !== undefined) {
    throw fail({
      prop: 'idleReplicas',
      rule: 'must not be set with autoscale (each slot has an autoscaler; the idle one stays at minReplicas)',
      value: props.idleReplicas,
      fix: 'drop idleReplicas, or autoscale',
    });
  }
}
