import { ApiObject, Duration, Lazy, Names } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ReleaseWorkloadOptions } from './canary-release';
import { propError, PropProblem } from '../core/errors';
import {
  checkAutoscale, createRollout, createTrack, detachDeployment, foreignKeys, internalExposure, RELEASE_LABEL, rolloutAutoscaler, SLOT_LABEL,
  suffixedName,
} from './private/release';
import { ProbedDeployment } from '../workload/probed-deployment';
import { ServiceExposure } from '../workload/service-exposure';
import { createService } from '../workload/service-factory';

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
 * How a blue-green release switches traffic.
 */
export enum BlueGreenTrafficMode {
  /** Plain Kubernetes: the Service's selector moves to the active slot's pods. */
  SERVICES = 'SERVICES',
  /** An Argo Rollouts `Rollout` with a blueGreen strategy. */
  ARGO_ROLLOUTS = 'ARGO_ROLLOUTS',
}

/**
 * Options of {@link BlueGreenTraffic.argoRollouts}.
 */
export interface ArgoBlueGreenOptions {
  /**
   * Switch the active Service to the new version as soon as its pods are ready. When false, the
   * new version waits behind the preview Service until `kubectl argo rollouts promote <name>`.
   *
   * @default false (test the preview, then promote; Argo's own default is true)
   */
  readonly autoPromotionEnabled?: boolean;

  /**
   * How long the old version keeps running after the switch, for a quick rollback and for
   * clients that still resolve the old endpoints.
   *
   * @default Duration.seconds(30)
   */
  readonly scaleDownDelay?: Duration;

  /**
   * Pods of the new version while it is only previewed (before promotion).
   *
   * @default - all replicas
   */
  readonly previewReplicas?: number;
}

const OWN_KEYS: { [mode in BlueGreenTrafficMode]: string[] } = {
  [BlueGreenTrafficMode.SERVICES]: [],
  [BlueGreenTrafficMode.ARGO_ROLLOUTS]: ['autoPromotionEnabled', 'scaleDownDelay', 'previewReplicas'],
};

const FACTORY: { [mode in BlueGreenTrafficMode]: string } = {
  [BlueGreenTrafficMode.SERVICES]: 'BlueGreenTraffic.services()',
  [BlueGreenTrafficMode.ARGO_ROLLOUTS]: 'BlueGreenTraffic.argoRollouts()',
};

const OWNERS: { [key: string]: string } = {
  autoPromotionEnabled: FACTORY[BlueGreenTrafficMode.ARGO_ROLLOUTS],
  scaleDownDelay: FACTORY[BlueGreenTrafficMode.ARGO_ROLLOUTS],
  previewReplicas: FACTORY[BlueGreenTrafficMode.ARGO_ROLLOUTS],
  activeSlot: 'BlueGreenReleaseProps',
  idleReplicas: 'BlueGreenReleaseProps',
  replicas: 'BlueGreenReleaseProps',
  pause: 'CanaryTraffic.argoRollouts()',
  steps: 'CanaryReleaseProps',
};

/**
 * How a {@link BlueGreenRelease} switches traffic from one slot to the other.
 */
export class BlueGreenTraffic {
  /**
   * Plain Kubernetes: the Service that clients use selects the active slot's pods and the preview
   * Service the other slot's; changing `activeSlot` and applying moves the selector at once.
   *
   * @example
   * BlueGreenTraffic.services()
   */
  public static services(): BlueGreenTraffic {
    return new BlueGreenTraffic(BlueGreenTrafficMode.SERVICES, {});
  }

  /**
   * An Argo Rollouts `Rollout` with a blueGreen strategy (activeService and previewService): the
   * controller brings the new version up behind the preview Service, and switches when promoted.
   * Needs the Argo Rollouts controller in the cluster.
   *
   * @example
   * BlueGreenTraffic.argoRollouts({ autoPromotionEnabled: false })
   * @see https://argo-rollouts.readthedocs.io/en/stable/features/bluegreen/
   */
  public static argoRollouts(options: ArgoBlueGreenOptions = {}): BlueGreenTraffic {
    return new BlueGreenTraffic(BlueGreenTrafficMode.ARGO_ROLLOUTS, options);
  }

