import * as kplus from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { appSingleton } from '../../core/app-registry';
import { NodePortClash, nodePortClashes, NodePortUse } from '../../validation/node-ports';

/**
 * The node ports the Services of one app ask for, kept on a child of the app root: a node port
 * is opened on every node, so two Services of an app cannot share one.
 */
export class NodePortRegistry extends Construct {
  /** The registry of the app that `scope` belongs to. */
  public static of(scope: IConstruct): NodePortRegistry {
    return appSingleton(scope, 'k8s-course-constructs.NodePorts', (root, id) => new NodePortRegistry(root, id));
  }

  private readonly uses: Array<NodePortUse<kplus.Service>> = [];
  private clashes?: Map<NodePortUse<kplus.Service>, NodePortClash<kplus.Service>>;

  /** Records that `service` asks for `nodePort`. */
  public register(service: kplus.Service, nodePort: number): NodePortUse<kplus.Service> {
    const use = { owner: service, nodePort };
    this.uses.push(use);
    this.clashes = undefined;
    return use;
  }

  /** The other Services of the app that ask for the port of `use`, in the order they did. */
  public othersOf(use: NodePortUse<kplus.Service>): kplus.Service[] {
    if (!this.clashes) {
      const clashes = nodePortClashes(this.uses);
      this.clashes = new Map(this.uses.map((u, i) => [u, clashes[i]]));
    }
    return this.clashes.get(use)?.others ?? [];
  }
}
