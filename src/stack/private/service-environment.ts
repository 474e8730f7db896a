import { Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { StackContext } from './stack-context';
import { ContainerOptions } from '../container-options';
import { SecretValue } from '../secret-value';

/** The environment of a container of the stack, and the objects that hold it. */
export interface ContainerEnvironment {
  /** Plain variables. */
  readonly env: { [name: string]: string };
  /** Variables whose values come from Secrets and from service discovery. */
  readonly envValueFrom: { [name: string]: kplus.EnvValue };
  /** The ConfigMap of `config`, loaded whole. */
  readonly envFrom?: kplus.EnvFrom[];
  /** The ConfigMap of `config`, if any. */
  readonly config?: kplus.ConfigMap;
  /** The Secret holding literal secret values, if any. */
  readonly literalSecrets?: kplus.Secret;
}

/** Whose environment it is: the objects' names start with `name`, under `scope`. */
export interface EnvironmentOwner {
  readonly scope: Construct;
  /** `catalog`, or `catalog-proxy` for a sidecar. */
  readonly name: string;
  /** The part of the stack, for warnings. */
  readonly part: string;
  /** The ids of its objects start with this ("" for the main container, "<sidecar>-" for a sidecar). */
  readonly idPrefix: string;
}

/**
 * Plain variables, secrets (literal values in one Secret of the owner, with a warning), the
 * configuration in a ConfigMap of its own, and service discovery in the .NET configuration form
 * (`Services__catalog__Url` is `Services:catalog:Url`).
 */
export function containerEnvironment(
  owner: EnvironmentOwner, options: ContainerOptions, talksTo: string[], context: StackContext,
): ContainerEnvironment {
  const envValueFrom: { [name: string]: kplus.EnvValue } = {};
  const secrets = Object.entries(options.secrets ?? {});
  const literalSecrets = literalSecret(owner, secrets, envValueFrom, context);
  for (const [key, secret] of secrets) {
    if (secret.value === undefined) envValueFrom[key] = secretRef(owner.scope, `${owner.idPrefix}secret-${key}`, secret, context);
  }
  // A ConfigMap whose values are all empty renders without data (cdk8s drops it), so empty values are set directly.
  const entries = Object.entries(options.config ?? {});
  const emptyConfig = Object.fromEntries(entries.filter(([, v]) => v === ''));
  const data = Object.fromEntries(entries.filter(([, v]) => v !== ''));
  const config = Object.keys(data).length > 0
    ? new kplus.ConfigMap(owner.scope, `${owner.idPrefix}Config`, { metadata: { name: `${owner.name}-config` }, data })
    : undefined;
  for (const target of talksTo) {
    // Rendered late: the target may be added after this part. cdk8s resolves the Lazy in place.
    const url = Lazy.any({ produce: () => context.urlOf(target) ?? `http://${target}` });
    envValueFrom[`Services__${target}__Url`] = kplus.EnvValue.fromValue(url as unknown as string);
  }
  return {
    env: { ...emptyConfig, ...options.env },
    envValueFrom,
    envFrom: config ? [kplus.Env.fromConfigMap(config)] : undefined,
    config,
    literalSecrets,
  };
}

/** A key of a Secret created outside the app, which the cross-object checks then take as existing. */
function secretRef(scope: Construct, id: string, secret: SecretValue, context: StackContext): kplus.EnvValue {
  context.declareExternalSecret(secret.secretName!);
  return kplus.EnvValue.fromSecretValue({ secret: kplus.Secret.fromSecretName(scope, id, secret.secretName!), key: secret.key! });
}

function literalSecret(
  owner: EnvironmentOwner, secrets: Array<[string, SecretValue]>, env: { [name: string]: kplus.EnvValue }, context: StackContext,
): kplus.Secret | undefined {
  const literals: { [key: string]: string } = {};
  for (const [key, secret] of secrets) if (secret.value !== undefined) literals[key] = secret.value;
  if (Object.keys(literals).length === 0) return undefined;
  const secret = new kplus.Secret(owner.scope, `${owner.idPrefix}Secrets`, { metadata: { name: `${owner.name}-secrets` }, stringData: literals });
  const keys = Object.keys(literals).sort().join(', ');
  context.warn(`[${owner.scope.node.path}] MicroserviceStack: secrets ${keys} of "${owner.part}" are literal values written into the YAML; `
    + 'use SecretValue.fromSecret(name, key) with a Secret created outside the app');
  for (const key of Object.keys(literals)) env[key] = kplus.EnvValue.fromSecretValue({ secret, key });
  return secret;
}
