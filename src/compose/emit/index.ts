import { basename } from 'path';
import { callGraph } from './calls';
import { AppFile, EmitContext, EmitInput } from './context';
import { emitObjects, emitVolumes } from './mounts';
import { emitStack } from './stack';
import { emitWorkload } from './workload';
import { Warnings } from '../../core/warnings';
import { ComposeError, problemLine } from '../diagnostics';
import { PlanWarning } from '../map/plan';
import { Expr, Program } from '../program';

export type { AppFile, EmitInput } from './context';

/** A conversion ready to run (`toStack`, `convert`) or to print (`init`). */
export interface Emitted {
  readonly program: Program;
  /** The stack variable. */
  readonly stack: Expr;
  /** Every warning, in order: loading, the project, then each workload. */
  readonly warnings: string[];
  /** The project files the printed app reads: the CLI copies them into its folder. */
  readonly files: AppFile[];
}

/**
 * The statements that build the stack of a planned compose app through the public stack API:
 * the stack, the volumes and objects the app creates, the externals, then one `add*` call per
 * workload with props (never patches), each after comments naming where it comes from and its
 * warnings. The same statements run and print.
 */
export function emitApp(input: EmitInput): Emitted {
  const ctx = new EmitContext(input);
  if (input.options.requireRestricted) checkRestricted(ctx);
  emitStack(ctx);
  const { global, byWorkload } = groupWarnings(ctx);
  const lines: string[] = [...input.plan.loadWarnings, ...global];
  const stackName = ctx.stack.value;
  // Compose warnings come first in stack.warnings, before the stack's own.
  ctx.program.hook(vars => {
    for (const w of lines) Warnings.of(vars[stackName]).add(w);
  });
  for (const w of lines) ctx.program.comment(`warning: ${w}`);
  emitVolumes(ctx);
  emitObjects(ctx);
  for (const e of ctx.plan.externals) {
    const svc = ctx.service(e.composeName);
    const own = byWorkload.get(e.name) ?? [];
    lines.push(...own);
    ctx.program.comment(`${svc.source.key()} (${basename(svc.source.where().file)}): outside the cluster`);
    for (const w of own) ctx.program.comment(`warning: ${w}`);
    ctx.program.add(ctx.stack.method('addExternal', e.name, e.host, ...e.port !== undefined ? [{ port: e.port }] : []));
  }
  const calls = callGraph(ctx);
  for (const s of ctx.plan.services) emitWorkload(ctx, s, calls.get(s.name) ?? [], byWorkload.get(s.name) ?? [], lines);
  return { program: ctx.program, stack: ctx.stack, warnings: lines, files: ctx.filesToCopy };
}

/** The plan's warnings: those of the project, and those of each workload (its sidecars' included) or external. */
function groupWarnings(ctx: EmitContext): { global: string[]; byWorkload: Map<string, string[]> } {
  const externals = new Map(ctx.plan.externals.map(e => [e.composeName, e.name]));
  const global: string[] = [];
  const byWorkload = new Map<string, string[]>();
  for (const w of ctx.plan.warnings as PlanWarning[]) {
    const owner = w.service === undefined ? undefined : ctx.ownerOf(w.service) ?? externals.get(w.service);
    if (owner === undefined) global.push(w.line);
    else byWorkload.set(owner, [...byWorkload.get(owner) ?? [], w.line]);
  }
  return { global, byWorkload };
}

/** With `requireRestricted`, every workload that cannot be proven to run restricted, with what would prove it. */
function checkRestricted(ctx: EmitContext): void {
  const problems: string[] = [];
  for (const s of ctx.plan.services) {
    for (const c of s.containers.filter(x => x.security.level !== 'RESTRICTED')) {
      const svc = ctx.service(c.service);
      problems.push(problemLine(svc.source.where(), {
        key: svc.source.key(),
        rule: `cannot be proven to run with restricted Pod Security (requireRestricted), so it would run ${c.security.level.toLowerCase()}`,
        fix: c.security.missing.length > 0 ? c.security.missing.join('; ') : 'run it restricted, or drop requireRestricted (--restricted)',
      }));
    }
  }
  if (problems.length > 0) throw new ComposeError(problems);
}