  /** The traffic mode. */
  public readonly mode: BlueGreenTrafficMode;

  /** @internal */
  public readonly _options: any;

  private constructor(mode: BlueGreenTrafficMode, options: object) {
    this.mode = mode;
    this._options = { ...options };
  }
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

  public constructor(scope: Construct, id: string, props: BlueGreenReleaseProps) {
    super(scope, id);
    const fail = (problem: PropProblem) => propError(this, TYPE, problem);
    const traffic = props.traffic ?? BlueGreenTraffic.services();
    this.traffic = traffic;
    const argo = traffic.mode === BlueGreenTrafficMode.ARGO_ROLLOUTS;
    this.activeSlot = props.activeSlot ?? BlueGreenSlot.BLUE;

    for (const [key, owner] of foreignKeys(traffic._options, OWN_KEYS[traffic.mode], OWNERS)) {
      const known = owner !== 'no traffic mode';
      throw fail({
        prop: `traffic.${key}`,
        rule: known ? `is an option of ${owner}, not of ${FACTORY[traffic.mode]}` : `is not an option of ${FACTORY[traffic.mode]}`,
        value: traffic._options[key],
        fix: known ? `use ${owner} to set ${key}, or drop it` : 'drop it',
      });
    }
    if (!props.blueImage && !props.greenImage) {
      throw fail({
        prop: 'blueImage',
        rule: 'or greenImage is required: a release needs a version to run',
        value: props.blueImage,
        fix: 'pass blueImage (and greenImage for the next version), such as "eshop/basket-api:2.0.0"',
      });
    }
    if (!Object.values(BlueGreenSlot).includes(this.activeSlot)) {
      throw fail({ prop: 'activeSlot', rule: 'must be BlueGreenSlot.BLUE or BlueGreenSlot.GREEN', value: this.activeSlot, fix: 'pass BlueGreenSlot.BLUE or BlueGreenSlot.GREEN' });
    }
    for (const key of ['replicas', 'idleReplicas'] as const) {
      const value = props[key];
      if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
        throw fail({ prop: key, rule: 'must be an integer of 0 or more', value, fix: key === 'replicas' ? 'use 2 or more for availability' : 'use 0 to stop the idle slot, or replicas to keep it warm' });
      }
    }
    if (props.autoscale) {
      if (props.replicas !== undefined) {
        throw fail({ prop: 'replicas', rule: 'must not be set with autoscale (the autoscaler owns the replica count)', value: props.replicas, fix: 'drop replicas and set autoscale.minReplicas instead' });
      }
      if (props.idleReplicas !== undefined) {
        throw fail({
          prop: 'idleReplicas',
          rule: 'must not be set with autoscale (each slot has an autoscaler; the idle one stays at minReplicas)',
          value: props.idleReplicas,
          fix: 'drop idleReplicas, or autoscale',
        });
      }
      checkAutoscale(this, TYPE, props.autoscale);
    }
    if (argo && props.idleReplicas !== undefined) {
      throw fail({
        prop: 'idleReplicas',
        rule: 'is not used in Argo Rollouts mode, where the controller scales the old version down after scaleDownDelay',
        value: props.idleReplicas,
        fix: 'drop idleReplicas; set BlueGreenTraffic.argoRollouts({ scaleDownDelay, previewReplicas }) instead',
      });
    }

    const blueImage = props.blueImage || props.greenImage!;
    const greenImage = props.greenImage || props.blueImage!;
    const replicas = props.replicas ?? 2;
    const idleReplicas = props.idleReplicas ?? replicas;
    const releaseLabel = { [RELEASE_LABEL]: Names.toLabelValue(this) };
    const exposure = props.exposure ?? ServiceExposure.clusterIp();
    const blueActive = this.activeSlot === BlueGreenSlot.BLUE;

