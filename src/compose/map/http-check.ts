import { basename } from 'path';

/** The HTTP GET behind a health check command. */
export interface HttpCheck {
  readonly path: string;
  readonly port: number;
  readonly scheme: 'HTTP' | 'HTTPS';
  readonly headers?: { [name: string]: string };
}

/**
 * The HTTP GET behind a `curl` or `wget` health check of the service itself, when the command
 * is nothing more than that (`curl -f http://localhost:8080/hc || exit 1`).
 * (Moved from the old plan.ts, which keeps its copy until the switch.)
 */
export function httpCheck(words: string[], ownNames: string[]): HttpCheck | undefined {
  let tokens = words;
  const or = tokens.indexOf('||');
  if (or >= 0) {
    const rest = tokens.slice(or + 1).join(' ');
    if (!['exit 1', 'exit', 'false'].includes(rest)) return undefined;
    tokens = tokens.slice(0, or);
  }
  if (tokens.some(t => ['&&', '|', ';', '>', '<'].includes(t))) return undefined;
  const tool = basename(tokens[0] ?? '');
  if (tool !== 'curl' && tool !== 'wget') return undefined;
  let url: string | undefined;
  const headers: { [name: string]: string } = {};
  const curlNoArg = /^(-[fsSLkqI46]+|--fail|--silent|--show-error|--location|--insecure|--head|--fail-with-body|--no-progress-meter)$/;
  const curlArg = /^(-o|--output|-m|--max-time|--connect-timeout|--retry|-X|--request|-w|--write-out|-H|--header|-A|--user-agent)$/;
  const wgetNoArg = /^(-q|--quiet|--spider|-nv|--no-verbose|--no-check-certificate|-qO-|-O-|-q--spider|--timeout=\d+|--tries=\d+|-T\d+|-t\d+)$/;
  const wgetArg = /^(-O|-qO|--output-document|-T|--timeout|-t|--tries|-U|--user-agent|--header)$/;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    const noArg = tool === 'curl' ? curlNoArg : wgetNoArg;
    const withArg = tool === 'curl' ? curlArg : wgetArg;
    if (noArg.test(t) || /^--header=/.test(t)) {
      if (t.startsWith('--header=')) addHeader(headers, t.slice('--header='.length));
      continue;
    }
    if (withArg.test(t)) {
      const arg = tokens[++i];
      if (arg === undefined) return undefined;
      if ((t === '-X' || t === '--request') && !['GET', 'HEAD'].includes(arg.toUpperCase())) return undefined;
      if (t === '-H' || t === '--header') {
        if (!addHeader(headers, arg)) return undefined;
      }
      continue;
    }
    if (t.startsWith('-') || url !== undefined) return undefined;
    url = t;
  }
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  const host = parsed.hostname.toLowerCase();
  const local = ['localhost', '127.0.0.1', '0.0.0.0', '[::1]', '::1'];
  if (!local.includes(host) && !ownNames.map(n => n.toLowerCase()).includes(host)) return undefined;
  const scheme = parsed.protocol === 'https:' ? 'HTTPS' : 'HTTP';
  const p = parsed.port !== '' ? Number(parsed.port) : (scheme === 'HTTPS' ? 443 : 80);
  return { path: `${parsed.pathname}${parsed.search}` || '/', port: p, scheme, headers: Object.keys(headers).length > 0 ? headers : undefined };
}
function addHeader(headers: { [name: string]: string }, text: string): boolean {
  const colon = text.indexOf(':');
  if (colon <= 0) return false;
  headers[text.slice(0, colon).trim()] = text.slice(colon + 1).trim();
  return true;
}
