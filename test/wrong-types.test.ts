/**
 * What JavaScript and jsii users get for a value of the wrong type: the library's ValidationError
 * naming the prop, never a TypeError and never a synthesized chart. The public API is read from the
 * TypeScript declarations (support/public-api), so a prop or parameter added later is fed wrong
 * values here without anyone listing it; the tables below only say how to make a valid call.
 */
import { Chart, Testing } from 'cdk8s';
import {
  ApiGateway, ApplicationLoadBalancer, BackingService, BlueGreenRelease, BlueGreenTraffic, CanaryRelease, CanaryTraffic, ClaimStorageClass,
  CloudProvider, Errors, ExternalService, GatewayKind, GatewayRoute, HealthChecks, HealthProbe, ManifestValidator, Microservice,
  MicroserviceStack, NfsStorageClass, NfsVolume, OneShotJob, Platform, Prerequisites, ProbedDeployment, RouteBackend, SecretValue,
  ServiceExposure, ServiceMount, Skaffold, StackDiagram, Warnings,
} from '../src';
import { ApiValue, propsOf, publicCalls, wrongValues } from './support/public-api';

const image = 'eshop/catalog-api:1.0.0';
const healthChecks = HealthChecks.aspNetCore();

/**
 * A fresh app with what the calls need: a namespaced chart, a deployment with a Service and a route,
 * a stack, a volume. Each is made when first used (most calls need one or two).
 */
function world() {
  const app = Testing.app();
  const once = <T>(make: () => T) => {
    let made: T | undefined;
    return () => (made = made ?? make());
  };
  const chart = once(() => new Chart(app, 'shop', { namespace: 'shop' }));
  const deployment = once(() => new ProbedDeployment(chart(), 'catalog', { image, healthChecks, exposure: ServiceExposure.clusterIp() }));
  const gateway = once(() => {
    const g = new ApiGateway(chart(), 'gateway');
    g.addRoute('catalog', { path: '/catalog', backends: [RouteBackend.fromDeployment(deployment())] });
    return g;
  });
  const stack = once(() => new MicroserviceStack(app, 'eshop', { namespace: 'eshop' }));
  const volume = once(() => new NfsVolume(chart(), 'uploads', { server: '10.0.0.4', path: '/srv/nfs/uploads' }));
  return {
    app,
    get chart() { return chart(); },
    get deployment() { return deployment(); },
    get gateway() { return gateway(); },
    get stack() { return stack(); },
    get volume() { return volume(); },
  };
}

type World = ReturnType<typeof world>;
type Call = (w: World, value: any) => unknown;

