/**
 * `npm run bench`: how synthesis of a MicroserviceStack scales, against the same objects written
 * directly with cdk8s-plus-28 and against the serialize-only floor (YAML-stringifying the final
 * objects), in one run; and how converting a compose file (ComposeImport.toStack + synth) compares
 * with building the same stack by hand (bench/compose.ts).
 *
 * Each (variant, size) runs in a fresh child process (so peak memory is its own): one warm-up,
 * then `runs` timed syntheses; the median is reported. Every service has a gateway route, an HPA,
 * a PDB, NetworkPolicies, a ConfigMap and service discovery to the next service. The cdk8s-plus
 * variant writes by hand what the stack adds (checksum, spread, probe timings, policies), so both
 * write nearly the same YAML (the table shows its size).
 *
 *   npm run bench                          # stack: 10, 100, 1000 services; compose: 1000, 2000
 *   npm run bench -- 10 100                # the stack table only, at other sizes
 *   npm run bench -- compose 1000 2000     # the compose table only
 */
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import { App, ApiObject, Chart, Duration, JsonPatch, Size, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { byHandOnce, convertOnce, prepareComposeBench } from './compose';
import { MicroserviceStack } from '../src';

type Variant = 'stack' | 'cdk8s-plus' | 'floor' | 'compose' | 'compose-by-hand';

interface Result {
  readonly variant: Variant;
  readonly size: number;
  readonly medianMs: number;
  /** The median CPU time of the process (user + system), which other jobs on a shared machine disturb less than wall time. */
  readonly medianCpuMs: number;
  readonly maxRssMiB: number;
  readonly objects: number;
  readonly yamlBytes: number;
}

const NAMESPACE = 'bench';

/** The application through MicroserviceStack. */
export function buildStack(app: App, size: number): void {
  const stack = new MicroserviceStack(app, 'bench', { namespace: NAMESPACE });
  for (let i = 0; i < size; i++) {
    stack.addService(`svc-${i}`, {
      image: `bench/svc-${i}:1.0.0`,
      autoscale: { minReplicas: 2, maxReplicas: 6 },
      config: { Feature__Flag: String(i) },
      routes: [{ path: `/svc-${i}` }],
      talksTo: i + 1 < size ? [`svc-${i + 1}`] : [],
    });
  }
}

/** The same objects written by hand with cdk8s-plus-28: what a user would write without us. */
export function buildCdk8sPlus(app: App, size: number): void {
  const appLabels = { 'app.kubernetes.io/part-of': 'bench', 'app.kubernetes.io/managed-by': 'k8s-course-constructs' };
  const chart = new Chart(app, 'bench', { namespace: NAMESPACE, labels: appLabels });
  const podSecurity = { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted' };
  new ApiObject(chart, 'ns', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: NAMESPACE, labels: podSecurity },
  }).addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  new ApiObject(chart, 'deny', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } });
  new ApiObject(chart, 'dns', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'allow-dns' },
    spec: {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{
        to: [{
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
          podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        }],
        ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
      }],
    },
  });
  new ApiObject(chart, 'gateway', {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'gateway' },
    spec: { gatewayClassName: 'nginx', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
  });
  const rules: any[] = [];
  for (let i = 0; i < size; i++) {
    const name = `svc-${i}`;
    // The recommended labels the stack writes: the service's on its objects, with the version on the workload's.
    const labels = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name, ...appLabels };
    const versioned = { ...labels, 'app.kubernetes.io/version': '1.0.0' };
    const config = new kplus.ConfigMap(chart, `${name}-config`, { metadata: { name: `${name}-config`, labels }, data: { Feature__Flag: String(i) } });
    const tmp = kplus.Volume.fromEmptyDir(chart, `${name}-tmp`, 'tmp', { sizeLimit: Size.mebibytes(256) });
    // What the stack adds, written by hand: the config checksum, revision history, spread.
    const checksum = createHash('sha256').update(`ConfigMap/${name}-config\n{"data":{"Feature__Flag":${JSON.stringify(String(i))}}}\n`).digest('hex').slice(0, 16);
    const d = new kplus.Deployment(chart, name, {
      metadata: { name, labels: versioned },
      podMetadata: {
        labels: versioned,
        annotations: { 'k8s-course-constructs/config-checksum': checksum },
      },
      minReady: Duration.seconds(5),
      strategy: kplus.DeploymentStrategy.rollingUpdate({
        maxSurge: kplus.PercentOrAbsolute.percent(25),
        maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
      }),
      containers: [{
        name: 'app',
        image: `bench/${name}:1.0.0`,
        ports: [{ number: 8080, name: 'http' }],
        envFrom: [kplus.Env.fromConfigMap(config)],
        envVariables: i + 1 < size ? { [`Services__svc-${i + 1}__Url`]: kplus.EnvValue.fromValue(`http://svc-${i + 1}.${NAMESPACE}.svc.cluster.local:80`) } : {},
        liveness: kplus.Probe.fromHttpGet('/alive', { port: 8080, ...timing(10) }),
        readiness: kplus.Probe.fromHttpGet('/health', { port: 8080, ...timing(5) }),
        startup: kplus.Probe.fromHttpGet('/alive', { port: 8080, ...timing(5), failureThreshold: 12 }),
        resources: {
          cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
          memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
        },
        securityContext: {
          user: 1654, group: 1654, capabilities: { drop: [kplus.Capability.ALL] }, seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
        },
        volumeMounts: [{ path: '/tmp', volume: tmp }],
      }],
    });
    ApiObject.of(d).addJsonPatch(
      JsonPatch.add('/spec/revisionHistoryLimit', 10),
      JsonPatch.add('/spec/template/spec/topologySpreadConstraints', [{
        maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: d.matchLabels },
      }]),
    );
    const svc = new kplus.Service(chart, `${name}-svc`, {
      metadata: { name, labels: versioned }, selector: d, ports: [{ port: 80, targetPort: 8080, name: 'http', protocol: kplus.Protocol.TCP }],
    });
    new kplus.HorizontalPodAutoscaler(chart, `${name}-hpa`, {
      metadata: { labels: versioned },
      target: d,
      minReplicas: 2,
      maxReplicas: 6,
      metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(70))],
    });
    new ApiObject(chart, `${name}-pdb`, {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name, labels: versioned },
      spec: { maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow', selector: { matchLabels: d.matchLabels } },
    });
    new ApiObject(chart, `${name}-np`, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `allow-${name}`, labels },
      spec: {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': name } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          ...i > 0 ? [{ from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': `svc-${i - 1}` } } }], ports: [{ protocol: 'TCP', port: 8080 }] }] : [],
          {
            from: [
              { podSelector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'gateway' } } },
              { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'nginx-gateway' } } },
            ],
            ports: [{ protocol: 'TCP', port: 8080 }],
          },
        ],
        egress: i + 1 < size ? [{ to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': `svc-${i + 1}` } } }], ports: [{ protocol: 'TCP', port: 8080 }] }] : [],
      },
    });
    rules.push({ matches: [{ path: { type: 'PathPrefix', value: `/${name}` } }], backendRefs: [{ name: svc.name, port: 80 }] });
  }
  new ApiObject(chart, 'gateway-np', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'allow-gateway' },
    spec: {
      podSelector: { matchLabels: { 'gateway.networking.k8s.io/gateway-name': 'gateway' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{}],
      egress: [
        ...Array.from({ length: size }, (_, i) => `svc-${i}`).sort().map(n => ({
          to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': n } } }], ports: [{ protocol: 'TCP', port: 8080 }],
        })),
        { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'nginx-gateway' } } }] },
      ],
    },
  });
  for (let r = 0; r * 16 < rules.length; r++) {
    new ApiObject(chart, `route-${r}`, {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: `gateway-${r}` },
      spec: { parentRefs: [{ name: 'gateway' }], rules: rules.slice(r * 16, r * 16 + 16) },
    });
  }
}

