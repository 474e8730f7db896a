import { LoadContext } from './context';
import { Normalized } from './normalize';
import { someOf, suggestion, Where } from '../diagnostics';

/** Which services the active profiles enable. */
export interface Profiles {
  /** Whether a service runs: it has no profiles, or one of them is active (or `*` is). */
  isActive(n: Normalized): boolean;
}

/**
 * The active profiles: `profiles` when given (`--profile`), else `COMPOSE_PROFILES`. A profile
 * that no service declares activates nothing, with a warning, as `docker compose` does.
 */
export function activeProfiles(ctx: LoadContext, services: Iterable<Normalized>, given: string[] | undefined, where: Where): Profiles {
  const declared = new Set<string>();
  for (const n of services) for (const p of n.def.profiles ?? []) declared.add(String(p));
  const fromVariable = ctx.variable('COMPOSE_PROFILES');
  const active = new Set(given ?? (fromVariable ? fromVariable.split(',').map(p => p.trim()).filter(p => p !== '') : []));
  const key = given !== undefined ? 'profiles' : 'COMPOSE_PROFILES';
  for (const p of active) {
    if (p === '*' || declared.has(p)) continue;
    const fix = declared.size > 0 ? `use one of ${someOf([...declared].sort())}${suggestion(p, declared)}` : 'no service of the files has profiles';
    ctx.warn(where, key, `names the profile ${JSON.stringify(p)}, which no service declares: it activates nothing; ${fix}`);
  }
  return {
    isActive: n => (n.def.profiles ?? []).length === 0 || active.has('*') || n.def.profiles.some((p: string) => active.has(String(p))),
  };
}