/** How to call each constructor, method or factory with a valid options object, and that object. */
const OPTIONS: { [call: string]: { readonly call: Call; readonly valid: (w: World) => any } } = {
  'ProbedDeployment#props': { call: (w, p) => new ProbedDeployment(w.chart, 'x', p), valid: () => ({ image, healthChecks }) },
  'ProbedDeployment.addSidecar#props': { call: (w, p) => w.deployment.addSidecar(p), valid: () => ({ name: 'proxy', image: 'nginx:1.27' }) },
  'ProbedDeployment.addSidecar#options': { call: (w, o) => w.deployment.addSidecar({ name: 'proxy', image: 'nginx:1.27' }, o), valid: () => ({}) },
  'ProbedDeployment.autoscale#options': { call: (w, o) => w.deployment.autoscale(o), valid: () => ({ maxReplicas: 4 }) },
  'ProbedDeployment.expose#options': { call: (w, o) => new ProbedDeployment(w.chart, 'x', { image, healthChecks }).expose(o), valid: () => ({}) },
  'ExternalService#props': { call: (w, p) => new ExternalService(w.chart, 'x', p), valid: () => ({ externalName: 'db.example.com' }) },
  'HealthProbe.httpGet#options': { call: (_, o) => HealthProbe.httpGet('/health', o), valid: () => ({}) },
  'HealthProbe.tcpSocket#options': { call: (_, o) => HealthProbe.tcpSocket(o), valid: () => ({}) },
  'HealthProbe.exec#options': { call: (_, o) => HealthProbe.exec(['true'], o), valid: () => ({}) },
  'HealthChecks.aspNetCore#options': { call: (_, o) => HealthChecks.aspNetCore(o), valid: () => ({}) },
  'HealthChecks.of#probes': { call: (_, o) => HealthChecks.of(o), valid: () => ({ readiness: HealthProbe.tcpSocket() }) },
  'ServiceExposure.clusterIp#options': { call: (_, o) => ServiceExposure.clusterIp(o), valid: () => ({}) },
  'ServiceExposure.nodePort#options': { call: (_, o) => ServiceExposure.nodePort(30080, o), valid: () => ({}) },
  'ServiceExposure.loadBalancer#options': { call: (_, o) => ServiceExposure.loadBalancer(o), valid: () => ({}) },
  'ApiGateway#props': { call: (w, p) => new ApiGateway(w.chart, 'x', p), valid: () => ({}) },
  'ApiGateway.addRoute#options': { call: (w, o) => w.gateway.addRoute('x', o), valid: w => ({ path: '/x', backends: [RouteBackend.fromDeployment(w.deployment)] }) },
  'GatewayRoute#props': {
    call: (w, p) => new GatewayRoute(w.chart, 'x', p),
    valid: w => ({ gateway: w.gateway, path: '/x', backends: [RouteBackend.fromDeployment(w.deployment)] }),
  },
  'GatewayKind.gatewayApi#options': { call: (_, o) => GatewayKind.gatewayApi(o), valid: () => ({}) },
  'GatewayKind.ingress#options': { call: (_, o) => GatewayKind.ingress(o), valid: () => ({ ingressClassName: 'nginx' }) },
  'GatewayKind.gkeIngress#options': { call: (_, o) => GatewayKind.gkeIngress(o), valid: () => ({}) },
  'GatewayKind.yarp#options': { call: (_, o) => GatewayKind.yarp(o), valid: () => ({}) },
  'GatewayKind.ocelot#options': { call: (_, o) => GatewayKind.ocelot(o), valid: () => ({ image: 'eshop/gateway:1.0.0' }) },
  'RouteBackend.fromService#options': { call: (w, o) => RouteBackend.fromService(w.deployment.service!, o), valid: () => ({}) },
  'RouteBackend.fromDeployment#options': { call: (w, o) => RouteBackend.fromDeployment(w.deployment, o), valid: () => ({}) },
  'RouteBackend.fromServiceName#options': { call: (_, o) => RouteBackend.fromServiceName('catalog', o), valid: () => ({}) },
  'CanaryRelease#given': { call: (w, p) => new CanaryRelease(w.chart, 'x', p), valid: () => ({ image, healthChecks }) },
  'BlueGreenRelease#given': { call: (w, p) => new BlueGreenRelease(w.chart, 'x', p), valid: () => ({ blueImage: image, healthChecks }) },
  'CanaryTraffic.replicaRatio#options': { call: (_, o) => CanaryTraffic.replicaRatio(o), valid: () => ({}) },
  'CanaryTraffic.gatewayApi#options': { call: (_, o) => CanaryTraffic.gatewayApi(o), valid: w => ({ gateway: w.gateway, path: '/x' }) },
  'CanaryTraffic.ingress#options': { call: (_, o) => CanaryTraffic.ingress(o), valid: () => ({}) },
  'CanaryTraffic.argoRollouts#options': { call: (_, o) => CanaryTraffic.argoRollouts(o), valid: () => ({}) },
  'BlueGreenTraffic.argoRollouts#options': { call: (_, o) => BlueGreenTraffic.argoRollouts(o), valid: () => ({}) },
  'NfsVolume#props': { call: (w, p) => new NfsVolume(w.chart, 'x', p), valid: () => ({ server: '10.0.0.4', path: '/srv/nfs/x' }) },
  'NfsVolume.mount#options': { call: (w, o) => w.volume.mount(w.deployment, '/data', o), valid: () => ({}) },
  'NfsVolume.mountContainer#options': { call: (w, o) => w.volume.mountContainer(w.deployment.mainContainer, '/data', o), valid: () => ({}) },
  'NfsStorageClass#props': { call: (w, p) => new NfsStorageClass(w.chart, 'x', p), valid: () => ({ server: '10.0.0.4', share: '/srv/nfs' }) },
  'MicroserviceStack#props': { call: (w, p) => new MicroserviceStack(w.app, 'x', p), valid: () => ({}) },
  'MicroserviceStack.addService#options': { call: (w, o) => w.stack.addService('web', o), valid: () => ({ image }) },
  'MicroserviceStack.addBackingService#options': { call: (w, o) => w.stack.addBackingService('db', o), valid: () => ({ image: 'postgres:16', port: 5432 }) },
  'MicroserviceStack.addJob#options': { call: (w, o) => w.stack.addJob('migrate', o), valid: () => ({ image }) },
  'MicroserviceStack.addExternal#options': { call: (w, o) => w.stack.addExternal('db', 'db.example.com', o), valid: () => ({}) },
  'MicroserviceStack.addVolume#props': { call: (w, o) => w.stack.addVolume('files', o), valid: () => ({}) },
  'Microservice#options': { call: (w, o) => new Microservice(w.stack, 'web', o), valid: () => ({ image }) },
  'BackingService#options': { call: (w, o) => new BackingService(w.stack, 'db', o), valid: () => ({ image: 'postgres:16', port: 5432 }) },
  'OneShotJob#options': { call: (w, o) => new OneShotJob(w.stack, 'migrate', o), valid: () => ({ image }) },
  'ServiceMount.file#options': { call: (_, o) => ServiceMount.file('/app/a.json', './a.json', o), valid: () => ({}) },
  'ServiceMount.directory#options': { call: (_, o) => ServiceMount.directory('/app/config', './config', o), valid: () => ({}) },
  'ServiceMount.claim#options': { call: (_, o) => ServiceMount.claim('/data', 'data', o), valid: () => ({}) },
  'ServiceMount.emptyDir#options': { call: (_, o) => ServiceMount.emptyDir('/cache', o), valid: () => ({}) },
  'ServiceMount.volume#options': { call: (w, o) => ServiceMount.volume('/data', w.volume, o), valid: () => ({}) },
  'ServiceMount.secret#options': { call: (_, o) => ServiceMount.secret('/run/secrets/db', 'db', o), valid: () => ({}) },
  'ServiceMount.configMap#options': { call: (_, o) => ServiceMount.configMap('/etc/app/a.json', 'settings', o), valid: () => ({}) },
  'Platform.custom#props': { call: (_, p) => Platform.custom(p), valid: () => ({ name: 'mine' }) },
  'Platform.with#overrides': { call: (_, o) => Platform.LOCAL.with(o), valid: () => ({}) },
  'Platform.aksApplicationGateway#options': {
    call: (_, o) => Platform.aksApplicationGateway(o),
    valid: () => ({ loadBalancer: ApplicationLoadBalancer.managed({ namespace: 'alb', name: 'shop' }) }),
  },
  'Platform.gkeGateway#options': { call: (_, o) => Platform.gkeGateway(o), valid: () => ({}) },
  'ApplicationLoadBalancer.managed#options': { call: (_, o) => ApplicationLoadBalancer.managed(o), valid: () => ({ namespace: 'alb', name: 'shop' }) },
  'ApplicationLoadBalancer.bringYourOwn#options': {
    call: (_, o) => ApplicationLoadBalancer.bringYourOwn(o),
    valid: () => ({ resourceId: '/subscriptions/x/alb', frontendName: 'shop' }),
  },
  'Skaffold.forStack#options': { call: (w, o) => Skaffold.forStack(w.stack, o), valid: () => ({}) },
  'Skaffold.forStacks#options': { call: (w, o) => Skaffold.forStacks([w.stack], o), valid: () => ({}) },
  'ManifestValidator.validateManifests#options': { call: (_, o) => ManifestValidator.validateManifests([], o), valid: () => ({}) },
  'ManifestValidator.validateChart#options': { call: (w, o) => ManifestValidator.validateChart(w.chart, o), valid: () => ({}) },
  'ManifestValidator.addToChart#options': { call: (w, o) => ManifestValidator.addToChart(w.chart, o), valid: () => ({}) },
  'ManifestValidator.format#finding': {
    call: (_, f) => ManifestValidator.format(f),
    valid: () => ({ kind: 'Service', namespace: 'shop', name: 'catalog', rule: 'r', message: 'm' }),
  },
};

