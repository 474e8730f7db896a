import * as kplus from 'cdk8s-plus-28';
import { Fail, PropProblem } from '../../core/errors';
import { imagePropProblem } from '../../core/image-ref';
import {
  dns1123LabelProblem, dns1123SubdomainProblem, envVarNameFix, envVarNameProblem, portNameProblem, portNumberProblem, toDns1123Label,
} from '../../core/names';
import { containerSecurityProblems } from '../../core/pod-security';
import { HealthProbe } from '../health-probe';
import { portListProblems } from '../port-list';
import { resourcesProblems } from '../resource-merge';
import { WorkloadOptions } from '../workload-options';

/** The props of a ProbedDeployment these checks read. */
export interface CheckedProps extends WorkloadOptions {
  readonly image: string;
  readonly replicas?: number;
  readonly strategy?: kplus.DeploymentStrategy;
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
}

/** What is wrong with an environment variable name, with the .NET spelling as the fix. */
export function envNameProblem(prop: string, name: string): PropProblem | undefined {
  const rule = envVarNameProblem(name);
  return rule ? { prop, rule, value: name, fix: envVarNameFix(name, ' (.NET reads "__" as ":")') } : undefined;
}

/**
 * Checks that need no construct, so they run before `super()` and before kplus's own checks;
 * throws the first problem.
 */
export function checkPropsBeforeSuper(props: CheckedProps, fail: Fail): void {
  checkImage(props.image, props, 'image', fail);
  const liveness = props.liveness ?? props.healthChecks?.liveness;
  const readiness = props.readiness ?? props.healthChecks?.readiness;
  if (!props.healthChecks) checkProbesGiven(liveness, readiness, fail);
  const startup = props.startup ?? props.healthChecks?.startup;
  for (const [name, probe] of [['liveness', liveness], ['readiness', readiness], ['startup', startup]] as const) {
    if (probe) checkProbe(name, probe, fail);
  }
  checkCounts(props, fail);
  checkPort(props, fail);
  checkRollout(props, fail);
  checkNames(props, fail);
  const security = [...containerSecurityProblems(props, ''), ...resourcesProblems(props.resources, 'resources')];
  if (security.length > 0) throw fail(security[0]);
}

/** An image reference the grammar and the workload's image policy accept. */
export function checkImage(image: string, options: Pick<WorkloadOptions, 'imagePolicy'>, prop: string, fail: Fail): void {
  const problem = imagePropProblem(prop, image, options.imagePolicy);
  if (problem) throw fail(problem);
}

/** Without a HealthChecks set, both probes are required: forgetting them is an error, not a choice. */
function checkProbesGiven(liveness: HealthProbe | undefined, readiness: HealthProbe | undefined, fail: Fail): void {
  for (const [name, probe] of [['liveness', liveness], ['readiness', readiness]] as const) {
    if (!probe) {
      throw fail({
        prop: name,
        rule: 'is required: a ProbedDeployment cannot run without liveness and readiness probes',
        value: probe,
        fix: `pass ${name}: HealthProbe.httpGet('/health') (or tcpSocket / exec), or healthChecks: HealthChecks.aspNetCore() (HealthChecks.of(...) or HealthChecks.none() when it has no such endpoint)`,
      });
    }
  }
}

/** A probe's timing, thresholds and port. */
function checkProbe(name: string, probe: HealthProbe, fail: Fail): void {
  const o = probe._options;
  const period = o.period?.toSeconds() ?? 10;
  const timeout = o.timeout?.toSeconds() ?? 1;
  if (timeout > period) {
    throw fail({
      prop: `${name}.timeout`,
      rule: `must not be longer than ${name}.period (${period}s)`,
      value: `${timeout}s`,
      fix: 'shorten the timeout or lengthen the period: a probe must finish before the next one starts',
    });
  }
  if (period < 1 || timeout < 1) {
    const rule = 'and timeout must be at least 1 second';
    throw fail({ prop: `${name}.period`, rule, value: `${period}s/${timeout}s`, fix: 'use whole seconds of 1 or more' });
  }
  for (const k of ['failureThreshold', 'successThreshold'] as const) {
    const v = o[k];
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) {
      throw fail({ prop: `${name}.${k}`, rule: 'must be an integer of at least 1', value: v, fix: 'use 1 or more' });
    }
  }
  if (name !== 'readiness' && (o.successThreshold ?? 1) !== 1) {
    const fix = 'drop successThreshold, or set it on the readiness probe';
    throw fail({ prop: `${name}.successThreshold`, rule: 'must be 1 for liveness and startup probes', value: o.successThreshold, fix });
  }
  const port = probe._target.port;
  if (port !== undefined && portNumberProblem(port)) {
    throw fail({ prop: `${name}.port`, rule: 'must be an integer from 1 to 65535', value: port, fix: 'probe the container port' });
  }
}

