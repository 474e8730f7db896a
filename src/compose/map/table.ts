import { ComposeServiceModel } from '../model';
import { MapContext } from './context';

/** The mapper (file under map/) that takes a key. */
export type MapperName = 'load' | 'build' | 'command' | 'environment' | 'ports' | 'probes' | 'files' | 'volumes' | 'secrets'
| 'security' | 'workload-kind' | 'network' | 'resources' | 'deploy' | 'annotations' | 'lifecycle' | 'names';

/** What happens to a compose key: a mapper takes it, or it is named in a warning saying why not. */
export type KeyRule = { readonly mapper: MapperName } | { readonly notMapped: string };

const m = (mapper: MapperName): KeyRule => ({ mapper });
const no = (notMapped: string): KeyRule => ({ notMapped });

const CGROUP = 'Kubernetes sets CPU and memory through requests and limits only';
const HOST_NS = 'a pod does not share the host\'s namespaces (Pod Security forbids it)';

/**
 * Every service key of the compose specification, and what the converter does with it. A test
 * checks that the table covers every service property of the compose-spec schema, so "every key is
 * mapped or warned" is checked by the table itself.
 */
export const SERVICE_KEYS: { readonly [key: string]: KeyRule } = {
  annotations: m('annotations'),
  attach: no('Kubernetes keeps every container\'s logs; read them with kubectl logs'),
  blkio_config: no('Kubernetes has no block-IO weights or limits'),
  build: m('build'),
  cap_add: m('security'),
  cap_drop: m('security'),
  cgroup: no(HOST_NS),
  cgroup_parent: no('the kubelet places pods in its own cgroups'),
  command: m('command'),
  configs: m('secrets'),
  container_name: m('network'),
  cpu_count: no(CGROUP),
  cpu_percent: no(CGROUP),
  cpu_period: no(CGROUP),
  cpu_quota: no(CGROUP),
  cpu_rt_period: no(CGROUP),
  cpu_rt_runtime: no(CGROUP),
  cpu_shares: no(CGROUP),
  cpus: m('resources'),
  cpuset: no('pin CPUs with the kubelet\'s static CPU manager policy and whole-CPU requests'),
  credential_spec: no('gMSA credential specs are a Windows node feature: set securityContext.windowsOptions by hand'),
  depends_on: m('workload-kind'),
  deploy: m('deploy'),
  develop: no('compose watch rules are for docker compose; use skaffold dev'),
  device_cgroup_rules: no('a pod gets devices through device plugins, not cgroup rules'),
  devices: m('security'),
  dns: no('pods resolve names through the cluster DNS'),
  dns_opt: no('pods resolve names through the cluster DNS'),
  dns_search: no('pods resolve names through the cluster DNS'),
  domainname: no('pods get their domain from the cluster DNS'),
  entrypoint: m('command'),
  env_file: m('environment'),
  environment: m('environment'),
  expose: m('ports'),
  extends: m('load'),
  external_links: no('name the outside service as an ExternalName Service (the externals option)'),
  extra_hosts: m('network'),
  gpus: no('request GPUs through the cluster\'s device plugin (nvidia.com/gpu) by hand'),
  group_add: no('add supplemental groups to the pod security context by hand'),
  healthcheck: m('probes'),
  hostname: m('network'),
  image: m('build'),
  init: no('Kubernetes runs the entrypoint as PID 1 without docker-init; build tini into the image if the process must reap children'),
  ipc: no(HOST_NS),
  isolation: no('Windows isolation modes are a node setting'),
  label_file: no('write its labels into labels:'),
  labels: m('annotations'),
  links: m('network'),
  logging: no('pods log to stdout; the cluster\'s log collector takes it from there'),
  mac_address: no('pods get their addresses from the cluster'),
  mem_limit: m('resources'),
  mem_reservation: m('resources'),
  mem_swappiness: no('Kubernetes nodes manage swap themselves'),
  memswap_limit: no('Kubernetes nodes manage swap themselves'),
  models: no('AI models of docker compose have no Kubernetes object'),
  network_mode: m('workload-kind'),
  networks: m('network'),
  oom_kill_disable: no('the kubelet decides which process the kernel kills on out-of-memory'),
  oom_score_adj: no('the kubelet sets the OOM score from the pod\'s quality-of-service class'),
  pid: no(HOST_NS),
  pids_limit: m('resources'),
  platform: no('schedule by node labels (kubernetes.io/arch, kubernetes.io/os) by hand; the image must exist for the nodes\' platform'),
  ports: m('ports'),
  post_start: no('add a postStart lifecycle hook to the container by hand'),
  pre_stop: no('add a preStop lifecycle hook to the container by hand'),
  privileged: m('security'),
  profiles: m('load'),
  provider: no('compose providers run outside the containers; create what they provide by hand'),
  pull_policy: m('build'),
  read_only: m('security'),
  restart: m('workload-kind'),
  runtime: no('choose a container runtime with a RuntimeClass by hand'),
  scale: m('workload-kind'),
  secrets: m('secrets'),
  security_opt: m('security'),
  shm_size: m('volumes'),
  stdin_open: no('pods run without standard input'),
  stop_grace_period: m('lifecycle'),
  stop_signal: no('the kubelet stops containers with SIGTERM; set STOPSIGNAL in the image'),
  storage_opt: no('the container runtime sets the storage driver\'s options'),
  sysctls: m('security'),
  tmpfs: m('volumes'),
  tty: no('pods run without a terminal'),
  ulimits: no('Kubernetes has no per-container ulimits; the node\'s container runtime sets them'),
  use_api_socket: no('a pod does not get the Docker API socket'),
  user: m('security'),
  userns_mode: no(HOST_NS),
  uts: no(HOST_NS),
  volumes: m('volumes'),
  volumes_from: no('mount the same named volume in both services instead'),
  working_dir: m('command'),
};

