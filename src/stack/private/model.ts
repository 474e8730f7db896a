import { StackRegistry } from './stack-registry';
import { ApiGateway } from '../../gateway';
import { Platform } from '../../platform';
import { Microservice } from '../microservice';
import { StackImageBuildModel, StackModel, StackServiceModel } from '../stack-model';

/** What the model says of the stack itself. */
export interface StackFacts {
  readonly id: string;
  readonly appName: string;
  readonly namespace?: string;
  readonly platform: Platform;
}

/** The read-only model of a stack, drawn from its registry and gateway as they are now. */
export function stackModel(facts: StackFacts, registry: StackRegistry, gateway: { resource: ApiGateway; name: string } | undefined): StackModel {
  const services = [...registry.services.values()];
  const gatewayService = gateway?.resource.service;
  return {
    ...facts,
    services: services.map(serviceModel),
    backingServices: [...registry.backing.values()].map(b => ({
      name: b.name, image: b.image, port: b.port, ports: b.ports.map(p => ({ ...p })), ...buildOf(b),
    })),
    jobs: [...registry.jobs.values()].map(j => ({ name: j.name, image: j.image, talksTo: [...j.talksTo], ...buildOf(j) })),
    externals: [...registry.externals.values()].map(e => ({ name: e.alias.service.name, host: e.alias.externalName, port: e.port })),
    volumes: [...registry.volumes.entries()].map(([name, v]) => ({ name, storageClassName: v.storageClassName, server: v.server, path: v.path })),
    mounts: registry.mounts.map(m => ({ service: m.service, volume: m.volume.node.id, path: m.path })),
    routes: services.flatMap(s => s.routePaths.map(path => ({ path, service: s.name }))),
    gateway: gateway ? { name: gateway.name, implementation: gateway.resource.kind.implementation } : undefined,
    forwardTarget: gatewayService ? { service: gatewayService.name, port: gatewayService.port } : undefined,
  };
}

function serviceModel(s: Microservice): StackServiceModel {
  return {
    name: s.name,
    port: s.port,
    ports: s.ports.map(p => ({ ...p })),
    image: s.image,
    talksTo: [...s.talksTo],
    routePaths: [...s.routePaths],
    ...buildOf(s),
    canaryWeight: s.canaryRelease?.weight,
    activeSlot: s.blueGreenRelease?.activeSlot,
  };
}

/** How a part's image is built, when it is built from source. */
function buildOf(part: StackImageBuildModel): StackImageBuildModel {
  return {
    buildContext: part.buildContext,
    dockerfile: part.dockerfile,
    buildTarget: part.buildTarget,
    buildArgs: part.buildArgs ? { ...part.buildArgs } : undefined,
  };
}
