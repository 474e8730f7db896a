import { IConstruct } from 'constructs';
import { checkArguments, factoryFail, required, types as t } from './prop-types';

/** The node metadata type a warning is stored under. */
const WARNING = 'k8s-course-constructs:warning';

const SCOPE = required(t.implementing('construct', ['node'], 'pass a construct, such as the chart'));

/**
 * Warnings kept in the construct tree, as the AWS CDK keeps annotations: constructs add them while
 * the app is built, and whoever runs the app (the command-line tool, an example's `main`) collects
 * and prints them. The library itself never writes to the console.
 *
 * @example
 * Warnings.of(stack).add('[eshop/ordering] MicroserviceStack: secrets Db__Password of "ordering" are literal values');
 * for (const w of Warnings.collect(app)) console.warn(`warning: ${w}`);
 */
export class Warnings {
  /** The warnings of one construct. */
  public static of(scope: IConstruct): Warnings {
    checkArguments(factoryFail('Warnings.of', 'Warnings'), { scope: [scope, SCOPE] });
    return new Warnings(scope);
  }

  /**
   * Every warning of `scope` and of the constructs under it, in tree order (a construct's own
   * warnings first, in the order they were added, then its children's).
   */
  public static collect(scope: IConstruct): string[] {
    checkArguments(factoryFail('Warnings.collect', 'Warnings'), { scope: [scope, SCOPE] });
    return scope.node.findAll().flatMap(c => c.node.metadata.filter(m => m.type === WARNING).map(m => String(m.data)));
  }

  private readonly scope: IConstruct;

  private constructor(scope: IConstruct) {
    this.scope = scope;
  }

  /** Adds a warning to the construct. */
  public add(message: string): void {
    checkArguments(factoryFail('Warnings.add', 'Warnings'), { message: [message, required(t.string('a warning'))] });
    this.scope.node.addMetadata(WARNING, message);
  }
}