    // In Argo Rollouts mode the Rollout's own PodDisruptionBudget covers the pods of both templates.
    const shared = argo ? { ...props, podDisruptionBudget: false } : props;
    const slot = (slotId: string, image: string, active: boolean) => createTrack(this, slotId, shared, {
      image,
      // In Argo Rollouts mode both templates are sized for the Rollout (topology spread).
      replicas: props.autoscale ? (argo ? props.autoscale.minReplicas ?? 2 : undefined) : (active || argo ? replicas : idleReplicas),
      autoscale: argo ? undefined : props.autoscale,
      name: suffixedName(this, TYPE, props.serviceName, slotId.toLowerCase(), 'Deployment'),
      labels: { ...releaseLabel, [SLOT_LABEL]: slotId.toLowerCase() },
    });
    this.blue = slot('Blue', blueImage, blueActive);
    this.green = slot('Green', greenImage, !blueActive);
    const active = blueActive ? this.blue : this.green;
    const idle = blueActive ? this.green : this.blue;
    const previewName = suffixedName(this, TYPE, props.serviceName, 'preview', 'Service');
    const previewExposure = internalExposure(exposure);

    if (!argo) {
      this.service = createService(this, 'Service', active, exposure, active.port, props.serviceName, TYPE);
      this.previewService = createService(this, 'PreviewService', idle, previewExposure, idle.port, previewName, TYPE);
      return;
    }

    // Argo Rollouts: one Rollout runs the active slot's pod template; its selector is the release
    // label, which both templates carry, so switching slots never changes it.
    detachDeployment(this.blue);
    detachDeployment(this.green);
    this.service = createService(this, 'Service', undefined, exposure, active.port, props.serviceName, TYPE);
    this.previewService = createService(this, 'PreviewService', undefined, previewExposure, active.port, previewName, TYPE);
    for (const [key, value] of Object.entries(releaseLabel)) {
      this.service.selectLabel(key, value);
      this.previewService.selectLabel(key, value);
    }
    const o = traffic._options as ArgoBlueGreenOptions;
    if (o.previewReplicas !== undefined && (!Number.isInteger(o.previewReplicas) || o.previewReplicas < 1)) {
      throw fail({ prop: 'traffic.previewReplicas', rule: 'must be an integer of at least 1', value: o.previewReplicas, fix: 'use 1 to preview on one pod, or drop it for all replicas' });
    }
    const scaleDownDelay = o.scaleDownDelay ?? Duration.seconds(30);
    const service = this.service;
    const previewService = this.previewService;
    this.rollout = createRollout(this, 'Rollout', props.serviceName, {
      template: active,
      selector: releaseLabel,
      replicas: props.autoscale ? undefined : replicas,
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
    if (props.autoscale) this.rolloutAutoscaler = rolloutAutoscaler(this, 'Autoscaler', this.rollout, active, props.autoscale);
    const minimum = props.autoscale ? props.autoscale.minReplicas ?? 2 : replicas;
    if ((props.podDisruptionBudget ?? true) && minimum >= 2) {
      this.rolloutDisruptionBudget = new ApiObject(this, 'DisruptionBudget', {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: {},
        spec: Lazy.any({ produce: () => ({ maxUnavailable: 1, selector: { matchLabels: { ...releaseLabel } } }) }),
      });
    }
  }

  /** The slot the Service selects. */
  public get active(): ProbedDeployment {
    return this.activeSlot === BlueGreenSlot.BLUE ? this.blue : this.green;
  }

  /** The slot the preview Service selects. */
  public get idle(): ProbedDeployment {
    return this.activeSlot === BlueGreenSlot.BLUE ? this.green : this.blue;
  }
}
