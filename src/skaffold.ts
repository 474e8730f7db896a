import { writeFileSync } from 'fs';
import { Yaml } from 'cdk8s';
import { MicroserviceStack } from './microservice-stack';
import { Platform } from './platform';
import { propError } from './private/errors';

/**
 * Options of {@link Skaffold}.
 */
export interface SkaffoldOptions {
  /**
   * Where `cdk8s synth` writes the stack's manifests, relative to the Skaffold file; with
   * several platforms, each profile reads `<manifestsDir>/<platform>/`.
   *
   * @default "dist"
   */
  readonly manifestsDir?: string;

  /**
   * One profile per platform, for `skaffold dev -p aks`.
   *
   * @default [Platform.LOCAL, Platform.AKS, Platform.GKE]
   */
  readonly platforms?: Platform[];

  /**
   * Local port forwarded to the gateway (or to the first service without a gateway).
   *
   * @default 8080
   */
  readonly localPort?: number;

  /**
   * Skaffold schema version.
   *
   * @default "skaffold/v4beta11"
   */
  readonly apiVersion?: string;
}

/**
 * A `skaffold.yaml` for a stack: one build artifact per service built from source (image names
 * equal to the manifests', which `rawYaml` requires), the cdk8s output as raw manifests,
 * `kubectl` deploys, a port forward and one profile per platform.
 *
 * Skaffold's repository is announced to be archived in early 2027; the same loop works with
 * `docker build`, `cdk8s synth` and `kubectl apply -f dist/`.
 *
 * @see https://skaffold.dev/docs/references/yaml/
 */
export class Skaffold {
  /**
   * The Skaffold configuration of a stack.
   *
   * @example
   * Skaffold.forStack(stack).writeTo('skaffold.yaml');
   */
  public static forStack(stack: MicroserviceStack, options: SkaffoldOptions = {}): Skaffold {
    return new Skaffold(stack, options);
  }

  private constructor(private readonly stack: MicroserviceStack, private readonly options: SkaffoldOptions) {
    const port = options.localPort ?? 8080;
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw propError(stack, 'Skaffold', { prop: 'localPort', rule: 'must be an integer from 1 to 65535', value: port, fix: 'use a free local port such as 8080' });
    }
  }

  /** The configuration as JSON. */
  public toJson(): any {
    const dir = (this.options.manifestsDir ?? 'dist').replace(/\/+$/, '');
    const platforms = this.options.platforms ?? [Platform.LOCAL, Platform.AKS, Platform.GKE];
    const artifacts = this.stack.microservices
      .filter(s => s.buildContext !== undefined)
      .map(s => ({
        image: imageName(s.image),
        context: s.buildContext,
        docker: { dockerfile: s.dockerfile },
      }));
    const forward = this.stack._skaffoldForward();
    return {
      apiVersion: this.options.apiVersion ?? 'skaffold/v4beta11',
      kind: 'Config',
      metadata: { name: this.stack.appName },
      // Copies, not shared references: YAML would turn shared objects into anchors and aliases.
      build: { artifacts: clone(artifacts), local: { push: false, useBuildkit: true } },
      manifests: { rawYaml: [`${dir}/*.k8s.yaml`] },
      deploy: { kubectl: {} },
      portForward: forward ? [{
        resourceType: 'service',
        resourceName: forward.service,
        namespace: this.stack.namespace ?? 'default',
        port: forward.port,
        localPort: this.options.localPort ?? 8080,
      }] : [],
      profiles: platforms.map(p => ({
        name: p.name,
        build: { artifacts: clone(artifacts), local: { push: p.cloud !== undefined, useBuildkit: true } },
        manifests: { rawYaml: [`${dir}/${p.name}/*.k8s.yaml`] },
      })),
    };
  }

  /** The configuration as YAML. */
  public toYaml(): string {
    return Yaml.stringify(this.toJson());
  }

  /** Writes the configuration to a file (usually `skaffold.yaml` next to `cdk8s.yaml`). */
  public writeTo(file: string): void {
    writeFileSync(file, this.toYaml());
  }
}

/** The repository part of an image reference: what Skaffold matches and replaces. */
function imageName(image: string): string {
  const at = image.indexOf('@');
  if (at >= 0) return image.slice(0, at);
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? image.slice(0, colon) : image;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}