function checkCounts(props: CheckedProps, fail: Fail): void {
  const { replicas, revisionHistoryLimit } = props;
  if (replicas !== undefined && (!Number.isInteger(replicas) || replicas < 0)) {
    const fix = 'use 2 or more for availability, 0 to stop the service';
    throw fail({ prop: 'replicas', rule: 'must be an integer of 0 or more', value: replicas, fix });
  }
  if (revisionHistoryLimit !== undefined && (!Number.isInteger(revisionHistoryLimit) || revisionHistoryLimit < 0)) {
    const fix = 'keep 10 to be able to roll back';
    throw fail({ prop: 'revisionHistoryLimit', rule: 'must be an integer of 0 or more', value: revisionHistoryLimit, fix });
  }
}

function checkPort(props: CheckedProps, fail: Fail): void {
  if (props.ports !== undefined) {
    for (const [prop, value] of [['port', props.port], ['portName', props.portName]] as const) {
      if (value !== undefined) throw fail({ prop, rule: 'cannot be set with ports', value, fix: 'list every port, the main one first, in ports' });
    }
    const problems = portListProblems(props.ports, 'ports');
    if (problems.length > 0) throw fail(problems[0]);
    return;
  }
  const port = props.port ?? 8080;
  if (portNumberProblem(port)) {
    const fix = 'use the port the app listens on, 8080 for ASP.NET Core 8+';
    throw fail({ prop: 'port', rule: 'must be an integer from 1 to 65535', value: port, fix });
  }
  if (props.portName !== undefined && portNameProblem(props.portName)) {
    throw fail({ prop: 'portName', rule: portNameProblem(props.portName)!, value: props.portName, fix: 'use a short lowercase name such as "http"' });
  }
}

function checkRollout(props: CheckedProps, fail: Fail): void {
  const surge = props.maxSurge ?? kplus.PercentOrAbsolute.percent(25);
  const unavailable = props.maxUnavailable ?? kplus.PercentOrAbsolute.absolute(0);
  if (!props.strategy && surge.isZero() && unavailable.isZero()) {
    throw fail({
      prop: 'maxSurge',
      rule: 'and maxUnavailable must not both be 0 (the rollout could never make progress)',
      value: `${surge.value} / ${unavailable.value}`,
      fix: 'keep maxUnavailable 0 and set maxSurge to 1 or 25%',
    });
  }
}

/** The Deployment's name, the environment variable names, and a Service name without exposure. */
function checkNames(props: CheckedProps, fail: Fail): void {
  const name = props.metadata?.name;
  if (name !== undefined && dns1123SubdomainProblem(name)) {
    throw fail({ prop: 'metadata.name', rule: dns1123SubdomainProblem(name)!, value: name, fix: 'use lowercase letters, digits and \'-\'' });
  }
  const namespace = props.metadata?.namespace;
  if (namespace !== undefined && dns1123LabelProblem(namespace)) {
    throw fail({ prop: 'metadata.namespace', rule: dns1123LabelProblem(namespace)!, value: namespace, fix: `use "${toDns1123Label(namespace)}"` });
  }
  for (const [prop, env] of [['env', props.env], ['envValueFrom', props.envValueFrom]] as const) {
    for (const variable of Object.keys(env ?? {})) {
      const problem = envNameProblem(prop, variable);
      if (problem) throw fail(problem);
      if (prop === 'envValueFrom' && props.env?.[variable] !== undefined) {
        throw fail({ prop, rule: 'must not name a variable that env sets too', value: variable, fix: 'keep the variable in one of the two' });
      }
    }
  }
  if (props.exposure === undefined && props.serviceName !== undefined) {
    const fix = 'add exposure: ServiceExposure.clusterIp() or call expose()';
    throw fail({ prop: 'serviceName', rule: 'needs an exposure', value: props.serviceName, fix });
  }
}
