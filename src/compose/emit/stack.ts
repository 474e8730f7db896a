import { EmitContext } from './context';
import { ImagePolicy } from '../../core/image-ref';
import { toDns1035Label } from '../../core/names';
import { Platform } from '../../platform';
import { NetworkPolicyMode } from '../../stack';
import { Expr } from '../program';

/** The options of ComposeOptions that say how to read and map the compose files; the rest are the stack's props. */
export const COMPOSE_OPTION_KEYS = new Set([
  'files', 'envFile', 'variables', 'profiles', 'publishedPorts', 'routes', 'backingServices', 'externals', 'projectDirectory',
  'buildContextRoot', 'fileSystem',
]);

/** Props the emitter writes itself, whatever the options say. */
const WRITTEN = new Set(['namespace', 'imagePolicy', 'networkPolicy', 'serviceUrls', 'defaultResources', 'internalNetworks', 'validation']);

/** The presets a printed app can name. */
const PLATFORMS: Array<[string, Platform]> = [
  ['LOCAL', Platform.LOCAL], ['LOCAL_ENVOY', Platform.LOCAL_ENVOY], ['AKS', Platform.AKS], ['AKS_APP_ROUTING', Platform.AKS_APP_ROUTING], ['GKE', Platform.GKE],
];

/**
 * `new MicroserviceStack(app, id, {...})` for a compose app: images as compose runs them
 * (untagged and `latest` allowed), compose's reachability (NETWORKS) unless the options say
 * otherwise, no service URL variables (compose services name their hosts themselves), requests
 * for scheduling and no limits unless compose sets them, and the stack props of the options.
 */
export function emitStack(ctx: EmitContext): void {
  const o = ctx.options;
  const props: { [key: string]: unknown } = {
    namespace: o.namespace ?? toDns1035Label(ctx.plan.project),
    imagePolicy: enumValue('ImagePolicy', o.imagePolicy ?? ImagePolicy.ALLOW_UNPINNED),
    networkPolicy: enumValue('NetworkPolicyMode', o.networkPolicy ?? (o.networkPolicies === false ? NetworkPolicyMode.NONE : NetworkPolicyMode.NETWORKS)),
    serviceUrls: false,
    defaultResources: o.defaultResources !== undefined ? valueCode(o.defaultResources) : {
      cpu: { request: Expr.sym('kplus').get('Cpu').method('millis', 100) },
      memory: { request: Expr.sym('Size').method('mebibytes', 128) },
    },
  };
  const internal = ctx.plan.networks.filter(n => n.internal).map(n => n.name);
  if (internal.length > 0) props.internalNetworks = internal;
  for (const [k, v] of Object.entries(o)) {
    if (COMPOSE_OPTION_KEYS.has(k) || WRITTEN.has(k) || v === undefined) continue;
    props[k] = valueCode(v);
  }
  const validation = validationProps(ctx);
  if (validation) props.validation = valueCode(validation);
  ctx.stack = ctx.program.declare('stack', Expr.sym('MicroserviceStack').construct(Expr.v('app'), ctx.input.stackId, props));
}

/** The user's validation options (what the compose files say exists outside the app is declared by the mounts). */
function validationProps(ctx: EmitContext): { [key: string]: unknown } | undefined {
  const user = ctx.options.validation;
  return user && Object.keys(user).length > 0 ? { ...user } : undefined;
}

/** `Enum.MEMBER` of one of the library's enums (its members are named as their values). */
export function enumValue(enumName: string, value: string): Expr {
  return Expr.sym(enumName).get(value);
}

/** `kplus.Enum.MEMBER`. */
export function kplusEnum(enumName: string, member: string): Expr {
  return Expr.sym('kplus').get(enumName).get(member);
}

/**
 * A value of the options as code: plain values as literals, platform presets by name. Other
 * objects run as they are and cannot be printed (`init` says so).
 */
export function valueCode(value: unknown): Expr {
  return codeOf(value) ?? Expr.opaque(value);
}

function codeOf(value: unknown): Expr | undefined {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return Expr.of(value);
  if (Array.isArray(value)) {
    const items = value.map(codeOf);
    return items.every(i => i !== undefined) ? Expr.opaque(value, Expr.of(items)) : undefined;
  }
  if (value instanceof Platform) {
    const preset = PLATFORMS.find(([, p]) => p === value);
    return preset ? Expr.opaque(value, Expr.sym('Platform').get(preset[0])) : undefined;
  }
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, codeOf(v)] as const);
    return entries.every(([, c]) => c !== undefined) ? Expr.opaque(value, Expr.of(Object.fromEntries(entries))) : undefined;
  }
  return undefined;
}
