/**
 * The one place that decides whether a name or a value looks like a secret, and how a secret is
 * hidden in a message. The compose import uses it to send values to Secrets and to redact
 * messages; the stack uses it for the same decisions on hand-written props.
 *
 * A false positive costs a Secret instead of a ConfigMap entry (or a `<redacted>` in a message);
 * a false negative leaks a password into YAML that is committed. The rules lean to the first.
 */

/** What a redacted value or part of a value is replaced with. */
export const REDACTED = '<redacted>';

/** Name parts that hold a secret wherever they appear in a name (`PGPASSWORD`, `JWTSECRET`). */
const SECRET_SUBSTRINGS = ['PASSWORD', 'PASSWD', 'PASSPHRASE', 'SECRET', 'CREDENTIAL'];

/** Name parts that hold a secret only as a whole word (`DB_PASS`, not `BYPASS`; `API_KEY`, not `MONKEY`). */
const SECRET_WORDS = new Set([
  'PASS', 'PWD', 'TOKEN', 'TOKENS', 'KEY', 'KEYS', 'AUTH', 'PRIVATE', 'APIKEY', 'ACCESSKEY', 'SECRETKEY',
  'PRIVATEKEY', 'SIGNINGKEY', 'ENCRYPTIONKEY', 'MASTERKEY', 'LICENSEKEY', 'ACCESSTOKEN', 'AUTHTOKEN',
  'REFRESHTOKEN', 'APITOKEN', 'BEARER', 'CERTKEY', 'SASKEY', 'PAT',
]);

/**
 * Last words that make a name about a secret rather than the secret itself: where it is
 * (`PASSWORD_FILE`, `TOKEN_URL`), whether it is used (`AUTH_ENABLED`), its shape (`KEY_LENGTH`).
 * A value of such a name is still checked by {@link looksSecretValue}.
 */
const NOT_SECRET_LAST_WORDS = new Set([
  'URL', 'URLS', 'URI', 'HOST', 'HOSTNAME', 'PORT', 'PATH', 'FILE', 'DIR', 'DIRECTORY', 'ENDPOINT', 'SERVER',
  'DOMAIN', 'ISSUER', 'AUDIENCE', 'AUTHORITY', 'ENABLED', 'ENABLE', 'DISABLED', 'DISABLE', 'REQUIRED', 'MODE',
  'TYPE', 'PROVIDER', 'METHOD', 'SCHEME', 'ALGORITHM', 'HEADER', 'NAME', 'LENGTH', 'SIZE', 'TTL', 'TIMEOUT',
  'EXPIRY', 'EXPIRATION', 'LIFETIME', 'FORMAT', 'VERSION', 'COUNT',
]);

/** The words of a name: split at non-alphanumerics and at camelCase humps (`Jwt__SigningKey` -> JWT SIGNING KEY). */
export function nameWords(name: string): string[] {
  return name
    .split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/)
    .filter(w => w !== '')
    .map(w => w.toUpperCase());
}

/**
 * Whether a variable, key or file name says its value is a secret: it contains PASSWORD, PASSWD,
 * PASSPHRASE, SECRET or CREDENTIAL anywhere, or PASS, PWD, TOKEN, KEY, AUTH or PRIVATE as a word
 * (`DB_PASS`, `API_KEY`, `ApiToken`, `BASIC_AUTH`), unless its last word says it is only about a
 * secret (`PASSWORD_FILE`, `TOKEN_URL`, `AUTH_ENABLED`). `PWD` alone is the shell's working
 * directory, not a password.
 */
export function looksSecretName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0) return false;
  if (words.length === 1 && words[0] === 'PWD') return false;
  if (words.length > 1 && NOT_SECRET_LAST_WORDS.has(words[words.length - 1])) return false;
  return words.some(w => SECRET_WORDS.has(w) || SECRET_SUBSTRINGS.some(s => w.includes(s)));
}

/**
 * Secret parts of values, each with the group that is the secret: URL user info with a password
 * (`scheme://user:pw@`), `Bearer`/`Basic` credentials, connection-string keys, private keys in
 * PEM, and the token formats of well-known services.
 */
