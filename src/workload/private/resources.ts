import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';

/** Sized for a small ASP.NET Core service, not cdk8s-plus's 1 CPU request. */
export function defaultResources(): kplus.ContainerResources {
  return {
    cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
    memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
  };
}

/** Sidecars (proxies, log shippers) need less than the service they sit beside. */
export function sidecarResources(): kplus.ContainerResources {
  return {
    cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(200) },
    memory: { request: Size.mebibytes(64), limit: Size.mebibytes(128) },
  };
}

/** Plain environment variables as cdk8s-plus takes them. */
export function plainEnv(env: { [name: string]: string } | undefined): { [name: string]: kplus.EnvValue } {
  const result: { [name: string]: kplus.EnvValue } = {};
  for (const [name, value] of Object.entries(env ?? {})) result[name] = kplus.EnvValue.fromValue(value);
  return result;
}
