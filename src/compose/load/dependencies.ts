import { LoadContext } from './context';
import { Normalized } from './normalize';
import type { ComposeService } from './project';
import { composeError, someOf, suggestion } from '../diagnostics';

/** Every `depends_on` names an active service (or is optional), and there is no cycle. */
export function checkDependencies(ctx: LoadContext, services: ComposeService[], all: Map<string, Normalized>, inactive: Set<string>): void {
  const active = new Map(services.map(s => [s.name, s]));
  for (const s of services) {
    for (const [dep, o] of Object.entries<any>(s.def.depends_on ?? {})) {
      if (active.has(dep)) continue;
      const where = s.where(['depends_on', dep]);
      const key = s.key(['depends_on', dep]);
      if (inactive.has(dep)) {
        const profiles: string[] = all.get(dep)!.def.profiles ?? [];
        if (o.required === false) {
          ctx.warn(where, key, `is left out: "${dep}" is not in an active profile and the dependency is optional`);
          continue;
        }
        throw composeError(where, {
          key,
          rule: `names a service that no active profile enables (it has profiles ${profiles.join(', ')})`,
          value: dep,
          fix: `activate one of them (--profile ${profiles[0]}), or set required: false on the dependency`,
        });
      }
      throw composeError(where, {
        key,
        rule: 'names a service the compose files do not have',
        value: dep,
        fix: `name one of ${someOf([...active.keys()])}${suggestion(dep, active.keys())}`,
      });
    }
  }
  checkCycles(services, active);
}

/** Depth-first search without recursion (a chain of thousands of services), reporting the first cycle with its path. */
function checkCycles(services: ComposeService[], active: Map<string, ComposeService>): void {
  const state = new Map<string, 'visiting' | 'done'>();
  for (const root of services) {
    if (state.has(root.name)) continue;
    const path: string[] = [];
    const stack: Array<{ name: string; deps: string[]; next: number }> = [];
    const enter = (name: string) => {
      state.set(name, 'visiting');
      path.push(name);
      stack.push({ name, deps: Object.keys(active.get(name)!.def.depends_on ?? {}).filter(d => active.has(d)), next: 0 });
    };
    enter(root.name);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next >= top.deps.length) {
        stack.pop();
        path.pop();
        state.set(top.name, 'done');
        continue;
      }
      const dep = top.deps[top.next++];
      if (state.get(dep) === 'visiting') throw cycleError(active.get(top.name)!, dep, [...path.slice(path.indexOf(dep)), dep]);
      if (!state.has(dep)) enter(dep);
    }
  }
}

function cycleError(s: ComposeService, dep: string, cycle: string[]): Error {
  return composeError(s.where(['depends_on', dep]), {
    key: s.key(['depends_on']),
    rule: `forms a cycle (${cycle.join(' -> ')}), so no service could start first`,
    value: dep,
    fix: `remove one dependency of the cycle; if ${s.name} and ${dep} call each other, keep only the one needed at start-up`,
  });
}
