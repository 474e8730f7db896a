/**
 * The parts of a stack as its registry knows them (StackMember): what the NetworkPolicies,
 * service URLs and checks read, drawn from the public parts.
 */
import * as kplus from 'cdk8s-plus-28';
import { StackMember } from './stack-context';
import { PodSecurityLevel } from '../../core/pod-security';
import { ResolvedPort } from '../../workload/port-list';
import { ServicePort } from '../../workload/service-port';
import { BackingService } from '../backing-service';
import { Microservice } from '../microservice';
import { OneShotJob } from '../one-shot-job';

/** The part's ports with their defaults (the parts keep them resolved). */
function resolved(ports: ServicePort[]): ResolvedPort[] {
  return ports.map(p => ({ port: p.port, protocol: p.protocol ?? kplus.Protocol.TCP, name: p.name ?? '' }));
}

/** A member whose level is read when the policies and checks run, after every sidecar is in. */
function member(
  part: {
    name: string;
    ports: ServicePort[];
    talksTo: string[];
    waitFor: string[];
    networks: string[];
    service?: kplus.Service;
    podSecurity: PodSecurityLevel;
  },
  urlScheme: string, method: string,
): StackMember {
  return {
    name: part.name,
    memberPorts: resolved(part.ports),
    talksTo: part.talksTo,
    waitFor: part.waitFor,
    networks: part.networks,
    serviceType: part.service?.type,
    urlPort: part.service?.ports[0]?.port,
    urlScheme,
    method,
    get podSecurity() {
      return part.podSecurity;
    },
  };
}

/** A microservice: called over HTTP. */
export function serviceMember(s: Microservice): StackMember {
  return member(s, 'http', 'addService');
}

/** A backing service: called over its own protocol. */
export function backingMember(b: BackingService): StackMember {
  return member(b, 'tcp', 'addBackingService');
}

/** A job. */
export function jobMember(j: OneShotJob): StackMember {
  return member(j, 'http', 'addJob');
}
