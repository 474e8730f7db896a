/**
 * The groups NfsVolumes give the pods of a deployment, kept on the deployment itself (a child
 * construct that renders nothing), so that several volumes mounted in one deployment add up.
 */
import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';

const ID = 'NfsPodGroups';
const SECURITY_CONTEXT = '/spec/template/spec/securityContext';

/** How the pods get a group. */
export interface GroupGrant {
  readonly gid: number;
  /** The pod's `fsGroup` (true), or one of its `supplementalGroups`. */
  readonly fsGroup: boolean;
}

/** The groups given to one deployment's pods so far. */
export class PodGroups extends Construct {
  /** The groups of a deployment, created on first use. */
  public static of(deployment: kplus.Deployment): PodGroups {
    return PodGroups.find(deployment) ?? new PodGroups(deployment, ID);
  }

  /** The groups of a deployment, if a volume gave it any. */
  public static find(deployment: kplus.Deployment): PodGroups | undefined {
    const child = deployment.node.tryFindChild(ID);
    return child instanceof PodGroups ? child : undefined;
  }

  private readonly supplemental: number[] = [];
  private _fsGroup?: number;

  private constructor(private readonly deployment: kplus.Deployment, id: string) {
    super(deployment, id);
  }

  /** The pod's fsGroup: given by a volume, or set on the deployment. */
  public get fsGroup(): number | undefined {
    return this._fsGroup ?? this.deployment.securityContext.fsGroup;
  }

  /**
   * Adds the group to the pod security context. kplus has no supplementalGroups and fixes
   * fsGroup at construction, so this patches the rendered Deployment; kplus always renders a
   * pod securityContext (runAsNonRoot), so the parent path exists.
   */
  public grant(grant: GroupGrant): void {
    const api = ApiObject.of(this.deployment);
    if (grant.fsGroup) {
      if (this.fsGroup !== undefined) return;
      this._fsGroup = grant.gid;
      api.addJsonPatch(
        JsonPatch.add(`${SECURITY_CONTEXT}/fsGroup`, grant.gid),
        // Skips the recursive chown on every start when the volume's root already has the group.
        JsonPatch.add(`${SECURITY_CONTEXT}/fsGroupChangePolicy`, 'OnRootMismatch'),
      );
      return;
    }
    if (this.supplemental.includes(grant.gid)) return;
    api.addJsonPatch(this.supplemental.length === 0
      ? JsonPatch.add(`${SECURITY_CONTEXT}/supplementalGroups`, [grant.gid])
      : JsonPatch.add(`${SECURITY_CONTEXT}/supplementalGroups/-`, grant.gid));
    this.supplemental.push(grant.gid);
  }
}
