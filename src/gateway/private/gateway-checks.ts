/**
 * The checks of an ApiGateway's props and kind, one function per concern. They need no
 * construct, so they run before `super()`; each throws the first problem it finds.
 */
import * as kplus from 'cdk8s-plus-28';
import { Fail, validationMessage } from '../../core/errors';
import { dns1035LabelProblem, dns1123LabelProblem, dns1123SubdomainProblem, portNumberProblem, toDns1035Label } from '../../core/names';
import { GatewayImplementation, GatewayKind, InClusterGatewayOptions } from '../gateway-kind';
import { HostnameCheck } from './route-checks';

/** The listener props of a gateway: its ports and TLS Secret. */
export interface ListenerProps {
  readonly tlsSecretName?: string;
  readonly httpPort?: number;
  readonly httpsPort?: number;
}

/** A route as the duplicate check sees it. */
export interface MatchedRoute {
  readonly path: string;
  readonly pathMatch: string;
  readonly methods: string[];
  readonly headers: { [name: string]: string };
  readonly effectiveHostnames: string[];
  readonly node: { readonly path: string };
}

/** The name of the Gateway, Ingress, or in-cluster Deployment and Service. */
export function checkGatewayName(name: string | undefined, kind: GatewayKind, fail: Fail): void {
  if (name === undefined) return;
  const problem = isInCluster(kind) ? dns1035LabelProblem(name) : dns1123SubdomainProblem(name);
  if (problem) throw fail({ prop: 'name', rule: problem, value: name, fix: `use a lowercase name such as "${toDns1035Label(name)}"` });
}

/** How a gateway's own hostnames are checked: an Ingress host cannot be an IP; Ocelot takes exact hosts. */
export function gatewayHostnames(kind: GatewayKind): HostnameCheck {
  return {
    rule: problem => kind.implementation === GatewayImplementation.INGRESS && problem.includes('IP') ? `${problem} (an Ingress host cannot be an IP)` : problem,
    fix: () => 'omit hostnames to accept any host (a load balancer IP included), or use a DNS name such as "shop.example.com"',
    exact: kind.implementation === GatewayImplementation.OCELOT,
  };
}

/** The TLS Secret and the ports of the listeners, which an Ingress or an existing Gateway does not own. */
export function checkListeners(props: ListenerProps, kind: GatewayKind, fail: Fail): void {
  if (props.tlsSecretName !== undefined && dns1123SubdomainProblem(props.tlsSecretName)) {
    throw fail({ prop: 'tlsSecretName', rule: dns1123SubdomainProblem(props.tlsSecretName)!, value: props.tlsSecretName, fix: 'pass the name of a kubernetes.io/tls Secret, such as "shop-tls"' });
  }
  for (const key of ['httpPort', 'httpsPort'] as const) {
    const value = props[key];
    if (value === undefined) continue;
    if (kind.implementation === GatewayImplementation.INGRESS || kind.existing) {
      throw fail({
        prop: key,
        rule: `cannot be set for ${kind.existing ? 'an existing Gateway (its listeners are not ours)' : 'an Ingress (the controller chooses its ports)'}`,
        value,
        fix: `drop ${key}`,
      });
    }
    if (portNumberProblem(value)) throw fail({ prop: key, rule: 'must be an integer from 1 to 65535', value, fix: 'use 80 and 443, or another free port' });
  }
  if (props.httpPort !== undefined && props.httpPort === (props.httpsPort ?? 443) && props.tlsSecretName) {
    throw fail({ prop: 'httpsPort', rule: 'must differ from httpPort', value: props.httpsPort ?? 443, fix: 'use 80 for HTTP and 443 for HTTPS' });
  }
  if (kind.existing && props.tlsSecretName !== undefined) {
    throw fail({ prop: 'tlsSecretName', rule: 'cannot be set for an existing Gateway: its listeners hold the certificates', value: props.tlsSecretName, fix: 'configure TLS on the existing Gateway, or drop tlsSecretName' });
  }
}

/** The class or existing Gateway a kind names, and the options of an in-cluster gateway. */
export function checkKind(kind: GatewayKind, tlsSecretName: string | undefined, fail: Fail): void {
  const impl = kind.implementation;
  if (impl === GatewayImplementation.GATEWAY_API) checkGatewayApiKind(kind, fail);
  if (impl === GatewayImplementation.INGRESS && dns1123SubdomainProblem(kind.ingressClassName ?? '')) {
    throw fail({
      prop: 'kind.ingressClassName',
      rule: dns1123SubdomainProblem(kind.ingressClassName ?? '')!,
      value: kind.ingressClassName,
      fix: 'pass a class that `kubectl get ingressclass` lists, such as "nginx" or "webapprouting.kubernetes.azure.com"',
    });
  }
  if (isInCluster(kind)) checkInClusterKind(kind, tlsSecretName, fail);
}

/**
 * Routes that match the same requests: the same host, path and match. Returns the messages for
 * `node.addValidation`; an empty gateway is one too.
 */
