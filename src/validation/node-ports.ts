/**
 * A node port is opened on every node of the cluster, so one app cannot give it to two Services.
 * The same rule serves the construct check (Services of one app) and the manifest check.
 */

/** One Service port that asks for a node port. */
export interface NodePortUse<T> {
  /** The Service (a construct or a manifest). */
  readonly owner: T;
  readonly nodePort: number;
}

/** Who else uses the node port of one {@link NodePortUse}. */
export interface NodePortClash<T> {
  /** The owner of the first use of the port (this use's own owner when it came first). */
  readonly first: T;
  /** Whether this use is the first use of its port. */
  readonly isFirst: boolean;
  /** Every other owner that uses the port, in order. */
  readonly others: T[];
}

/** For each use, in order, the first use of its port and the other owners of it. */
export function nodePortClashes<T>(uses: ReadonlyArray<NodePortUse<T>>): Array<NodePortClash<T>> {
  const byPort = new Map<number, Array<NodePortUse<T>>>();
  for (const use of uses) {
    const all = byPort.get(use.nodePort) ?? [];
    all.push(use);
    byPort.set(use.nodePort, all);
  }
  return uses.map(use => {
    const all = byPort.get(use.nodePort)!;
    return { first: all[0].owner, isFirst: all[0] === use, others: all.filter(u => u.owner !== use.owner).map(u => u.owner) };
  });
}