/** The probe timings the stack's ASP.NET Core preset sets. */
function timing(periodSeconds: number): kplus.HttpGetProbeOptions {
  return {
    initialDelaySeconds: Duration.seconds(0),
    periodSeconds: Duration.seconds(periodSeconds),
    timeoutSeconds: Duration.seconds(2),
    successThreshold: 1,
    failureThreshold: 3,
  };
}

/** One synthesis of a variant: build the app and render every chart to YAML. */
function synthOnce(variant: Variant, size: number, floorDocs: any[], composeDir: string): string {
  if (variant === 'floor') return Yaml.stringify(...floorDocs);
  if (variant === 'compose') return convertOnce(composeDir);
  if (variant === 'compose-by-hand') return byHandOnce(composeDir);
  const app = new App();
  if (variant === 'stack') buildStack(app, size);
  else buildCdk8sPlus(app, size);
  return app.synthYaml();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Child process: time one (variant, size) and print a JSON result. */
function child(variant: Variant, size: number, runs: number, composeDir: string): void {
  let floorDocs: any[] = [];
  if (variant === 'floor') {
    const app = new App();
    buildStack(app, size);
    floorDocs = app.charts.flatMap(c => c.toJson());
  }
  synthOnce(variant, size, floorDocs, composeDir); // warm-up: module loading and JIT
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let yaml = '';
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    yaml = synthOnce(variant, size, floorDocs, composeDir);
    const used = process.cpuUsage(cpu);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  // Documents are joined by "---" lines (cdk8s's Yaml.stringify); block scalars are indented, so none starts a line with it.
  const objects = yaml.split(/^---$/m).length;
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  const result: Result = { variant, size, medianMs: median(times), medianCpuMs: median(cpuTimes), maxRssMiB, objects, yamlBytes: yaml.length };
  process.stdout.write(JSON.stringify(result));
}

/** Runs one (variant, size) in a fresh process. */
function measure(variant: Variant, size: number, runs: number, composeDir = ''): Result {
  const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, '--child', variant, String(size), String(runs), composeDir], {
    encoding: 'utf-8',
    env: { ...process.env, TS_NODE_PROJECT: `${__dirname}/tsconfig.json` },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out);
}

