import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { objectKey } from './objects';

/**
 * The child of the app root with this id, created on first use: state that belongs to one app
 * lives in the app's own tree, not in module globals, and goes away with the app.
 */
export function appSingleton<T extends IConstruct>(scope: IConstruct, id: string, create: (root: Construct, id: string) => T): T {
  const root = scope.node.root as Construct;
  return (root.node.tryFindChild(id) as T | undefined) ?? create(root, id);
}

/** Where an app keeps its AppIndex between the synthesis hook and the renderers. */
class AppIndexHolder extends Construct {
  public index?: AppIndex;
}

const HOLDER_ID = 'k8s-course-constructs.AppIndex';

/**
 * The API objects of an app by kind, namespace and name, built once per synthesis.
 *
 * Constructs that look at other objects at synth (config checksums, cross-object checks) use this
 * instead of walking the whole tree each, so synthesis stays linear in the number of objects.
 */
export class AppIndex {
  /** The index of the app that `scope` belongs to, fresh for the current synthesis. */
  public static of(scope: IConstruct): AppIndex {
    const holder = scope.node.root.node.tryFindChild(HOLDER_ID) as AppIndexHolder | undefined;
    // An app that no construct watches gets an index built for this one use.
    if (!holder) return new AppIndex(scope.node.root);
    holder.index = holder.index ?? new AppIndex(scope.node.root);
    return holder.index;
  }

  /**
   * Makes the index of `scope`'s app rebuild at the start of every synthesis: cdk8s validates the
   * root first, so this hook runs before any object is rendered.
   */
  public static watch(scope: IConstruct): void {
    appSingleton(scope, HOLDER_ID, (root, id) => {
      const holder = new AppIndexHolder(root, id);
      root.node.addValidation({
        validate: () => {
          holder.index = new AppIndex(root);
          return [];
        },
      });
      return holder;
    });
  }

  private readonly byKey = new Map<string, ApiObject[]>();
  private readonly namesByPlace = new Map<string, Set<string>>();

  private constructor(root: IConstruct) {
    for (const c of root.node.findAll()) {
      if (c instanceof ApiObject) {
        const key = objectKey(c.kind, c.metadata.namespace, c.name);
        const same = this.byKey.get(key);
        if (same) same.push(c);
        else this.byKey.set(key, [c]);
        const place = objectKey(c.kind, c.metadata.namespace, '');
        const names = this.namesByPlace.get(place) ?? new Set<string>();
        this.namesByPlace.set(place, names.add(c.name));
      }
    }
  }

  /** The names of the app's objects of that kind in the namespace, for "did you mean". */
  public names(kind: string, namespace: string | undefined): string[] {
    return [...this.namesByPlace.get(objectKey(kind, namespace, '')) ?? []];
  }

  /** The object of that kind and name in the namespace, if the app defines it (the last one, if several). */
  public find(kind: string, namespace: string | undefined, name: string): ApiObject | undefined {
    const all = this.byKey.get(objectKey(kind, namespace, name));
    return all?.[all.length - 1];
  }

  /** Every object of that kind and name in the namespace, in tree order: more than one is a clash. */
  public findAll(kind: string, namespace: string | undefined, name: string): ApiObject[] {
    return [...this.byKey.get(objectKey(kind, namespace, name)) ?? []];
  }
}
