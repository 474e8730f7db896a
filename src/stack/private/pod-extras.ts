/**
 * What every workload of the stack may add to its pods besides containers: sysctls, pod
 * annotations, Services of other names (aliases) and init containers that wait for other parts
 * of the stack. Microservices, backing services and jobs share them.
 */
import { Lazy, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { networkPodLabels } from './network-policies';
import { StackContext } from './stack-context';
import { HeadlessService } from './workload-parts';
import { propError, PropProblem } from '../../core/errors';
import { dns1035LabelProblem, toDns1035Label } from '../../core/names';
import { PodSecurityLevel, restrictedSecurityContext } from '../../core/pod-security';
import { StackWorkloadOptions } from '../container-options';
import { PART_OF_LABEL, SERVICE_LABEL } from '../labels';

const TYPE = 'MicroserviceStack';

/**
 * The sysctls Kubernetes deems safe (namespaced, and allowed by the baseline and restricted Pod
 * Security Standards).
 *
 * @see https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/#safe-and-unsafe-sysctls
 */
export const SAFE_SYSCTLS: readonly string[] = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
];

/** The image of the init containers that wait for a part of the stack: a tagged busybox, which has `nc`. */
export const WAIT_IMAGE = 'busybox:1.36';

/** Throws the first problem of a workload's pod options: sysctls, aliases, waitFor. */
export function checkPodOptions(scope: Construct, options: StackWorkloadOptions, prop: string): void {
  const problems = [...sysctlProblems(options, prop), ...aliasProblems(options, prop), ...waitForProblems(options, prop)];
  if (problems.length > 0) throw propError(scope, TYPE, problems[0]);
}

function sysctlProblems(options: StackWorkloadOptions, prop: string): PropProblem[] {
  const privileged = options.podSecurity === PodSecurityLevel.PRIVILEGED;
  const problems: PropProblem[] = [];
  for (const [name, value] of Object.entries(options.sysctls ?? {})) {
    if (!/^[a-z0-9]([-_a-z0-9]*[a-z0-9])?([./][a-z0-9]([-_a-z0-9]*[a-z0-9])?)*$/.test(name)) {
      problems.push({ prop: `${prop}.sysctls`, rule: 'must name a kernel parameter such as net.ipv4.tcp_keepalive_time', value: name, fix: 'fix the name' });
    } else if (!privileged && !SAFE_SYSCTLS.includes(name)) {
      problems.push({
        prop: `${prop}.sysctls`,
        rule: `must be a safe sysctl (${SAFE_SYSCTLS.join(', ')}) unless the workload is PRIVILEGED`,
        value: name,
        fix: 'drop it, or set podSecurity: PodSecurityLevel.PRIVILEGED and allow it on the kubelet (--allowed-unsafe-sysctls)',
      });
    }
    if (typeof value !== 'string') problems.push({ prop: `${prop}.sysctls.${name}`, rule: 'must be a string', value, fix: 'write the value as a string, such as "0"' });
  }
  return problems;
}

function aliasProblems(options: StackWorkloadOptions, prop: string): PropProblem[] {
  const seen = new Set<string>();
  const problems: PropProblem[] = [];
  (options.aliases ?? []).forEach((alias, i) => {
    const problem = dns1035LabelProblem(alias);
    if (problem) problems.push({ prop: `${prop}.aliases[${i}]`, rule: `${problem}, because it becomes a Service's DNS name`, value: alias, fix: `use "${toDns1035Label(alias)}"` });
    if (seen.has(alias)) problems.push({ prop: `${prop}.aliases[${i}]`, rule: 'must be listed once', value: alias, fix: 'drop the repeated alias' });
    seen.add(alias);
  });
  return problems;
}

function waitForProblems(options: StackWorkloadOptions, prop: string): PropProblem[] {
  return (options.waitFor ?? []).flatMap((name, i) => (typeof name === 'string' && name !== '' ? [] : [{
    prop: `${prop}.waitFor[${i}]`, rule: 'must name a part of the stack', value: name, fix: 'pass the name of a service, backing service or job',
  }]));
}

/** The labels that select every pod of a part of the stack (both tracks of a release too). */
export function podSelectorOf(name: string, appName: string): () => { [key: string]: string } {
  return () => ({ [SERVICE_LABEL]: name, [PART_OF_LABEL]: appName });
}

/** The pod's sysctls as cdk8s-plus takes them, if any. */
export function sysctlsOf(options: StackWorkloadOptions): kplus.Sysctl[] | undefined {
  const entries = Object.entries(options.sysctls ?? {});
  return entries.length > 0 ? entries.map(([name, value]) => ({ name, value })) : undefined;
}

/**
 * The pod annotations and the init containers that wait for other parts of the stack (each until
 * the part's Service accepts connections on its main port; the port is read at synth, once every
 * part is added).
 */
export function addPodExtras(pod: kplus.AbstractPod, options: StackWorkloadOptions, context: StackContext): void {
  // Only the user's networks decide these labels, so the pod template stays the same otherwise.
  for (const [k, v] of Object.entries(networkPodLabels(context.mode, options.networks ?? ['default']))) pod.podMetadata.addLabel(k, v);
  for (const [k, v] of Object.entries(options.podAnnotations ?? {})) pod.podMetadata.addAnnotation(k, v);
  for (const target of options.waitFor ?? []) {
    const script = Lazy.any({
      produce: () => `until nc -z -w 2 ${target} ${context.portOf(target) ?? 80}; do echo waiting for ${target}; sleep 2; done`,
    }) as unknown as string;
    pod.addInitContainer({
      name: `wait-for-${target}`.slice(0, 63).replace(/-+$/, ''),
      image: WAIT_IMAGE,
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      command: ['sh', '-c', script],
      securityContext: restrictedSecurityContext({ user: 65534, group: 65534, readOnlyRootFilesystem: true }),
      resources: {
        cpu: { request: kplus.Cpu.millis(10), limit: kplus.Cpu.millis(100) },
        memory: { request: Size.mebibytes(16), limit: Size.mebibytes(32) },
      },
    });
  }
}

/**
 * A Service of each alias name that selects the same pods as `service` with its ports (type
 * ClusterIP), or, for a workload without a Service, a headless Service (its name resolves to the
 * pods themselves, on any port).
 */
export function addAliasServices(
  scope: Construct, aliases: string[], service: kplus.Service | undefined, podLabels: () => { [key: string]: string },
): kplus.Service[] {
  return aliases.map(alias => {
    const id = `Alias-${alias}`;
    if (!service) return new HeadlessService(scope, id, { metadata: { name: alias }, ports: [] }, podLabels);
    const copy = new kplus.Service(scope, id, {
      metadata: { name: alias },
      ports: service.ports.map(p => ({ port: p.port, targetPort: p.targetPort, name: p.name, protocol: p.protocol })),
    });
    for (const [k, v] of Object.entries(podLabels())) copy.selectLabel(k, v);
    return copy;
  });
}