/** How to call each one with valid arguments, for the parameters that are not options objects. */
const ARGUMENTS: { [call: string]: { readonly call: (w: World, args: any[]) => unknown; readonly valid: (w: World) => any[] } } = {
  'ProbedDeployment': { call: (_, a) => new ProbedDeployment(a[0], a[1], a[2]), valid: w => [w.chart, 'x', { image, healthChecks }] },
  'ProbedDeployment.addSidecar': { call: (w, a) => w.deployment.addSidecar(a[0], a[1]), valid: () => [{ name: 'proxy', image: 'nginx:1.27' }, {}] },
  'ProbedDeployment.autoscale': { call: (w, a) => w.deployment.autoscale(a[0]), valid: () => [{ maxReplicas: 4 }] },
  'ProbedDeployment.expose': { call: (w, a) => new ProbedDeployment(w.chart, 'x', { image, healthChecks }).expose(a[0]), valid: () => [{}] },
  'ExternalService': { call: (_, a) => new ExternalService(a[0], a[1], a[2]), valid: w => [w.chart, 'x', { externalName: 'db.example.com' }] },
  'HealthProbe.httpGet': { call: (_, a) => HealthProbe.httpGet(a[0], a[1]), valid: () => ['/health', {}] },
  'HealthProbe.tcpSocket': { call: (_, a) => HealthProbe.tcpSocket(a[0]), valid: () => [{}] },
  'HealthProbe.exec': { call: (_, a) => HealthProbe.exec(a[0], a[1]), valid: () => [['true'], {}] },
  'HealthProbe.portFor': { call: (_, a) => HealthProbe.tcpSocket().portFor(a[0]), valid: () => [8080] },
  'HealthChecks.aspNetCore': { call: (_, a) => HealthChecks.aspNetCore(a[0]), valid: () => [{}] },
  'HealthChecks.of': { call: (_, a) => HealthChecks.of(a[0]), valid: () => [{ readiness: HealthProbe.tcpSocket() }] },
  'ServiceExposure.clusterIp': { call: (_, a) => ServiceExposure.clusterIp(a[0]), valid: () => [{}] },
  'ServiceExposure.nodePort': { call: (_, a) => ServiceExposure.nodePort(a[0], a[1]), valid: () => [30080, {}] },
  'ServiceExposure.loadBalancer': { call: (_, a) => ServiceExposure.loadBalancer(a[0]), valid: () => [{}] },
  'ServiceExposure.portsFor': { call: (_, a) => ServiceExposure.clusterIp().portsFor(a[0]), valid: () => [8080] },
  'ApiGateway': { call: (_, a) => new ApiGateway(a[0], a[1], a[2]), valid: w => [w.chart, 'x', {}] },
  'ApiGateway.addRoute': { call: (w, a) => w.gateway.addRoute(a[0], a[1]), valid: w => ['x', { path: '/x', backends: [RouteBackend.fromDeployment(w.deployment)] }] },
  'GatewayRoute': {
    call: (_, a) => new GatewayRoute(a[0], a[1], a[2]),
    valid: w => [w.chart, 'x', { gateway: w.gateway, path: '/x', backends: [RouteBackend.fromDeployment(w.deployment)] }],
  },
  'GatewayKind.gatewayApi': { call: (_, a) => GatewayKind.gatewayApi(a[0]), valid: () => [{}] },
  'GatewayKind.existingGateway': { call: (_, a) => GatewayKind.existingGateway(a[0], a[1]), valid: () => ['shop', 'gateways'] },
  'GatewayKind.ingress': { call: (_, a) => GatewayKind.ingress(a[0]), valid: () => [{ ingressClassName: 'nginx' }] },
  'GatewayKind.gkeIngress': { call: (_, a) => GatewayKind.gkeIngress(a[0]), valid: () => [{}] },
  'GatewayKind.yarp': { call: (_, a) => GatewayKind.yarp(a[0]), valid: () => [{}] },
  'GatewayKind.ocelot': { call: (_, a) => GatewayKind.ocelot(a[0]), valid: () => [{ image: 'eshop/gateway:1.0.0' }] },
  'RouteBackend.fromService': { call: (_, a) => RouteBackend.fromService(a[0], a[1]), valid: w => [w.deployment.service, {}] },
  'RouteBackend.fromDeployment': { call: (_, a) => RouteBackend.fromDeployment(a[0], a[1]), valid: w => [w.deployment, {}] },
  'RouteBackend.fromServiceName': { call: (_, a) => RouteBackend.fromServiceName(a[0], a[1]), valid: () => ['catalog', {}] },
  'CanaryRelease': { call: (_, a) => new CanaryRelease(a[0], a[1], a[2]), valid: w => [w.chart, 'x', { image, healthChecks }] },
  'BlueGreenRelease': { call: (_, a) => new BlueGreenRelease(a[0], a[1], a[2]), valid: w => [w.chart, 'x', { blueImage: image, healthChecks }] },
  'CanaryTraffic.replicaRatio': { call: (_, a) => CanaryTraffic.replicaRatio(a[0]), valid: () => [{}] },
  'CanaryTraffic.gatewayApi': { call: (_, a) => CanaryTraffic.gatewayApi(a[0]), valid: w => [{ gateway: w.gateway, path: '/x' }] },
  'CanaryTraffic.ingress': { call: (_, a) => CanaryTraffic.ingress(a[0]), valid: () => [{}] },
  'CanaryTraffic.argoRollouts': { call: (_, a) => CanaryTraffic.argoRollouts(a[0]), valid: () => [{}] },
  'BlueGreenTraffic.argoRollouts': { call: (_, a) => BlueGreenTraffic.argoRollouts(a[0]), valid: () => [{}] },
  'NfsVolume': { call: (_, a) => new NfsVolume(a[0], a[1], a[2]), valid: w => [w.chart, 'x', { server: '10.0.0.4', path: '/srv/nfs/x' }] },
  'NfsVolume.mount': { call: (w, a) => w.volume.mount(a[0], a[1], a[2]), valid: w => [w.deployment, '/data', {}] },
  'NfsVolume.mountContainer': { call: (w, a) => w.volume.mountContainer(a[0], a[1], a[2]), valid: w => [w.deployment.mainContainer, '/data', {}] },
  'NfsStorageClass': { call: (_, a) => new NfsStorageClass(a[0], a[1], a[2]), valid: w => [w.chart, 'x', { server: '10.0.0.4', share: '/srv/nfs' }] },
  'ClaimStorageClass.named': { call: (_, a) => ClaimStorageClass.named(a[0]), valid: () => ['nfs-csi'] },
  'ClaimStorageClass.fromNfsStorageClass': {
    call: (_, a) => ClaimStorageClass.fromNfsStorageClass(a[0]),
    valid: w => [new NfsStorageClass(w.chart, 'nfs', { server: '10.0.0.4', share: '/srv/nfs' })],
  },
  'ClaimStorageClass.cloudFileShare': { call: (_, a) => ClaimStorageClass.cloudFileShare(a[0]), valid: () => [CloudProvider.AKS] },
  'MicroserviceStack': { call: (_, a) => new MicroserviceStack(a[0], a[1], a[2]), valid: w => [w.app, 'x', {}] },
  'MicroserviceStack.addService': { call: (w, a) => w.stack.addService(a[0], a[1]), valid: () => ['web', { image }] },
  'MicroserviceStack.addBackingService': { call: (w, a) => w.stack.addBackingService(a[0], a[1]), valid: () => ['db', { image: 'postgres:16', port: 5432 }] },
  'MicroserviceStack.addJob': { call: (w, a) => w.stack.addJob(a[0], a[1]), valid: () => ['migrate', { image }] },
  'MicroserviceStack.addExternal': { call: (w, a) => w.stack.addExternal(a[0], a[1], a[2]), valid: () => ['db', 'db.example.com', {}] },
  'MicroserviceStack.addVolume': { call: (w, a) => w.stack.addVolume(a[0], a[1]), valid: () => ['files', {}] },
  'Microservice': { call: (_, a) => new Microservice(a[0], a[1], a[2]), valid: w => [w.stack, 'web', { image }] },
  'BackingService': { call: (_, a) => new BackingService(a[0], a[1], a[2]), valid: w => [w.stack, 'db', { image: 'postgres:16', port: 5432 }] },
  'OneShotJob': { call: (_, a) => new OneShotJob(a[0], a[1], a[2]), valid: w => [w.stack, 'migrate', { image }] },
  'MicroserviceStack.service': { call: (w, a) => w.stack.service(a[0]), valid: () => ['web'] },
  'SecretValue.fromSecret': { call: (_, a) => SecretValue.fromSecret(a[0], a[1]), valid: () => ['db', 'password'] },
  'SecretValue.literal': { call: (_, a) => SecretValue.literal(a[0]), valid: () => ['s3cr3t'] },
  'ServiceMount.file': { call: (_, a) => ServiceMount.file(a[0], a[1], a[2]), valid: () => ['/app/a.json', './a.json', {}] },
  'ServiceMount.directory': { call: (_, a) => ServiceMount.directory(a[0], a[1], a[2]), valid: () => ['/app/config', './config', {}] },
  'ServiceMount.claim': { call: (_, a) => ServiceMount.claim(a[0], a[1], a[2]), valid: () => ['/data', 'data', {}] },
  'ServiceMount.emptyDir': { call: (_, a) => ServiceMount.emptyDir(a[0], a[1]), valid: () => ['/cache', {}] },
  'ServiceMount.volume': { call: (_, a) => ServiceMount.volume(a[0], a[1], a[2]), valid: w => ['/data', w.volume, {}] },
  'ServiceMount.secret': { call: (_, a) => ServiceMount.secret(a[0], a[1], a[2]), valid: () => ['/run/secrets/db', 'db', {}] },
  'ServiceMount.configMap': { call: (_, a) => ServiceMount.configMap(a[0], a[1], a[2]), valid: () => ['/etc/app/a.json', 'settings', {}] },
  'Platform.custom': { call: (_, a) => Platform.custom(a[0]), valid: () => [{ name: 'mine' }] },
  'Platform.with': { call: (_, a) => Platform.LOCAL.with(a[0]), valid: () => [{}] },
  'Platform.aksApplicationGateway': {
    call: (_, a) => Platform.aksApplicationGateway(a[0]),
    valid: () => [{ loadBalancer: ApplicationLoadBalancer.managed({ namespace: 'alb', name: 'shop' }) }],
  },
  'Platform.gkeGateway': { call: (_, a) => Platform.gkeGateway(a[0]), valid: () => [{}] },
  'ApplicationLoadBalancer.managed': { call: (_, a) => ApplicationLoadBalancer.managed(a[0]), valid: () => [{ namespace: 'alb', name: 'shop' }] },
  'ApplicationLoadBalancer.bringYourOwn': {
    call: (_, a) => ApplicationLoadBalancer.bringYourOwn(a[0]),
    valid: () => [{ resourceId: '/subscriptions/x/alb', frontendName: 'shop' }],
  },
  'Skaffold.forStack': { call: (_, a) => Skaffold.forStack(a[0], a[1]), valid: w => [w.stack, {}] },
  'Skaffold.forStacks': { call: (_, a) => Skaffold.forStacks(a[0], a[1]), valid: w => [[w.stack], {}] },
  'Skaffold.writeTo': { call: (w, a) => Skaffold.forStack(w.stack).writeTo(a[0]), valid: () => [] },
  'StackDiagram.of': { call: (_, a) => StackDiagram.of(a[0]), valid: w => [w.stack] },
  'StackDiagram.writeTo': { call: (w, a) => StackDiagram.of(w.stack).writeTo(a[0]), valid: () => [] },
  'Prerequisites.of': { call: (_, a) => Prerequisites.of(a[0]), valid: w => [w.stack] },
  'Prerequisites.ofChart': { call: (_, a) => Prerequisites.ofChart(a[0], a[1]), valid: w => [w.chart, Platform.LOCAL] },
  'Prerequisites.check': { call: (w, a) => Prerequisites.of(w.stack).check(a[0]), valid: () => [''] },
  'Prerequisites.writeTo': { call: (w, a) => Prerequisites.of(w.stack).writeTo(a[0]), valid: () => [] },
  'Prerequisites.writeBeside': { call: (w, a) => Prerequisites.of(w.stack).writeBeside(a[0]), valid: () => [] },
  'ManifestValidator.validateManifests': { call: (_, a) => ManifestValidator.validateManifests(a[0], a[1]), valid: () => [[], {}] },
  'ManifestValidator.validateChart': { call: (_, a) => ManifestValidator.validateChart(a[0], a[1]), valid: w => [w.chart, {}] },
  'ManifestValidator.addToChart': { call: (_, a) => ManifestValidator.addToChart(a[0], a[1]), valid: w => [w.chart, {}] },
  'ManifestValidator.format': {
    call: (_, a) => ManifestValidator.format(a[0]),
    valid: () => [{ kind: 'Service', namespace: 'shop', name: 'catalog', rule: 'r', message: 'm' }],
  },
  'Warnings.of': { call: (_, a) => Warnings.of(a[0]), valid: w => [w.chart] },
  'Warnings.collect': { call: (_, a) => Warnings.collect(a[0]), valid: w => [w.chart] },
  'Warnings.add': { call: (w, a) => Warnings.of(w.chart).add(a[0]), valid: () => ['a warning'] },
};

