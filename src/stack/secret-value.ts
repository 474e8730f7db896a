import { checkArguments, factoryFail, required, types as t } from '../core/prop-types';

/**
 * A value taken from a Secret: a reference to an existing Secret (recommended), or a literal
 * value that the stack puts in a Secret of its own (with a warning: literal secrets end up in
 * the synthesized YAML and in git).
 */
export class SecretValue {
  /**
   * A key of a Secret created outside the app (`kubectl create secret`, a secret manager, a
   * sealed secret).
   *
   * @example
   * SecretValue.fromSecret('catalog-db', 'connection-string')
   */
  public static fromSecret(secretName: string, key: string): SecretValue {
    checkArguments(factoryFail('SecretValue.fromSecret', 'SecretValue'), {
      secretName: [secretName, required(t.string('catalog-db'))],
      key: [key, required(t.string('connection-string'))],
    });
    return new SecretValue(secretName, key, undefined);
  }

  /**
   * A literal value. It is written into the synthesized YAML (base64 is not encryption), so the
   * stack warns; use it for local development only.
   */
  public static literal(value: string): SecretValue {
    checkArguments(factoryFail('SecretValue.literal', 'SecretValue'), { value: [value, required(t.secretString('pass the secret as a string, such as process.env.DB_PASSWORD'))] });
    return new SecretValue(undefined, undefined, value);
  }

  /** The name of the existing Secret, for a reference. */
  public readonly secretName?: string;
  /** The key in the existing Secret, for a reference. */
  public readonly key?: string;
  /** The literal value, for a literal. */
  public readonly value?: string;

  private constructor(secretName?: string, key?: string, value?: string) {
    this.secretName = secretName;
    this.key = key;
    this.value = value;
  }
}