const perService = (x: Result, y: Result) => ((y.medianMs / y.size) / (x.medianMs / x.size)).toFixed(2);

function stackTable(list: number[]): void {
  const results: Result[] = [];
  for (const size of list) {
    const runs = size >= 1000 ? 5 : size >= 100 ? 7 : 15;
    for (const variant of ['stack', 'cdk8s-plus', 'floor'] as Variant[]) results.push(measure(variant, size, runs));
  }
  const at = (variant: Variant, size: number) => results.find(r => r.variant === variant && r.size === size)!;
  const rows = [
    '| services | objects (stack / cdk8s-plus) | YAML KiB (stack / cdk8s-plus) | stack ms | cdk8s-plus ms | floor ms | stack / cdk8s-plus | stack / floor | stack peak RSS MiB | cdk8s-plus peak RSS MiB |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const size of list) {
    const s = at('stack', size); const p = at('cdk8s-plus', size); const f = at('floor', size);
    rows.push(`| ${size} | ${s.objects} / ${p.objects} | ${(s.yamlBytes / 1024).toFixed(0)} / ${(p.yamlBytes / 1024).toFixed(0)} | ${s.medianMs.toFixed(1)} | ${p.medianMs.toFixed(1)} | ${f.medianMs.toFixed(1)} | `
      + `${(s.medianMs / p.medianMs).toFixed(2)}x | ${(s.medianMs / f.medianMs).toFixed(2)}x | ${s.maxRssMiB.toFixed(0)} | ${p.maxRssMiB.toFixed(0)} |`);
  }
  console.log(rows.join('\n'));
  for (let i = 1; i < list.length; i++) {
    const a = at('stack', list[i - 1]); const b = at('stack', list[i]);
    const pa = at('cdk8s-plus', list[i - 1]); const pb = at('cdk8s-plus', list[i]);
    console.log(`time per service, ${list[i - 1]} -> ${list[i]} services: stack x${perService(a, b)}, cdk8s-plus x${perService(pa, pb)} (1.00 is linear)`);
  }
}

function composeTable(list: number[]): void {
  const results: Result[] = [];
  for (const size of list) {
    const dir = prepareComposeBench(size);
    for (const variant of ['compose', 'compose-by-hand'] as Variant[]) results.push(measure(variant, size, size >= 2000 ? 3 : 5, dir));
  }
  const at = (variant: Variant, size: number) => results.find(r => r.variant === variant && r.size === size)!;
  const rows = [
    '| compose services | objects | YAML KiB | conversion ms | by hand ms | conversion / by hand | conversion CPU ms | by hand CPU ms | conversion / by hand (CPU) | conversion peak RSS MiB | by hand peak RSS MiB |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const size of list) {
    const c = at('compose', size); const h = at('compose-by-hand', size);
    const same = c.objects === h.objects && c.yamlBytes === h.yamlBytes ? '' : ` (by hand: ${h.objects}, ${(h.yamlBytes / 1024).toFixed(0)} KiB)`;
    rows.push(`| ${size} | ${c.objects}${same} | ${(c.yamlBytes / 1024).toFixed(0)} | ${c.medianMs.toFixed(0)} | ${h.medianMs.toFixed(0)} | ${(c.medianMs / h.medianMs).toFixed(2)}x | `
      + `${c.medianCpuMs.toFixed(0)} | ${h.medianCpuMs.toFixed(0)} | ${(c.medianCpuMs / h.medianCpuMs).toFixed(2)}x | ${c.maxRssMiB.toFixed(0)} | ${h.maxRssMiB.toFixed(0)} |`);
  }
  console.log(rows.join('\n'));
  for (let i = 1; i < list.length; i++) {
    const [c0, c1, h0, h1] = [at('compose', list[i - 1]), at('compose', list[i]), at('compose-by-hand', list[i - 1]), at('compose-by-hand', list[i])];
    const cpuPerService = (x: Result, y: Result) => ((y.medianCpuMs / y.size) / (x.medianCpuMs / x.size)).toFixed(2);
    console.log(`time per service, ${list[i - 1]} -> ${list[i]} compose services: conversion x${perService(c0, c1)} (CPU x${cpuPerService(c0, c1)}), `
      + `by hand x${perService(h0, h1)} (CPU x${cpuPerService(h0, h1)}) (1.00 is linear)`);
  }
}

function main(args: string[]): void {
  const sizes = args.map(Number).filter(n => n > 0);
  if (args[0] === 'compose') {
    composeTable(sizes.length > 0 ? sizes : [1000, 2000]);
    return;
  }
  stackTable(sizes.length > 0 ? sizes : [10, 100, 1000]);
  if (sizes.length > 0) return;
  console.log('');
  composeTable([1000, 2000]);
}

if (process.argv[2] === '--child') {
  child(process.argv[3] as Variant, Number(process.argv[4]), Number(process.argv[5]), process.argv[6]);
} else if (require.main === module) {
  main(process.argv.slice(2));
}