/**
 * Calls left out, and why: the compose import and the file systems it reads through belong to the
 * compose layer, which checks its input with file, line and key; `isValidationError` takes any
 * value by design.
 */
const FILE_SYSTEM_CALLS = ['InMemoryFileSystem', 'NodeFileSystem'].flatMap(c => ['readText', 'realPath', 'stat', 'readDir'].map(m => `${c}.${m}`));
const NOT_HERE = new Set([
  'ComposeImport.toStack', 'ComposeImport.toProjectStack', 'ComposeImport.toTypeScript', 'Errors.isValidationError',
  'InMemoryFileSystem', ...FILE_SYSTEM_CALLS,
]);

/**
 * The value a call fails on is reported under its own name (`command`, `addService("web").command[0]`,
 * `addService.name`); a constructor's props object is `props` whatever the parameter is called.
 */
function namesProp(error: any, name: string): boolean {
  const names = name === 'given' ? ['given', 'props'] : [name];
  return names.some(n => new RegExp(`(^|[.)])${n}($|[.[])`).test(error.prop));
}

function expectValidationError(run: () => unknown, name: string): void {
  let error: any;
  try {
    run();
  } catch (e) {
    error = e;
  }
  if (error === undefined) throw new Error(`no error for ${name}: the wrong value was accepted`);
  if (!Errors.isValidationError(error)) throw new Error(`${name}: ${error?.name}: ${error?.message}`);
  if (!namesProp(error, name)) throw new Error(`${name}: the error names ${error.prop}: ${error.message}`);
  expect(error.fix).toMatch(/\S/);
}