const SECRET_PARTS: ReadonlyArray<{ readonly pattern: RegExp; readonly replace: string | ((...groups: string[]) => string) }> = [
  // scheme://user:password@host (user may be empty: redis://:pw@cache)
  { pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)[^\s/@]+@/gi, replace: `$1${REDACTED}@` },
  // Authorization header values
  // (a credential is 8 characters or more and not one plain lowercase word: "Basic authentication" stays)
  { pattern: /\b(Bearer|Basic)(\s+)(?![a-z]+\b)[A-Za-z0-9._~+/=-]{8,}/g, replace: `$1$2${REDACTED}` },
  // Password=...; Pwd=...; AccountKey=...; SharedAccessKey=... in connection strings
  { pattern: /((?:^|[;,\s])\s*(?:password|pwd|user password|accountkey|sharedaccesskey|sharedaccesssignature)\s*=\s*)("[^"]*"|'[^']*'|[^;,\s]*)/gi, replace: (_all, key, value) => `${key}${quoted(value, REDACTED)}` },
  // PEM private keys
  { pattern: /(-----BEGIN [A-Z ]*PRIVATE KEY-----)[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, replace: `$1${REDACTED}$2` },
  // GitHub, GitLab, Slack, AWS access key ids, JSON Web Tokens
  { pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+)/g, replace: REDACTED },
];

/**
 * Whether a value holds a secret whatever its name: a URL with a password in its user info, a
 * `Bearer` or `Basic` credential, a connection string with `Password=`, `Pwd=`, `AccountKey=` or
 * `SharedAccessKey=`, a PEM private key, or a token of a well-known format.
 */
export function looksSecretValue(value: string): boolean {
  return redact(value) !== value;
}

/** Whether a name/value pair (an environment variable, a config key) holds a secret. */
export function looksSecret(name: string, value: string): boolean {
  return looksSecretName(name) || looksSecretValue(value);
}

/** File names that hold secrets: keys, certificates' private parts, credentials, `.env`. */
const SECRET_FILES = [/\.(pem|key|p12|pfx|jks|keystore|kdbx)$/i, /^id_(rsa|dsa|ecdsa|ed25519)/i, /^(secrets?|credentials?)(\.[a-z]+)?$/i,
  /^\.env(\..+)?$/i, /^\.(htpasswd|netrc|pgpass|npmrc|git-credentials)$/i, /(^|[-_.])(secret|secrets|password|passwd|token|credentials?)([-_.]|$)/i];

/** Whether a file (by its name) holds a secret. */
export function looksSecretFile(path: string): boolean {
  const name = path.split(/[\\/]/).pop() ?? path;
  return SECRET_FILES.some(re => re.test(name));
}

/** `NAME=value` (environment style) and `"NAME": "value"` (JSON style), for names that look secret. */
const NAMED_VALUES: ReadonlyArray<RegExp> = [
  /(^|[\s,;{(\[])([A-Za-z_][A-Za-z0-9_.-]*)(=)("[^"]*"|'[^']*'|[^\s,;})\]"']+)/g,
  /(^|[\s,{[])("[^"\\]+")(\s*:\s*)("(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*)/g,
];

/**
 * The text with every secret part replaced by `<redacted>`: passwords of URLs, `Bearer` and
 * `Basic` credentials, connection-string passwords and keys, PEM private keys, well-known tokens,
 * and the value of every `NAME=value` or `"NAME": "value"` whose name looks secret. For messages:
 * the shape stays, so the reader still sees which value is meant.
 */
export function redact(text: string): string {
  let out = redactSecretParts(text);
  for (const pattern of NAMED_VALUES) {
    out = out.replace(pattern, (all, pre: string, name: string, sep: string, value: string) => {
      if (!looksSecretName(name.replace(/^"|"$/g, '')) || value.includes(REDACTED)) return all;
      return `${pre}${name}${sep}${quoted(value, REDACTED)}`;
    });
  }
  return out;
}

/**
 * The text with the secret parts that are secret whatever surrounds them replaced by
 * `<redacted>`: passwords of URLs, `Bearer` and `Basic` credentials, connection-string passwords
 * and keys, PEM private keys, well-known tokens. For whole messages, whose words ("KEY=value")
 * {@link redact} would take for variables.
 */
export function redactSecretParts(text: string): string {
  let out = text;
  for (const { pattern, replace } of SECRET_PARTS) out = typeof replace === 'string' ? out.replace(pattern, replace) : out.replace(pattern, replace);
  return out;
}

/** `replacement` in the quotes `value` is written in, if any. */
function quoted(value: string, replacement: string): string {
  const quote = /^["']/.test(value) ? value[0] : '';
  return `${quote}${replacement}${quote}`;
}

/**
 * A value for a message about `name`: all of it redacted when the name looks secret, its secret
 * parts redacted otherwise. Objects and lists are redacted member by member.
 */
export function redactValue(name: string, value: unknown): unknown {
  if (typeof value === 'string') return looksSecretName(name) && value !== '' ? REDACTED : redact(value);
  if (Array.isArray(value)) return value.map(v => redactValue(name, v));
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: unknown } = {};
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, k, { value: looksSecretName(k) && v !== null && typeof v !== 'object' ? REDACTED : redactValue(name, v), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
