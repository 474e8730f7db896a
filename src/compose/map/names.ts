import { toDns1035Label } from '../../core/names';
import { ComposeModel } from '../model';

/** The suffix a name of each kind gets when another object of the app already has it. */
const SUFFIX = { service: '', alias: '', volume: 'data', secret: 'secret', config: 'config', network: 'network' } as const;
export type NameKind = keyof typeof SUFFIX;

/**
 * Kubernetes names of a compose project. Services, volumes, secrets, configs and networks live in
 * separate compose namespaces, but their Kubernetes objects (and the stack's construct ids) share
 * one: a name already taken gets its kind's suffix (`zammad-backup` the service, `zammad-backup-data`
 * the claim), then a number. Services are named first, so the names callers dial stay as written.
 */
export class Names {
  private readonly used = new Set<string>();
  private readonly byKind = new Map<string, string>();
  /** Compose host names (lowercase) that changed, to their Kubernetes name. */
  public readonly renamedHosts = new Map<string, string>();

  constructor(model: ComposeModel, reserved: string[]) {
    for (const r of reserved) this.used.add(r);
    for (const s of model.services) {
      const name = this.assign('service', s.name);
      // The stack's own objects of a service.
      for (const own of ['config', 'secrets', 'files', 'headless']) this.used.add(`${name}-${own}`);
      if (name !== s.name) this.renamedHosts.set(s.name.toLowerCase(), name);
    }
    for (const v of model.volumes.values()) this.assign('volume', v.external ? v.externalName : v.name);
    for (const v of model.secrets.values()) this.assign('secret', v.external ? v.externalName : v.name);
    for (const v of model.configs.values()) this.assign('config', v.external ? v.externalName : v.name);
    for (const v of model.networks.values()) this.assign('network', v.name);
  }

  /** The Kubernetes name given to a compose name of a kind. */
  public of(kind: NameKind, composeName: string): string {
    return this.byKind.get(`${kind}/${composeName}`) ?? this.assign(kind, composeName);
  }

  /** A further name (an alias Service, a data claim of a service), unique in the app; undefined when taken by another object. */
  public claim(kind: NameKind, wanted: string): string | undefined {
    const label = toDns1035Label(wanted);
    if (this.used.has(label)) return undefined;
    this.used.add(label);
    this.byKind.set(`${kind}/${wanted}`, label);
    return label;
  }

  /** A unique name derived from `wanted`, with the kind's suffix or a number when taken. */
  public unique(kind: NameKind, wanted: string): string {
    return this.assign(kind, wanted);
  }

  private assign(kind: NameKind, composeName: string): string {
    const id = `${kind}/${composeName}`;
    const existing = this.byKind.get(id);
    if (existing) return existing;
    const base = toDns1035Label(composeName);
    let name = base;
    if (this.used.has(name) && SUFFIX[kind] !== '') name = `${base.slice(0, 62 - SUFFIX[kind].length)}-${SUFFIX[kind]}`;
    const numbered = name.slice(0, 60);
    for (let i = 2; this.used.has(name); i++) name = `${numbered}-${i}`;
    this.used.add(name);
    this.byKind.set(id, name);
    return name;
  }
}