/** Every top-level key of a compose file. */
export const TOP_LEVEL_KEYS: { readonly [key: string]: KeyRule } = {
  version: no('it is obsolete; compose ignores it too'),
  name: m('names'),
  services: m('workload-kind'),
  networks: m('network'),
  volumes: m('volumes'),
  secrets: m('secrets'),
  configs: m('secrets'),
  include: m('load'),
  models: no('AI models of docker compose have no Kubernetes object'),
};

/** Boolean keys whose `false` asks for nothing. */
const ONLY_WHEN_TRUE: { [key: string]: (s: ComposeServiceModel) => boolean | undefined } = {
  init: s => s.init,
  tty: s => s.tty,
  stdin_open: s => s.stdinOpen,
};

/** A warning for each key of the service that no mapper takes, saying why. */
export function warnUnmappedKeys(ctx: MapContext, svc: ComposeServiceModel): void {
  for (const key of svc.keys) {
    const rule = SERVICE_KEYS[key];
    if (rule === undefined) {
      ctx.warn(svc, [key], 'is not a key this converter knows: it is not mapped');
    } else if ('notMapped' in rule && (ONLY_WHEN_TRUE[key]?.(svc) ?? true)) {
      ctx.warn(svc, [key], `is not mapped: ${rule.notMapped}`);
    }
  }
}

/** A warning for each top-level key of the files that no mapper takes. */
export function warnUnmappedTopLevel(ctx: MapContext): void {
  for (const f of ctx.model.project.files) {
    for (const key of Object.keys(f.data)) {
      if (key.startsWith('x-')) continue;
      const rule = TOP_LEVEL_KEYS[key];
      if (rule === undefined) ctx.warnAt(f.locate([key]), key, 'is not a key this converter knows: it is not mapped');
      else if ('notMapped' in rule && key !== 'version') ctx.warnAt(f.locate([key]), key, `is not mapped: ${rule.notMapped}`);
    }
  }
}
