import { ApiObject } from 'cdk8s';
import { StackRegistry } from './stack-registry';
import { Microservice } from '../microservice';

const TYPE = 'MicroserviceStack';

/** URLs: `scheme://[user@]host[:port]`. */
const URL_HOST = /\b[a-z][a-z0-9+.-]*:\/\/(?:[^@/\s]*@)?([a-z0-9.-]+)/gi;
/** ADO.NET, Npgsql and similar connection strings: `Host=db;`, `Server=tcp:db,1433;`, `Data Source=db`. */
const KEY_HOST = /(?:^|;)\s*(?:host|server|data source|address|addr|endpoint)\s*=\s*(?:tcp:)?([a-z0-9.-]+)/gi;
/** StackExchange.Redis and brokers: `redis:6379,abortConnect=false`. */
const HOST_PORT = /^([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*):\d{2,5}(?:[,/]|$)/i;

/** One configured value of a service, and where it comes from. */
interface Setting {
  readonly key: string;
  readonly value?: string;
  /** The Secret it is read from, for a value the stack cannot see. */
  readonly secret?: string;
}

/**
 * A service whose configuration names a host of the stack that its `talksTo` leaves out is
 * blocked by its own NetworkPolicy at run time, with nothing said at synth: each such setting
 * is a warning with the fix. Connection strings read from Secrets cannot be read; a service with
 * one and no database in `talksTo` is warned about too.
 */
export function talksToWarnings(registry: StackRegistry): string[] {
  const warnings: string[] = [];
  for (const svc of registry.services.values()) {
    const where = `[${svc.node.path}] ${TYPE}`;
    const allowed = new Set(svc.talksTo);
    const named = new Map<string, string[]>();
    const unknown = new Map<string, string[]>();
    const settings = settingsOf(svc);
    for (const s of settings.filter(x => x.value !== undefined)) {
      for (const { host, connectionString } of hostsIn(s.value!)) {
        const target = stackNameOf(host, registry);
        if (target === svc.name) continue;
        if (target !== undefined && !allowed.has(target)) named.set(target, [...named.get(target) ?? [], s.key]);
        if (target === undefined && connectionString && host.includes('.')) unknown.set(host, [...unknown.get(host) ?? [], s.key]);
      }
    }
    for (const [target, keys] of [...named].sort(([a], [b]) => a.localeCompare(b))) {
      warnings.push(`${where}: configuration of "${svc.name}" names "${target}" (${[...new Set(keys)].join(', ')}) but its talksTo does not, `
        + `so its NetworkPolicy blocks the connection; add "${target}" to talksTo`);
    }
    for (const [host, keys] of [...unknown].sort(([a], [b]) => a.localeCompare(b))) {
      warnings.push(`${where}: configuration of "${svc.name}" connects to "${host}" (${[...new Set(keys)].join(', ')}), which is not part of the stack, `
        + `so its NetworkPolicy blocks the connection; add it with addExternal("<name>", "${host}", { port }) and put "<name>" in talksTo`);
    }
    warnings.push(...secretConnectionWarnings(where, svc, settings, registry));
  }
  return warnings;
}

/** A connection string from a Secret is invisible here: warn when talksTo names no database at all. */
function secretConnectionWarnings(where: string, svc: Microservice, settings: Setting[], registry: StackRegistry): string[] {
  const fromSecrets = settings.filter(s => s.secret !== undefined && /^connectionstrings__|connection_?string/i.test(s.key));
  const databases = svc.talksTo.filter(t => registry.backing.has(t) || registry.externals.has(t));
  if (fromSecrets.length === 0 || databases.length > 0) return [];
  const keys = fromSecrets.map(s => `${s.key} from Secret "${s.secret}"`).join(', ');
  return [`${where}: "${svc.name}" reads connection strings (${keys}) but its talksTo names no backing service or external, `
    + 'so its NetworkPolicy blocks every database; add the database to talksTo (addBackingService, or addExternal with its port)'];
}

/** The service's plain environment, its ConfigMap, its literal secrets and the keys it reads from other Secrets. */
function settingsOf(svc: Microservice): Setting[] {
  const settings: Setting[] = [];
  for (const [key, env] of Object.entries(svc.deployment.mainContainer.env.variables)) {
    if (/^Services__.+__Url$/.test(key)) continue;
    const ref = env.valueFrom?.secretKeyRef;
    if (typeof env.value === 'string') settings.push({ key, value: env.value });
    else if (ref && ref.name !== svc.literalSecrets?.name) settings.push({ key, secret: ref.name });
  }
  for (const [key, value] of Object.entries(svc.config?.data ?? {})) settings.push({ key, value });
  const literals = svc.literalSecrets ? ApiObject.of(svc.literalSecrets).toJson().stringData ?? {} : {};
  for (const [key, value] of Object.entries(literals)) settings.push({ key, value: String(value) });
  return settings;
}

function hostsIn(value: string): Array<{ host: string; connectionString: boolean }> {
  const found: Array<{ host: string; connectionString: boolean }> = [];
  for (const m of value.matchAll(URL_HOST)) found.push({ host: m[1].toLowerCase(), connectionString: false });
  for (const m of value.matchAll(KEY_HOST)) found.push({ host: m[1].toLowerCase(), connectionString: true });
  const hp = HOST_PORT.exec(value.trim());
  if (hp && !value.includes('://')) found.push({ host: hp[1].toLowerCase(), connectionString: true });
  return found;
}

/** The stack name a host resolves to: `catalog`, `catalog.eshop`, `catalog.eshop.svc.cluster.local`, or an external's host. */
function stackNameOf(host: string, registry: StackRegistry): string | undefined {
  for (const e of registry.externals.values()) {
    if (e.alias.externalName.toLowerCase() === host) return e.alias.service.name;
  }
  const first = host.split('.')[0];
  const rest = host.slice(first.length);
  const clusterLocal = rest === '' || /^\.[a-z0-9-]+(\.svc(\.cluster\.local)?)?$/.test(rest);
  return clusterLocal && registry.has(first) ? first : undefined;
}