export function duplicateRouteProblems(type: string, routes: MatchedRoute[]): string[] {
  const errors: string[] = [];
  if (routes.length === 0) {
    errors.push(validationMessage(type, {
      prop: 'routes',
      rule: 'must not be empty: a gateway without routes answers every request with 404',
      value: 0,
      fix: 'call gateway.addRoute(id, { path, backends }) for each Service behind the gateway',
    }));
  }
  const seen = new Map<string, MatchedRoute>();
  for (const route of routes) {
    const hosts = route.effectiveHostnames.length > 0 ? route.effectiveHostnames : ['*'];
    for (const host of hosts) {
      const key = `${host}\u0000${matchKey(route)}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, route);
        continue;
      }
      errors.push(validationMessage(type, {
        prop: 'routes',
        rule: `must not repeat a host, path and match: ${first.node.path} and ${route.node.path} both match ${route.pathMatch} "${route.path}" on ${host === '*' ? 'any host' : host}`,
        value: route.path,
        fix: 'merge them into one route with several backends (weights split the traffic), or change the path, hostnames, methods or headers of one',
      }));
    }
  }
  return errors;
}

/** YARP and Ocelot run in the cluster as a Deployment of ours. */
export function isInCluster(kind: GatewayKind): boolean {
  return kind.implementation === GatewayImplementation.YARP || kind.implementation === GatewayImplementation.OCELOT;
}

function checkGatewayApiKind(kind: GatewayKind, fail: Fail): void {
  if (kind.existing) {
    const nameProblem = dns1123SubdomainProblem(kind.gatewayName!);
    if (nameProblem) throw fail({ prop: 'kind.gatewayName', rule: nameProblem, value: kind.gatewayName, fix: 'pass the name of the existing Gateway' });
    if (kind.gatewayNamespace !== undefined && dns1123LabelProblem(kind.gatewayNamespace)) {
      throw fail({ prop: 'kind.gatewayNamespace', rule: dns1123LabelProblem(kind.gatewayNamespace)!, value: kind.gatewayNamespace, fix: 'pass the namespace of the existing Gateway' });
    }
  } else if (dns1123SubdomainProblem(kind.gatewayClassName ?? '')) {
    throw fail({
      prop: 'kind.gatewayClassName',
      rule: dns1123SubdomainProblem(kind.gatewayClassName ?? '')!,
      value: kind.gatewayClassName,
      fix: 'pass a class that `kubectl get gatewayclass` lists, such as "nginx" or "eg"',
    });
  }
}

function checkInClusterKind(kind: GatewayKind, tlsSecretName: string | undefined, fail: Fail): void {
  const options = kind._inCluster!;
  if (!kind.image || kind.image.trim() !== kind.image) {
    throw fail({
      prop: 'kind.image',
      rule: 'is required and must not have surrounding spaces',
      value: kind.image,
      fix: kind.implementation === GatewayImplementation.OCELOT ? 'build your Ocelot gateway into an image and pass it, such as "eshop/gateway:1.0.0"' : 'pass an image with a tag',
    });
  }
  for (const key of ['port', 'tlsPort'] as const) {
    const value = options[key];
    if (value !== undefined && portNumberProblem(value)) throw fail({ prop: `kind.${key}`, rule: 'must be an integer from 1 to 65535', value, fix: 'use 8080 for HTTP and 8443 for HTTPS' });
  }
  if (tlsSecretName && (options.tlsPort ?? 8443) === options.port) {
    throw fail({ prop: 'kind.tlsPort', rule: 'must differ from the HTTP port', value: options.tlsPort ?? 8443, fix: 'give HTTP and HTTPS different container ports, such as 8080 and 8443' });
  }
  checkInClusterPlacement(options, fail);
}

/** How the in-cluster gateway is reached, where it reads its configuration, and the cluster's domain. */
function checkInClusterPlacement(options: InClusterGatewayOptions, fail: Fail): void {
  const exposure = options.exposure;
  if (exposure && exposure.type !== kplus.ServiceType.LOAD_BALANCER && exposure.type !== kplus.ServiceType.NODE_PORT) {
    throw fail({
      prop: 'kind.exposure',
      rule: `must be a LoadBalancer or NodePort Service: the gateway is the entry point from outside the cluster (got ${exposure.type})`,
      value: exposure.type,
      fix: 'use ServiceExposure.loadBalancer() on a cloud, or ServiceExposure.nodePort(30080) on a local cluster',
    });
  }
  const directory = options.configDirectory ?? '/app/config';
  if (!directory.startsWith('/') || directory === '/' || directory.replace(/\/+$/, '') === '/tmp') {
    throw fail({ prop: 'kind.configDirectory', rule: 'must be an absolute directory other than "/" and "/tmp"', value: directory, fix: 'use "/app/config"' });
  }
  if (options.clusterDomain !== undefined && dns1123SubdomainProblem(options.clusterDomain)) {
    throw fail({
      prop: 'kind.clusterDomain',
      rule: dns1123SubdomainProblem(options.clusterDomain)!,
      value: options.clusterDomain,
      fix: 'use "cluster.local" unless the cluster was set up with another domain',
    });
  }
}

/** What makes two routes match the same requests on one host. */
function matchKey(route: MatchedRoute): string {
  return [
    route.pathMatch, route.path, [...route.methods].sort().join(','),
    Object.entries(route.headers).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k.toLowerCase()}=${v}`).join(','),
  ].join('\u0000');
}
