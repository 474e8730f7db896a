import { mkdirSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { Chart } from 'cdk8s';
import { checkArguments, factoryFail } from '../core/prop-types';
import { Platform } from '../platform';
import { MicroserviceStack } from '../stack';
import { Prerequisite, PrerequisiteCheck } from './prerequisite';
import { derivePrerequisites } from './private/derive-prerequisites';
import { CHECK_COMMAND, checkPrerequisites, clusterObjects } from './private/prerequisite-check';
import { prerequisitesMarkdown } from './private/prerequisite-markdown';
import { CHART, FILE, PLATFORM, STACK, TEXT } from './prop-types';

/**
 * What an application's manifests assume of the cluster and do not create: its GatewayClass,
 * IngressClass and StorageClasses (with the drivers and add-ons behind them), the Secrets and
 * ConfigMaps it reads (with their keys and the `kubectl create` command), the registries it pulls
 * from, an NFS client on the nodes, a NetworkPolicy engine, custom resources, and the health
 * endpoints its images must answer. Written beside the YAML as `<chart id>.prerequisites.md`,
 * and compared with a cluster's `kubectl get` output by {@link Prerequisites.check}.
 *
 * @example
 * app.synth();
 * Prerequisites.of(stack).writeBeside(app.outdir); // dist/eshop-aks.prerequisites.md
 */
export class Prerequisites {
  /** The `kubectl get` whose JSON output {@link Prerequisites.check} reads. */
  public static readonly CHECK_COMMAND: string = CHECK_COMMAND;

  /** The prerequisites of a stack, on its platform. */
  public static of(stack: MicroserviceStack): Prerequisites {
    checkArguments(factoryFail('Prerequisites.of', 'Prerequisites'), { stack: [stack, STACK] });
    return new Prerequisites(stack.node.id, stack.toJson(), stack.platform);
  }

  /**
   * The prerequisites of any chart (a plain cdk8s chart of ProbedDeployments, NfsVolumes, ...).
   *
   * @param platform what the chart runs on, for how to provide each item; default: a local cluster
   */
  public static ofChart(chart: Chart, platform?: Platform): Prerequisites {
    checkArguments(factoryFail('Prerequisites.ofChart', 'Prerequisites'), { chart: [chart, CHART], platform: [platform, PLATFORM] });
    return new Prerequisites(chart.node.id, chart.toJson(), platform);
  }

  /** The chart's id: its manifests are `<id>.k8s.yaml`. */
  public readonly id: string;
  /** Each prerequisite, by kind in the order first met. */
  public readonly items: Prerequisite[];

  private constructor(id: string, manifests: any[], platform: Platform | undefined) {
    this.id = id;
    this.items = derivePrerequisites(manifests, platform);
  }

  /** The file name beside the manifests: `<id>.prerequisites.md`. */
  public get fileName(): string {
    return `${this.id}.prerequisites.md`;
  }

  /** The list as Markdown: a section per kind, a checkbox per item, the commands to run. */
  public toMarkdown(): string {
    return prerequisitesMarkdown(this.id, this.items, CHECK_COMMAND);
  }

  /** Writes the Markdown to `file`. */
  public writeTo(file: string): void {
    checkArguments(factoryFail('Prerequisites.writeTo', 'Prerequisites'), { file: [file, FILE] });
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, this.toMarkdown());
  }

  /**
   * Writes `<id>.prerequisites.md` into `outdir` (the folder of `<id>.k8s.yaml`) and returns its
   * path.
   */
  public writeBeside(outdir: string): string {
    checkArguments(factoryFail('Prerequisites.writeBeside', 'Prerequisites'), { outdir: [outdir, FILE] });
    const file = join(outdir, this.fileName);
    this.writeTo(file);
    return file;
  }

  /**
   * Compares the list with a cluster: `kubectl get ... -o json` (or `-o yaml`) output, as text
   * ({@link Prerequisites.CHECK_COMMAND} gets all it can compare). Classes, Secrets with their
   * keys, ConfigMaps and CRDs are PRESENT or MISSING; the rest NOT_CHECKED.
   */
  public check(kubectlGetOutput: string): PrerequisiteCheck[] {
    checkArguments(factoryFail('Prerequisites.check', 'Prerequisites'), { kubectlGetOutput: [kubectlGetOutput, TEXT] });
    return checkPrerequisites(this.items, clusterObjects(kubectlGetOutput));
  }
}
