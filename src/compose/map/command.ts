import { ComposeServiceModel } from '../model';

/** What the container runs. */
export interface CommandPart {
  readonly command?: string[];
  readonly args?: string[];
  readonly workingDir?: string;
}

/**
 * `entrypoint` is the Kubernetes `command`, `command` its `args`. Docker drops the image's CMD
 * when the entrypoint is replaced, Kubernetes keeps it: an entrypoint without a command gets empty
 * args, so the container runs what `docker compose up` runs.
 */
export function mapCommand(svc: ComposeServiceModel): CommandPart {
  const args = svc.command ?? (svc.entrypoint !== undefined ? [] : undefined);
  return { command: svc.entrypoint, args, workingDir: svc.workingDir };
}
