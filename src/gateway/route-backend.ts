import * as kplus from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import { KPLUS_SERVICE, ROUTE_BACKEND_OPTIONS, SERVICE_NAME_BACKEND_OPTIONS } from './prop-types';
import { AppIndex } from '../core/app-registry';
import { checkArguments, factoryFail, required, types } from '../core/prop-types';
import { closestName } from '../core/suggest';
import { ProbedDeployment } from '../workload/probed-deployment';
import { BackendResolution } from './render/route-model';

/**
 * Options of a {@link RouteBackend}.
 */
export interface RouteBackendOptions {
  /**
   * The Service port to send traffic to (the Service's `port`, not the container port).
   *
   * @default - the Service's only port, or its port named "http"
   */
  readonly port?: number;

  /**
   * Share of the route's traffic, relative to the other backends of the route (0 to 1,000,000,
   * as in Gateway API). 0 sends this backend nothing. CanaryRelease sets weights such as 90/10.
   *
   * Gateway API renders the weights as they are. YARP and Ocelot balance their destinations
   * equally, so every backend with a weight above 0 must have the same weight; Ingress sends a
   * path to a single Service, so exactly one backend may have a weight above 0.
   *
   * @default 1
   */
  readonly weight?: number;
}

/**
 * Options of {@link RouteBackend.fromServiceName}.
 */
export interface ServiceNameBackendOptions extends RouteBackendOptions {
  /**
   * The Service's namespace.
   *
   * @default - the namespace of the gateway's chart
   */
  readonly namespace?: string;
}

/**
 * Where a route sends traffic: a Service of the app and one of its ports, with an optional
 * weight.
 *
 * Checked at synth: the Service must be part of the app and have the port.
 */
export class RouteBackend {
  /**
   * A Service of the app.
   *
   * @example
   * RouteBackend.fromService(catalog.service!, { port: 80 })
   */
  public static fromService(service: kplus.Service, options: RouteBackendOptions = {}): RouteBackend {
    checkArguments(factoryFail('RouteBackend.fromService', 'RouteBackend'), { service: [service, required(KPLUS_SERVICE)], options: [options, types.props(ROUTE_BACKEND_OPTIONS)] });
    return new RouteBackend({ service }, options);
  }

  /**
   * The Service of a ProbedDeployment (`deployment.service`): the deployment must be exposed
   * (`exposure` or `expose()`) by synth time.
   *
   * @example
   * RouteBackend.fromDeployment(catalog, { weight: 90 })
   */
  public static fromDeployment(deployment: ProbedDeployment, options: RouteBackendOptions = {}): RouteBackend {
    checkArguments(factoryFail('RouteBackend.fromDeployment', 'RouteBackend'), {
      deployment: [deployment, required(types.instance(ProbedDeployment, 'ProbedDeployment', 'pass a ProbedDeployment with a Service (exposure or expose())'))],
      options: [options, types.props(ROUTE_BACKEND_OPTIONS)],
    });
    return new RouteBackend({ deployment }, options);
  }

  /**
   * A Service of the app by name, for Services you have no object for (another construct made
   * it). It must still exist in the app at synth.
   *
   * @example
   * RouteBackend.fromServiceName('catalog', { port: 80 })
   */
  public static fromServiceName(name: string, options: ServiceNameBackendOptions = {}): RouteBackend {
    checkArguments(factoryFail('RouteBackend.fromServiceName', 'RouteBackend'), { name: [name, required(types.string('catalog'))], options: [options, types.props(SERVICE_NAME_BACKEND_OPTIONS)] });
    return new RouteBackend({ name, namespace: options.namespace }, options);
  }

  /** The Service port asked for, if any. */
  public readonly port?: number;
  /** The weight asked for, if any (1 when not given). */
  public readonly weight?: number;

  private readonly target: BackendTarget;

  private constructor(target: BackendTarget, options: RouteBackendOptions) {
    this.target = target;
    this.port = options.port;
    this.weight = options.weight;
  }

  /** The weight used for traffic shares: `weight`, 1 when not given. */
  public get effectiveWeight(): number {
    return this.weight ?? 1;
  }

