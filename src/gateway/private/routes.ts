/**
 * Rules and formats shared by the gateway route checks and renderers: paths, methods, headers,
 * durations (host names follow `hostnameProblem` of core/names). Each `*Problem` returns
 * undefined when the value is valid, or the rule it breaks.
 */

/** The HTTP methods an HTTPRoute match accepts (Gateway API v1). */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'];

/** Gateway API v1 limits of one HTTPRoute (the CRD's maxItems). */
export const HTTPROUTE_MAX_RULES = 16;
export const HTTPROUTE_MAX_HOSTNAMES = 16;
export const HTTPROUTE_MAX_BACKENDS = 16;
export const HTTPROUTE_MAX_HEADERS = 16;
export const HTTPROUTE_MAX_WEIGHT = 1_000_000;

// RFC 3986 pchar and '/': unreserved, sub-delims, ':', '@' and percent-encodings.
const PATH_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;
// RFC 7230 token: what an HTTP header name may contain.
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;

/** A literal path of a prefix or exact match, with the rules Gateway API applies to it. */
export function routePathProblem(path: string): string | undefined {
  if (typeof path !== 'string' || !path.startsWith('/')) return 'must be an absolute path (start with "/")';
  if (path.length > 1024) return `must be at most 1024 characters (it has ${path.length})`;
  if (path.includes('//')) return 'must not contain "//"';
  if (/\/\.\.?(\/|$)/.test(path)) return 'must not contain "/./" or "/../" segments (or end in "/." or "/..")';
  if (!PATH_CHARS.test(path)) return 'must contain only URL path characters (no spaces, "?", "#", "{", "}" or "\\")';
  if (/%(?![0-9A-Fa-f]{2})/.test(path)) return 'must use "%" only in percent-encodings such as "%20"';
  if (/%2f/i.test(path)) return 'must not contain an encoded "/" ("%2F")';
  return undefined;
}

/** A path regular expression: absolute, and one JavaScript (and so RE2/PCRE-like) engines accept. */
export function routeRegexProblem(regex: string): string | undefined {
  if (typeof regex !== 'string' || !regex.startsWith('/')) {
    return 'must be a regular expression that starts with "/" (gateways anchor path regexes at the start themselves)';
  }
  if (regex.length > 1024) return `must be at most 1024 characters (it has ${regex.length})`;
  try {
    new RegExp(regex);
  } catch (e: any) {
    return `must be a valid regular expression (${e.message})`;
  }
  return undefined;
}

/** The path a prefix match compares with: a trailing "/" does not change a prefix match. */
export function normalizePrefix(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') || '/' : path;
}

/** An HTTP header name (RFC 7230 token). */
export function headerNameProblem(name: string): string | undefined {
  if (!HEADER_NAME.test(name) || name.length > 256) return 'must be an HTTP header name: letters, digits and !#$%&\'*+-.^_`|~, at most 256 characters';
  return undefined;
}

/** Escapes a literal for use inside a regular expression. */
export function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A Gateway API duration (`^([0-9]{1,5}(h|m|s|ms)){1,4}$`): `30s`, `1m30s`, `1s500ms`.
 */
export function gatewayApiDuration(milliseconds: number): string {
  let rest = milliseconds;
  const parts: string[] = [];
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n}${unit}`);
  }
  return parts.length > 0 ? parts.join('') : '0s';
}

/** A .NET TimeSpan as configuration binds it: `00:00:30`, `00:01:30.500`, `1.02:00:00`. */
export function dotnetTimeSpan(milliseconds: number): string {
  const days = Math.floor(milliseconds / 86_400_000);
  let rest = milliseconds - days * 86_400_000;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const ms = rest - seconds * 1000;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days > 0 ? `${days}.` : ''}${two(hours)}:${two(minutes)}:${two(seconds)}${ms > 0 ? `.${String(ms).padStart(3, '0')}` : ''}`;
}

/** A lowercase, valid DNS-1123 label from any string, for object and config keys. */
export function toLabel(value: string, fallback: string): string {
  const label = value.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
  return label || fallback;
}