const CALLS = publicCalls();
const OPTION_CASES: Array<[string, ApiValue, unknown]> = Object.keys(OPTIONS).flatMap(key => {
  const [call, parameter] = key.split('#');
  return propsOf(call, parameter).flatMap(prop => wrongValues(prop).map(v => [key, prop, v] as [string, ApiValue, unknown]));
});
const ARGUMENT_CASES: Array<[string, number, ApiValue, unknown]> = CALLS.filter(c => !NOT_HERE.has(c.name) && c.parameters.length > 0)
  .flatMap(c => c.parameters.flatMap((p, i) => wrongValues(p).map(v => [c.name, i, p, v] as [string, number, ApiValue, unknown])));

describe('the harness covers the public API', () => {
  test('every options object of a constructor, method or factory has a valid call', () => {
    const structs = CALLS.filter(c => !NOT_HERE.has(c.name))
      .flatMap(c => c.parameters.filter(p => p.struct).map(p => `${c.name}#${p.name}`));
    expect(structs.filter(s => !OPTIONS[s])).toEqual([]);
  });

  test('every constructor, method and factory with parameters has a valid call', () => {
    const named = CALLS.filter(c => !NOT_HERE.has(c.name) && c.parameters.length > 0).map(c => c.name);
    expect(named.filter(n => !ARGUMENTS[n])).toEqual([]);
  });

  test.each(Object.keys(OPTIONS))('%s is accepted with its valid options', key => {
    const w = world();
    expect(() => OPTIONS[key].call(w, OPTIONS[key].valid(w))).not.toThrow();
  });

  test.each(Object.keys(ARGUMENTS))('%s is accepted with its valid arguments', key => {
    const w = world();
    const args = ARGUMENTS[key].valid(w);
    // Writers get a file name of the test's own: nothing is written for a wrong one.
    if (args.length === 0) return;
    expect(() => ARGUMENTS[key].call(w, args)).not.toThrow();
  });
});

describe('a wrong type in any prop is a ValidationError naming the prop', () => {
  test.each(OPTION_CASES.map(([key, prop, value]) => [key, prop.name, JSON.stringify(value) ?? String(value), prop, value]))(
    'throws for %s: %s = %s', (key, _name, _shown, prop, value) => {
      const w = world();
      const props = { ...OPTIONS[key as string].valid(w), [(prop as ApiValue).name]: value };
      expectValidationError(() => OPTIONS[key as string].call(w, props), (prop as ApiValue).name);
    });
});

describe('a wrong type in any argument is a ValidationError naming the argument', () => {
  test.each(ARGUMENT_CASES.map(([call, i, param, value]) => [call, param.name, JSON.stringify(value) ?? String(value), i, value]))(
    'throws for %s(%s = %s)', (call, name, _shown, i, value) => {
      const w = world();
      const args = [...ARGUMENTS[call as string].valid(w)];
      while (args.length <= (i as number)) args.push(undefined);
      args[i as number] = value;
      expectValidationError(() => ARGUMENTS[call as string].call(w, args), name as string);
    });
});