  /**
   * The Service's name and namespace as far as they are known now (a deployment not yet
   * exposed has none).
   *
   * @internal
   */
  public _serviceRef(): { readonly name: string; readonly namespace?: string } | undefined {
    const t = this.target;
    const service = t.service ?? t.deployment?.service;
    if (service) return { name: service.name, namespace: service.metadata.namespace };
    return t.name !== undefined ? { name: t.name, namespace: t.namespace } : undefined;
  }

  /**
   * The Service name, namespace and port at synth, or what is wrong.
   *
   * @internal
   */
  public _resolve(route: IConstruct, defaultNamespace: string | undefined): BackendResolution {
    const t = this.target;
    let service = t.service;
    if (t.deployment) {
      if (t.deployment.node.root !== route.node.root) {
        return { problem: { rule: `must be part of this app, but ${t.deployment.node.path} belongs to another App`, value: t.deployment.node.path, fix: 'create the deployment in the same App as the gateway' } };
      }
      service = t.deployment.service;
      if (!service) {
        return {
          problem: {
            rule: `must be exposed by a Service, but ${t.deployment.node.path} has none`,
            value: t.deployment.node.path,
            fix: 'call expose({ name }) on the deployment or pass exposure: ServiceExposure.clusterIp()',
          },
        };
      }
    }
    if (service) {
      if (service.node.root !== route.node.root) {
        return { problem: { rule: `must be a Service of this app, but ${service.node.path} belongs to another App`, value: service.name, fix: 'create the Service in the same App as the gateway' } };
      }
      const ports = service.ports.map(p => ({ port: p.port, name: p.name }));
      return this.pickPort(service.name, service.metadata.namespace, ports, service.type === kplus.ServiceType.EXTERNAL_NAME);
    }
    const namespace = t.namespace ?? defaultNamespace;
    const index = AppIndex.of(route);
    const found = index.find('Service', namespace, t.name!);
    if (!found) {
      const meant = closestName(t.name!, index.names('Service', namespace));
      return {
        problem: {
          rule: `must name a Service of this app, but there is no Service "${t.name}"${namespace ? ` in namespace "${namespace}"` : ''}`,
          value: t.name,
          fix: meant !== undefined
            ? `did you mean "${meant}"? Use RouteBackend.fromServiceName('${meant}')`
            : 'create the Service (for example ProbedDeployment.expose({ name })) or fix the name and namespace',
        },
      };
    }
    const spec = found.toJson().spec ?? {};
    const ports = (spec.ports ?? []).map((p: any) => ({ port: p.port, name: p.name }));
    return this.pickPort(t.name!, namespace, ports, spec.type === 'ExternalName');
  }

  private pickPort(name: string, namespace: string | undefined, ports: PortRef[], externalName: boolean): BackendResolution {
    const list = ports.map(p => p.name ? `${p.port} (${p.name})` : String(p.port)).join(', ');
    let port = this.port;
    if (port === undefined) {
      const chosen = ports.length === 1 ? ports[0] : ports.find(p => p.name === 'http');
      if (!chosen) {
        return {
          problem: ports.length === 0
            ? { rule: `needs a port: Service "${name}" has none`, value: undefined, fix: 'pass port, or give the Service a port' }
            : { rule: `must choose one of the ports of Service "${name}" (${list})`, value: undefined, fix: 'pass port, or name one of the ports "http"' },
        };
      }
      port = chosen.port;
    } else if (!ports.some(p => p.port === port) && !(externalName && ports.length === 0)) {
      return {
        problem: {
          rule: `must be a port of Service "${name}" (${list || 'it has none'})`,
          value: port,
          fix: 'use the Service port (clients\' port, such as 80), not the container port',
        },
      };
    }
    return { backend: { name, namespace, port, weight: this.weight } };
  }
}

/** A Service port as a backend sees it. */
interface PortRef {
  readonly port: number;
  readonly name?: string;
}

/** What a RouteBackend points at. */
interface BackendTarget {
  readonly service?: kplus.Service;
  readonly deployment?: ProbedDeployment;
  readonly name?: string;
  readonly namespace?: string;
}
