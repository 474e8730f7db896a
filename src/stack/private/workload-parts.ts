/**
 * What the stack's StatefulSets and Jobs share: their containers (main and sidecars) built from
 * ContainerOptions, their Services, and the checks of their options.
 */
import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { buildContainer, checkContainerOptions, mountContainer, sidecarPorts, StackContainer } from './containers';
import { StackStatefulSet, StackJob } from './pod-workloads';
import { StackContext } from './stack-context';
import { propError } from '../../core/errors';
import { dns1123LabelProblem } from '../../core/names';
import { DOTNET_APP_UID } from '../../core/pod-security';
import { ExposedPort, ServiceExposure } from '../../workload';
import { ResolvedPort } from '../../workload/port-list';
import { StackWorkloadOptions } from '../container-options';

const TYPE = 'MicroserviceStack';

/** Resources of a sidecar: what sits beside a service needs less than the service. */
function sidecarResources(): kplus.ContainerResources {
  return {
    cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(200) },
    memory: { request: Size.mebibytes(64), limit: Size.mebibytes(128) },
  };
}

/** The sidecars' names: valid container names, none twice, none the main container's. */
export function checkSidecars(scope: Construct, options: StackWorkloadOptions, prop: string, mainName: string): void {
  const names = new Set([mainName]);
  (options.sidecars ?? []).forEach((s, i) => {
    const at = `${prop}.sidecars[${i}]`;
    const problem = dns1123LabelProblem(s.name ?? '');
    if (problem) throw propError(scope, TYPE, { prop: `${at}.name`, rule: problem, value: s.name, fix: 'use a short lowercase name such as "proxy"' });
    if (names.has(s.name)) throw propError(scope, TYPE, { prop: `${at}.name`, rule: 'must be unique in the pod', value: s.name, fix: 'give each container its own name' });
    names.add(s.name);
    checkContainerOptions(scope, s, at);
  });
}

/** Every port of a pod, its main container's first, each once per number and protocol. */
export function podPorts(main: ResolvedPort[], options: StackWorkloadOptions): ResolvedPort[] {
  const all = [...main, ...(options.sidecars ?? []).flatMap(sidecarPorts)];
  const seen = new Set<string>();
  return all.filter(p => {
    const key = `${p.port}/${p.protocol}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Builds the sidecars of a workload (each its own environment and mounts). */
export function buildSidecars(
  scope: Construct, name: string, part: string, prop: string, options: StackWorkloadOptions, context: StackContext,
): StackContainer[] {
  return (options.sidecars ?? []).map((s, i) => buildContainer({
    scope,
    name: s.name,
    objectName: `${name}-${s.name}`,
    part,
    prop: `${prop}.sidecars[${i}]`,
    prefix: `${s.name}-`,
    options: s,
    image: context.resolveImage(s.image, scope, `${prop}.sidecars[${i}].image`),
    ports: sidecarPorts(s),
    talksTo: [],
    probes: s.healthChecks,
    defaultUser: DOTNET_APP_UID,
    defaultResources: sidecarResources(),
  }, context));
}

/** Adds built containers to a StatefulSet or Job and mounts their mounts. */
export function addContainers(workload: StackStatefulSet | StackJob, containers: StackContainer[]): kplus.Container[] {
  return containers.map(built => {
    const container = workload.addStackContainer(built.props, built.extras);
    mountContainer(built, container, workload);
    return container;
  });
}

/**
 * A headless Service (`clusterIP: None`): its DNS name resolves to the pods themselves, one name
 * per pod (`<pod>.<service>`), which is what a StatefulSet's governing Service gives. Unlike
 * cdk8s-plus's Service it may have no ports.
 */
export class HeadlessService extends kplus.Service {
  private readonly podSelector: () => { [key: string]: string };

  public constructor(scope: Construct, id: string, props: kplus.ServiceProps, selector: () => { [key: string]: string }) {
    super(scope, id, { ...props, clusterIP: 'None', publishNotReadyAddresses: true });
    this.podSelector = selector;
  }

  /** @internal */
  public _toKube(): any {
    if (this.ports.length > 0) return super._toKube();
    return { clusterIp: 'None', selector: { ...this.podSelector() }, publishNotReadyAddresses: true };
  }
}

/** The same exposure with other ports (its type, annotations, node port and source ranges kept). */
export function exposureWithPorts(exposure: ServiceExposure, ports: ExposedPort[]): ServiceExposure {
  if (exposure.type === kplus.ServiceType.NODE_PORT) {
    return ServiceExposure.nodePort(exposure.requestedNodePort, { ports, annotations: exposure.annotations });
  }
  if (exposure.type === kplus.ServiceType.LOAD_BALANCER) {
    return ServiceExposure.loadBalancer({ ports, annotations: exposure.annotations, sourceRanges: exposure.sourceRanges });
  }
  return ServiceExposure.clusterIp({ ports, annotations: exposure.annotations });
}

/** Ports of a Service with the pod's numbers; TCP, Kubernetes' default, is not written. */
export function servicePorts(ports: ResolvedPort[]): kplus.ServicePort[] {
  return ports.map(p => ({ port: p.port, targetPort: p.port, name: p.name, ...p.protocol !== kplus.Protocol.TCP ? { protocol: p.protocol } : {} }));
}
