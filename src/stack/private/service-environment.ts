import { Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { StackContext } from './stack-context';
import { MicroserviceOptions } from '../microservice-options';
import { SecretValue } from '../secret-value';

/** The environment of a microservice, and the objects that hold it. */
export interface ServiceEnvironment {
  readonly env: { [name: string]: kplus.EnvValue };
  /** The ConfigMap of `config`, if any. */
  readonly config?: kplus.ConfigMap;
  /** The Secret holding literal secret values, if any. */
  readonly literalSecrets?: kplus.Secret;
}

/**
 * Plain variables, secrets (literal values in one Secret of the service, with a warning), the
 * configuration in a ConfigMap of its own, and service discovery in the .NET configuration form
 * (`Services__catalog__Url` is `Services:catalog:Url`).
 */
export function microserviceEnvironment(scope: Construct, name: string, options: MicroserviceOptions, context: StackContext): ServiceEnvironment {
  const env = plainEnv(options.env);
  const secrets = Object.entries(options.secrets ?? {});
  const literalSecrets = literalSecret(scope, name, secrets, env, context);
  for (const [key, secret] of secrets) {
    if (secret.value === undefined) env[key] = secretRef(scope, key, secret, context);
  }
  const config = options.config && Object.keys(options.config).length > 0
    ? new kplus.ConfigMap(scope, 'Config', { metadata: { name: `${name}-config` }, data: options.config })
    : undefined;
  for (const target of options.talksTo ?? []) {
    // Rendered late: the target may be added after this service. cdk8s resolves the Lazy in place.
    env[`Services__${target}__Url`] = kplus.EnvValue.fromValue(Lazy.any({ produce: () => context.urlOf(target) }) as unknown as string);
  }
  return { env, config, literalSecrets };
}

/** Plain environment variables. */
export function plainEnv(values: { [name: string]: string } | undefined): { [name: string]: kplus.EnvValue } {
  const env: { [name: string]: kplus.EnvValue } = {};
  for (const [key, value] of Object.entries(values ?? {})) env[key] = kplus.EnvValue.fromValue(value);
  return env;
}

/** A key of a Secret created outside the app, which the cross-object checks then take as existing. */
export function secretRef(scope: Construct, key: string, secret: SecretValue, context: StackContext): kplus.EnvValue {
  context.declareExternalSecret(secret.secretName!);
  return kplus.EnvValue.fromSecretValue({ secret: kplus.Secret.fromSecretName(scope, `secret-${key}`, secret.secretName!), key: secret.key! });
}

function literalSecret(
  scope: Construct, name: string, secrets: Array<[string, SecretValue]>, env: { [name: string]: kplus.EnvValue }, context: StackContext,
): kplus.Secret | undefined {
  const literals: { [key: string]: string } = {};
  for (const [key, secret] of secrets) if (secret.value !== undefined) literals[key] = secret.value;
  if (Object.keys(literals).length === 0) return undefined;
  const secret = new kplus.Secret(scope, 'Secrets', { metadata: { name: `${name}-secrets` }, stringData: literals });
  const keys = Object.keys(literals).sort().join(', ');
  context.warn(`[${scope.node.path}] MicroserviceStack: secrets ${keys} of "${name}" are literal values written into the YAML; `
    + 'use SecretValue.fromSecret(name, key) with a Secret created outside the app');
  for (const key of Object.keys(literals)) env[key] = kplus.EnvValue.fromSecretValue({ secret, key });
  return secret;
}
