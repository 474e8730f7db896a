/**
 * TODO-merge: a temporary copy of the one secret detector that engineer B writes in
 * src/core/secrets.ts (issue 11 item 4). When it lands, import it from there and delete this file.
 */

/** Words of a name that mark a secret (PASS, PWD, PASSWORD, SECRET, TOKEN, KEY, CREDENTIAL, AUTH, PRIVATE). */
const SECRET_WORDS = /^(pass|passwd|password|passphrase|pwd|secret|secrets|token|tokens|key|keys|apikey|credential|credentials|auth|private|privatekey)$/;
const SECRET_SUFFIX = /(password|passwd|secret|token|apikey|privatekey)$/;

/** Whether a variable name says it holds a secret. */
export function looksSecretName(name: string): boolean {
  const words = name.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).map(w => w.toLowerCase()).filter(w => w !== '');
  return words.some(w => SECRET_WORDS.test(w) || SECRET_SUFFIX.test(w));
}

/** Whether a value holds a secret: URL user info, a Bearer token, a connection string password. */
export function looksSecretValue(value: string): boolean {
  if (/:\/\/[^/:@\s]*:[^/@\s]+@/.test(value)) return true;
  if (/\bBearer\s+\S{8,}/i.test(value)) return true;
  return /(^|;)\s*(password|pwd|accountkey|sharedaccesskey)\s*=/i.test(value);
}

/** Whether an environment variable holds a secret, by its name or its value. */
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
