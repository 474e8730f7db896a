import * as kplus from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import { Warnings } from '../../core/warnings';
import { Microservice } from '../microservice';
import { MicroserviceOptions } from '../microservice-options';

const TYPE = 'MicroserviceStack';
/** The endpoints the .NET Aspire service defaults map, in Development only. */
const ASPIRE_PATHS = ['/alive', '/health'];

/**
 * Sets `ASPNETCORE_ENVIRONMENT` on every Deployment of a service, unless the service sets it in
 * `env` or `config` itself.
 */
export function applyAspNetCoreEnvironment(service: Microservice, environment: string | undefined, options: MicroserviceOptions): void {
  if (environment === undefined) return;
  if (options.env?.ASPNETCORE_ENVIRONMENT !== undefined || options.config?.ASPNETCORE_ENVIRONMENT !== undefined) return;
  for (const d of service.workloads) d.mainContainer.env.addVariable('ASPNETCORE_ENVIRONMENT', kplus.EnvValue.fromValue(environment));
}

/** The HTTP paths a service's main container is probed on. */
export function probedPaths(service: Microservice): string[] {
  const d = service.deployment;
  const probes = [d.liveness, d.readiness, d.startup].filter((p): p is NonNullable<typeof p> => p !== undefined);
  return [...new Set(probes.map(p => p._toKube(d.port).httpGet?.path).filter((p): p is string => p !== undefined))];
}

/**
 * The .NET Aspire service defaults map `/alive` and `/health` only in Development: outside it the
 * startup probe gets 404s and the kubelet restarts the container forever. Said once per stack,
 * naming the services, while the stack leaves the environment unset (Production by default):
 * setting `aspNetCoreEnvironment` is the decision the warning asks for, and the prerequisites
 * list keeps saying what the images must answer.
 * Source: dotnet/aspire@b8618b424cda5fde211a55538d9571c6828e95cb
 * src/Aspire.ProjectTemplates/templates/aspire-servicedefaults/Extensions.cs (MapDefaultEndpoints).
 */
export function healthEndpointWarning(stackPath: string, services: Microservice[], environment: string | undefined): string | undefined {
  if (environment !== undefined) return undefined;
  // Probes the user gave (a compose healthcheck, HealthChecks.of) answer where they were written.
  const probed = services.filter(s => s.defaultHealthChecks && probedPaths(s).some(p => ASPIRE_PATHS.includes(p)) && !setsEnvironment(s));
  if (probed.length === 0) return undefined;
  return `[${stackPath}] ${TYPE}: ${probed.map(s => s.name).join(', ')} ${probed.length === 1 ? 'is' : 'are'} probed on /alive and /health (HealthChecks.aspNetCore()) `
    + 'and ASPNETCORE_ENVIRONMENT is not set, so ASP.NET Core runs as Production, where the .NET Aspire service defaults do not map those endpoints; '
    + 'map them in every environment in each image (app.MapHealthChecks("/health"); app.MapHealthChecks("/alive", new() { Predicate = r => r.Tags.Contains("live") })) '
    + 'and set aspNetCoreEnvironment, or set aspNetCoreEnvironment: "Development" on a local cluster';
}

/** Adds each warning once: validation runs at every synthesis. */
export function warnOnce(scope: IConstruct, messages: string[]): void {
  const existing = new Set(Warnings.collect(scope));
  for (const m of messages) if (!existing.has(m)) Warnings.of(scope).add(m);
}

/** A service that sets its own environment (in `env` or its ConfigMap) has decided. */
function setsEnvironment(service: Microservice): boolean {
  return service.deployment.mainContainer.env.variables.ASPNETCORE_ENVIRONMENT !== undefined
    || service.config?.data.ASPNETCORE_ENVIRONMENT !== undefined;
}
