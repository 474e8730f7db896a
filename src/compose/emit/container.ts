import { join, relative } from 'path';
import { EmitContext } from './context';
import { mountExprs, sizeExpr } from './mounts';
import { healthChecksWith } from './probes';
import { enumValue, kplusEnum } from './stack';
import { ContainerPlan, PortPlan, ResourcesPlan, SecurityPlan } from '../map/plan';
import { Expr } from '../program';

type Props = { [key: string]: unknown };

/** The stack's default requests of a converted app (emitStack): a limit alone keeps a request no higher. */
const DEFAULT_REQUEST = { cpuMillis: 100, memoryBytes: 128 * 2 ** 20 };

/** Kubernetes' pull policies as cdk8s-plus names them. */
const PULL: { [policy: string]: string } = { Always: 'ALWAYS', IfNotPresent: 'IF_NOT_PRESENT', Never: 'NEVER' };

/**
 * The ContainerOptions of a container: image, command, environment, ports, resources, security
 * and mounts, each only when it says something the stack would not do by itself.
 */
export function containerProps(ctx: EmitContext, c: ContainerPlan, ports: PortPlan[]): Props {
  const props: Props = { image: c.image.image };
  if (c.image.pullPolicy !== undefined && PULL[c.image.pullPolicy]) props.imagePullPolicy = kplusEnum('ImagePullPolicy', PULL[c.image.pullPolicy]);
  if (c.command !== undefined) props.command = c.command;
  if (c.args !== undefined) props.args = c.args;
  if (c.workingDir !== undefined) props.workingDir = c.workingDir;
  if (Object.keys(c.env).length > 0) props.config = c.env;
  if (Object.keys(c.secretEnv).length > 0) {
    props.secrets = Object.fromEntries(Object.entries(c.secretEnv).map(([k, v]) => [k, Expr.sym('SecretValue').method('literal', v)]));
  }
  props.ports = ports.map(portProps);
  const resources = resourcesProps(c.resources);
  if (resources) props.resources = resources;
  Object.assign(props, securityProps(c.security));
  const mounts = mountExprs(ctx, c.mounts);
  if (mounts.length > 0) props.mounts = mounts;
  return props;
}

/** A sidecar: its container props, its name and its probes. */
export function sidecarProps(ctx: EmitContext, c: ContainerPlan, ports: PortPlan[], declare: Declare): Props {
  const props: Props = { name: c.name, ...containerProps(ctx, c, ports) };
  if (ports.length === 0) delete props.ports;
  if (c.probes.readiness || c.probes.liveness) props.healthChecks = healthChecksWith(c.probes, c.name, declare);
  return props;
}

/** Declares a variable that the next statement uses (after that statement's comments). */
export type Declare = (preferred: string, expr: Expr) => Expr;

function portProps(p: PortPlan): Props {
  return {
    port: p.port,
    ...p.protocol !== 'TCP' ? { protocol: kplusEnum('Protocol', p.protocol) } : {},
    ...p.name !== `${p.protocol.toLowerCase()}-${p.port}` ? { name: p.name } : {},
  };
}

/**
 * CPU and memory as compose says them, each kind only when compose names it (the stack's
 * defaults, requests without limits, fill the rest). A limit alone keeps the default request, or
 * the limit when it is lower: Kubernetes would otherwise request the whole limit.
 */
function resourcesProps(r: ResourcesPlan): Props | undefined {
  const cpuMillis = (n: number) => Expr.sym('kplus').get('Cpu').method('millis', n);
  const out: Props = {};
  if (r.cpuLimitMillis !== undefined || r.cpuRequestMillis !== undefined) {
    const request = r.cpuRequestMillis ?? Math.min(DEFAULT_REQUEST.cpuMillis, r.cpuLimitMillis!);
    out.cpu = { request: cpuMillis(request), ...r.cpuLimitMillis !== undefined ? { limit: cpuMillis(r.cpuLimitMillis) } : {} };
  }
  if (r.memoryLimitBytes !== undefined || r.memoryRequestBytes !== undefined) {
    const request = r.memoryRequestBytes ?? Math.min(DEFAULT_REQUEST.memoryBytes, r.memoryLimitBytes!);
    out.memory = { request: sizeExpr(request), ...r.memoryLimitBytes !== undefined ? { limit: sizeExpr(r.memoryLimitBytes) } : {} };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The security options of a level, leaving out what the stack does by itself at that level. */
export function securityProps(s: SecurityPlan): Props {
  const props: Props = {};
  const restricted = s.level === 'RESTRICTED';
  if (!restricted) props.podSecurity = enumValue('PodSecurityLevel', s.level);
  if (s.runAsUser !== undefined) props.runAsUser = s.runAsUser;
  if (s.runAsGroup !== undefined && s.runAsGroup !== s.runAsUser) props.runAsGroup = s.runAsGroup;
  if (!restricted && s.readOnlyRootFilesystem) props.readOnlyRootFilesystem = true;
  // The stack's default: /tmp with a read-only root, nothing with a writable one.
  const defaultPaths = s.readOnlyRootFilesystem ? ['/tmp'] : [];
  if (JSON.stringify(s.writablePaths) !== JSON.stringify(defaultPaths)) props.writablePaths = s.writablePaths;
  if (s.addCapabilities.length > 0) props.addCapabilities = s.addCapabilities;
  if (!restricted && s.dropCapabilities.length > 0) props.dropCapabilities = s.dropCapabilities;
  if (s.privileged) props.privileged = true;
  return props;
}

/** The build of an image for Skaffold: its context relative to where skaffold.yaml will be. */
export function buildProps(ctx: EmitContext, c: ContainerPlan): Props {
  const b = c.image.build;
  if (!b) return {};
  const root = ctx.options.buildContextRoot ?? ctx.input.model.project.directory;
  const context = relative(root, join(ctx.input.model.project.directory, b.context)).split('\\').join('/') || '.';
  const args = Object.keys(b.args).length > 0 ? b.args : undefined;
  return {
    buildContext: context,
    ...b.dockerfile !== undefined && b.dockerfile !== 'Dockerfile' ? { dockerfile: b.dockerfile } : {},
    ...b.target !== undefined ? { buildTarget: b.target } : {},
    ...args ? { buildArgs: args } : {},
  };
}
