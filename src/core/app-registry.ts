import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';

/**
 * The API objects of an app by kind, namespace and name, built once per synthesis.
 *
 * Constructs that look at other objects at synth (config checksums, cross-object checks) use this
 * instead of walking the whole tree each, so synthesis stays linear in the number of objects.
 */
export class AppIndex {
  /** The index of the app that `scope` belongs to, fresh for the current synthesis. */
  public static of(scope: IConstruct): AppIndex {
    const root = scope.node.root;
    let index = INDEXES.get(root);
    if (!index || !index.fresh) {
      index = new AppIndex(root);
      INDEXES.set(root, index);
    }
    return index;
  }

  /**
   * Makes the index of `scope`'s app rebuild at the start of every synthesis: cdk8s validates the
   * root first, so this hook runs before any object is rendered.
   */
  public static watch(scope: IConstruct): void {
    const root = scope.node.root;
    if (WATCHED.has(root)) return;
    WATCHED.add(root);
    root.node.addValidation({
      validate: () => {
        INDEXES.set(root, new AppIndex(root));
        return [];
      },
    });
  }

  private readonly byKey = new Map<string, ApiObject>();
  private readonly fresh: boolean;

  private constructor(root: IConstruct) {
    for (const c of root.node.findAll()) {
      if (c instanceof ApiObject) {
        this.byKey.set(key(c.kind, c.metadata.namespace, c.name), c);
      }
    }
    // An index built outside a synthesis (no watch hook) is used once and rebuilt next time.
    this.fresh = WATCHED.has(root);
  }

  /** The object of that kind and name in the namespace, if the app defines it. */
  public find(kind: string, namespace: string | undefined, name: string): ApiObject | undefined {
    return this.byKey.get(key(kind, namespace, name));
  }
}

const INDEXES = new WeakMap<IConstruct, AppIndex>();
const WATCHED = new WeakSet<IConstruct>();

function key(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\u0000${namespace ?? ''}\u0000${name}`;
}
