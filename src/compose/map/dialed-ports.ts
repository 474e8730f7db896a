import { ComposeModel, ComposeServiceModel } from '../model';

/**
 * `host:port` in a value: after the start, `/`, `@`, `=`, `,`, `;`, a quote or a space; before the
 * end, `/`, `;`, `,`, `?`, `)`, a quote or a space (`http://catalog:8080/api`, `redis:6379`).
 */
const HOST_PORT = /(?<=^|[/@=,;"'\s])([A-Za-z0-9][A-Za-z0-9_.-]*):(\d{1,5})(?=$|[/;,?)"'\s])/g;

/** Hosts that name the container itself, in its own healthcheck or configuration. */
const SELF = new Set(['localhost', '127.0.0.1', '0.0.0.0', '[::1]']);

/** One TCP port a service is known to listen on although the compose file does not declare it. */
export interface DialedPort {
  readonly port: number;
  /** What says so: `its healthcheck`, `ASPNETCORE_URLS`, `the configuration of basket`. */
  readonly source: string;
}

/**
 * The TCP ports each service listens on that its own files say but `ports`/`expose` leave out:
 * on a compose network every port a container listens on is reachable, so a service is often
 * called on a port it never declares (`http://catalog:8080`). The evidence is the compose file's
 * own: the service's healthcheck calling itself, its ASP.NET Core URL variables, and the host
 * names and ports that the other services' environment and commands dial. Nothing is guessed
 * from the image. Each value is read once, token by token (linear in the size of the project).
 */
export function dialedPorts(model: ComposeModel): Map<string, DialedPort[]> {
  const hosts = new Map<string, string>();
  for (const s of model.services) {
    for (const n of [s.name, s.hostname, s.containerName, ...s.networks.flatMap(x => x.aliases)]) {
      if (n !== undefined && !hosts.has(n.toLowerCase())) hosts.set(n.toLowerCase(), s.name);
    }
  }
  const out = new Map<string, DialedPort[]>();
  const add = (service: string, port: number, source: string) => {
    const list = out.get(service) ?? [];
    if (port >= 1 && port <= 65535 && !list.some(p => p.port === port)) out.set(service, [...list, { port, source }]);
  };
  for (const s of model.services) {
    for (const text of ownTexts(s)) {
      for (const m of text.matchAll(HOST_PORT)) if (SELF.has(m[1].toLowerCase())) add(s.name, Number(m[2]), 'its healthcheck');
    }
    for (const port of aspNetCorePorts(model, s)) add(s.name, port, 'its ASP.NET Core URLs');
    for (const text of calledTexts(model, s)) {
      for (const m of text.matchAll(HOST_PORT)) {
        const target = hosts.get(m[1].toLowerCase());
        if (target !== undefined && target !== s.name) add(target, Number(m[2]), `the configuration of ${s.name}`);
      }
    }
  }
  return out;
}

/** The healthcheck test of a service: a call of itself there names a port it listens on. */
function ownTexts(s: ComposeServiceModel): string[] {
  const hc = s.healthcheck;
  return hc && !hc.disabled && hc.test ? hc.test.argv : [];
}

/** `ASPNETCORE_URLS` (`http://+:5000;https://+:5001`), `ASPNETCORE_HTTP_PORTS` and `ASPNETCORE_HTTPS_PORTS` (`8080;8081`). */
function aspNetCorePorts(model: ComposeModel, s: ComposeServiceModel): number[] {
  const out: number[] = [];
  for (const e of s.environment) {
    const value = e.value ?? model.project.variable(e.name) ?? '';
    if (e.name === 'ASPNETCORE_URLS') for (const m of value.matchAll(/:(\d{1,5})(?=$|[/;\s])/g)) out.push(Number(m[1]));
    if (e.name === 'ASPNETCORE_HTTP_PORTS' || e.name === 'ASPNETCORE_HTTPS_PORTS') {
      for (const p of value.split(/[;,]/)) if (/^\s*\d{1,5}\s*$/.test(p)) out.push(Number(p));
    }
  }
  return out;
}

/** What a service dials others with: its environment values and its command. */
function calledTexts(model: ComposeModel, s: ComposeServiceModel): string[] {
  return [
    ...s.environment.map(e => e.value ?? model.project.variable(e.name) ?? ''),
    ...s.command ?? [],
    ...s.entrypoint ?? [],
  ];
}
