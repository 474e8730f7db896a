import { ARGO_BLUE_GREEN_OPTIONS } from './prop-types';
import { ArgoBlueGreenOptions, BlueGreenTrafficMode } from './release-options';
import { checkArguments, factoryFail, types as t } from '../core/prop-types';

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
    checkArguments(factoryFail('BlueGreenTraffic.argoRollouts', 'BlueGreenTraffic'), { options: [options, t.props(ARGO_BLUE_GREEN_OPTIONS)] });
    return new BlueGreenTraffic(BlueGreenTrafficMode.ARGO_ROLLOUTS, options);
  }

  /** The traffic mode. */
  public readonly mode: BlueGreenTrafficMode;

  /**
   * The options of the factory that made this value (and whatever else an untyped caller passed).
   *
   * @internal
   */
  public readonly _options: ArgoBlueGreenOptions;

  private constructor(mode: BlueGreenTrafficMode, options: ArgoBlueGreenOptions) {
    this.mode = mode;
    this._options = { ...options };
  }
}
