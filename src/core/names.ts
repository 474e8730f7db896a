/**
 * Kubernetes name and value rules, as the API server applies them (apimachinery validation).
 * Each returns undefined when the value is valid, or the rule it breaks.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
// Kubernetes 1.28 (before RelaxedEnvironmentVariableValidation): a C-like identifier that may
// also contain '-' and '.'.
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** A DNS-1123 label: Namespaces, most object names that end up in DNS. */
export function dns1123LabelProblem(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > 63) return `must be at most 63 characters (it has ${value.length})`;
  if (!DNS1123_LABEL.test(value)) {
    return 'must be a DNS-1123 label: lowercase letters, digits and \'-\', starting and ending with a letter or digit';
  }
  return undefined;
}

/** A DNS-1035 label: Service names (they become DNS names and must not start with a digit). */
export function dns1035LabelProblem(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > 63) return `must be at most 63 characters (it has ${value.length})`;
  if (!DNS1035_LABEL.test(value)) {
    return 'must be a DNS-1035 label: lowercase letters, digits and \'-\', starting with a letter and ending with a letter or digit';
  }
  return undefined;
}

/** A DNS-1123 subdomain: Deployment, ConfigMap, Secret names, ExternalName hosts. */
export function dns1123SubdomainProblem(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > 253) return `must be at most 253 characters (it has ${value.length})`;
  for (const label of value.split('.')) {
    if (!DNS1123_LABEL.test(label)) {
      return 'must be a DNS-1123 subdomain: dot-separated labels of lowercase letters, digits and \'-\'';
    }
  }
  return undefined;
}

/** An IANA service name: the `name` of a container or Service port. */
export function portNameProblem(value: string): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.length > 15) return `must be at most 15 characters (it has ${value.length})`;
  if (!/^[a-z0-9-]+$/.test(value)) return 'must contain only lowercase letters, digits and \'-\'';
  if (!/[a-z]/.test(value)) return 'must contain at least one letter';
  if (value.startsWith('-') || value.endsWith('-') || value.includes('--')) {
    return 'must not start or end with \'-\' or contain \'--\'';
  }
  return undefined;
}

/** A port number: 1-65535. */
export function portNumberProblem(value: number): string | undefined {
  if (!Number.isInteger(value) || value < 1 || value > 65535) return 'must be an integer from 1 to 65535';
  return undefined;
}

/** An environment variable name that Kubernetes 1.28 accepts. */
export function envVarNameProblem(value: string): string | undefined {
  if (!ENV_VAR_NAME.test(value)) {
    return 'must be a valid environment variable name for Kubernetes 1.28: letters, digits, \'_\', \'-\' and \'.\', not starting with a digit';
  }
  return undefined;
}

/**
 * The .NET configuration form of a variable name: `ConnectionStrings:Default` becomes
 * `ConnectionStrings__Default` (the .NET configuration binder reads `__` as `:`).
 */
export function dotnetEnvVarName(value: string): string {
  let name = value.replace(/:/g, '__').replace(/[^-._a-zA-Z0-9]/g, '_');
  if (/^[0-9]/.test(name)) name = `_${name}`;
  return name;
}

/**
 * The fix for an environment variable name Kubernetes refuses: its .NET spelling
 * (`ConnectionStrings:Default` becomes `ConnectionStrings__Default`), followed by `why`; for a
 * name that is empty or only spaces, which no spelling repairs, to name the variable or drop it.
 */
export function envVarNameFix(value: string, why: string): string {
  if (value.trim() === '') return 'name the variable, such as "ASPNETCORE_ENVIRONMENT", or drop the entry (a variable needs a name)';
  return `use "${dotnetEnvVarName(value.trim())}"${why}`;
}

/** True for an IPv4 address or anything that looks like an IPv6 address. */
export function isIpAddress(value: string): boolean {
  return IPV4.test(value) || (value.includes(':') && /^[0-9a-fA-F:.]+$/.test(value));
}

/**
 * A host name a client can resolve: a DNS-1123 subdomain that is not an IP address. With
 * `wildcard`, a leading "*." label is allowed too, as in Gateway API and Ingress host names.
 */
export function hostnameProblem(value: string, options: { readonly wildcard?: boolean } = {}): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return 'must not be empty';
  if (isIpAddress(value)) return 'must be a DNS name, not an IP address';
  if (!options.wildcard) return dns1123SubdomainProblem(value);
  const problem = dns1123SubdomainProblem(value.startsWith('*.') ? value.slice(2) : value);
  return problem === undefined ? undefined : `${problem} (only a leading "*." wildcard is allowed)`;
}

/** A lowercase, valid DNS-1123 label made from any string: `My_NS` becomes `my-ns`. */
export function toDns1123Label(value: string): string {
  const name = value.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-+|-+$/g, '');
  return name.slice(0, 63).replace(/-+$/, '') || 'default';
}

/** A lowercase, valid DNS-1035 label made from any string: `Basket_API` becomes `basket-api`. */
export function toDns1035Label(value: string): string {
  let name = value.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-+|-+$/g, '');
  if (!/^[a-z]/.test(name)) name = `svc-${name}`;
  name = name.slice(0, 63).replace(/-+$/, '');
  return name;
}
