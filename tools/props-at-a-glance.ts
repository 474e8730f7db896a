/**
 * "Props at a glance", the README section that lists each construct's own props first (API.md
 * lists a construct's props with the inherited cdk8s-plus ones, alphabetically: `image` of
 * ProbedDeploymentProps is its 22nd member). Generated from the jsii assembly, as API.md is:
 * `npx projen readme-props` (post-compile runs it after docgen) rewrites the section between the
 * README's markers, and test/docs/props-at-a-glance.test.ts fails when it is stale.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

/** The parts of a jsii assembly (.jsii, spec version 1) this section reads. */
export interface Assembly {
  readonly name: string;
  readonly types: Record<string, JsiiType>;
}
interface JsiiType {
  readonly kind: 'class' | 'interface' | 'enum';
  readonly fqn: string;
  readonly name: string;
  readonly base?: string;
  readonly datatype?: boolean;
  readonly interfaces?: string[];
  readonly docs?: JsiiDocs;
  readonly initializer?: Callable;
  readonly methods?: Array<Callable & { readonly name: string; readonly static?: boolean }>;
  readonly properties?: Property[];
}
interface JsiiDocs {
  readonly summary?: string;
  readonly remarks?: string;
  readonly default?: string;
  readonly deprecated?: string;
  readonly custom?: Record<string, string>;
}
interface Callable {
  readonly docs?: JsiiDocs;
  readonly parameters?: Array<{ readonly name: string; readonly type: TypeRef; readonly optional?: boolean }>;
}
interface Property {
  readonly name: string;
  readonly type: TypeRef;
  readonly optional?: boolean;
  readonly docs?: JsiiDocs;
}
interface TypeRef {
  readonly primitive?: string;
  readonly fqn?: string;
  readonly collection?: { readonly kind: 'array' | 'map'; readonly elementtype: TypeRef };
  readonly union?: { readonly types: TypeRef[] };
}

export const BEGIN = '<!-- props-at-a-glance: generated from .jsii by tools/props-at-a-glance.ts (npx projen readme-props); do not edit -->';
export const END = '<!-- /props-at-a-glance -->';

/** The repository's root folder. */
const ROOT = join(__dirname, '..');

/** How other packages' types read in a user's program. */
const PREFIXES: Array<[string, string]> = [['cdk8s-plus-28.', 'kplus.'], ['cdk8s.', ''], ['constructs.', '']];

/** The section's Markdown, between the markers. */
export function propsAtAGlance(assembly: Assembly): string {
  const types = assembly.types;
  const own = (fqn: string | undefined): JsiiType | undefined => (fqn?.startsWith(`${assembly.name}.`) ? types[fqn] : undefined);
  const constructs = Object.values(types)
    .filter(t => t.kind === 'class' && isConstruct(t, types) && !internal(t.initializer?.docs ?? t.docs) && propsOf(t.initializer, own))
    .sort((a, b) => a.name.localeCompare(b.name));
  // A struct that other structs extend is listed once, under "Shared props", and linked from each.
  const shared = new Set<string>();
  const visit = (struct: JsiiType): void => {
    for (const base of struct.interfaces ?? []) {
      const b = own(base);
      if (b && !shared.has(b.fqn)) {
        shared.add(b.fqn);
        visit(b);
      }
    }
  };
  for (const c of constructs) {
    for (const callable of [c.initializer, ...publicMethods(c)]) {
      const struct = propsOf(callable, own);
      if (struct) visit(struct);
    }
  }

  const out: string[] = [
    'Each construct\'s own props, required first; what a construct shares with others is under',
    '[shared props](#shared-props), and [API.md](API.md) has everything, with the props cdk8s and',
    'cdk8s-plus add.',
    '',
    constructs.map(c => `[${c.name}](#${anchor(c.name)})`).join(' · '),
  ];
  for (const c of constructs) {
    const struct = propsOf(c.initializer, own)!;
    const props = c.initializer!.parameters![c.initializer!.parameters!.length - 1];
    out.push('', `### ${c.name}`, '', `\`new ${c.name}(scope, id, ${props.name}${props.optional ? '?' : ''}: ${struct.name})\`: ${summary(c.docs)}`, '');
    out.push(...structTable(struct, own, shared));
    for (const m of publicMethods(c)) {
      const options = propsOf(m, own);
      if (!options) continue;
      const call = `${lowerFirst(c.name)}.${m.name}(${(m.parameters ?? []).map(p => p.name).join(', ')})`;
      if (shared.has(options.fqn)) {
        out.push('', `\`${call}\`: ${summary(m.docs)} Its options are [${options.name}](#${anchor(options.name)}).`);
      } else {
        out.push('', `\`${call}\`: ${summary(m.docs)} Its options, \`${options.name}\`:`, '');
        out.push(...structTable(options, own, shared));
      }
    }
  }
  out.push('', '### Shared props');
  for (const fqn of [...shared].sort((a, b) => types[a].name.localeCompare(types[b].name))) {
    const struct = types[fqn];
    out.push('', `#### ${struct.name}`, '', summary(struct.docs), '');
    out.push(...structTable(struct, own, shared));
  }
  return out.join('\n');
}

/** A struct's own props (required first), then the structs it extends. */
function structTable(struct: JsiiType, own: (fqn?: string) => JsiiType | undefined, shared: Set<string>): string[] {
  const props = [...(struct.properties ?? [])].sort((a, b) => Number(!!a.optional) - Number(!!b.optional) || a.name.localeCompare(b.name));
  const rows = props.map(p => {
    const name = p.optional ? `\`${p.name}\`` : `**\`${p.name}\`**`;
    const dflt = p.optional ? oneLine(p.docs?.default).replace(/^- /, '') || '-' : 'required';
    const what = `${p.docs?.deprecated ? '(deprecated) ' : ''}${summary(p.docs)}`;
    return `| ${name} | ${cell(typeCell(p.type, own))} | ${cell(dflt)} | ${cell(what)} |`;
  });
  const table = rows.length === 0 ? [] : ['| prop | type | default | what |', '| --- | --- | --- | --- |', ...rows];
  // Ours first: the props a user looks for; then cdk8s's and cdk8s-plus's.
  const bases = [...(struct.interfaces ?? [])].sort((a, b) => Number(!own(a)) - Number(!own(b))).map(b => {
    const base = own(b);
    return base && shared.has(base.fqn) ? `[${base.name}](#${anchor(base.name)})` : `\`${foreign(b, true)}\``;
  });
  if (bases.length > 0) table.push('', `${rows.length === 0 ? 'The' : 'And the'} props of ${bases.join(' and ')}.`);
  return table;
}

/** The struct a constructor or method takes as its last parameter, when it is one of ours. */
function propsOf(callable: Callable | undefined, own: (fqn?: string) => JsiiType | undefined): JsiiType | undefined {
  const last = callable?.parameters?.[callable.parameters.length - 1];
  const type = own(last?.type.fqn);
  return type?.datatype ? type : undefined;
}

function publicMethods(t: JsiiType): NonNullable<JsiiType['methods']> {
  return [...(t.methods ?? [])].filter(m => !m.static && !internal(m.docs)).sort((a, b) => a.name.localeCompare(b.name));
}

function isConstruct(t: JsiiType, types: Record<string, JsiiType>): boolean {
  for (let base = t.base; base; base = types[base]?.base) {
    if (base === 'constructs.Construct' || base === 'cdk8s.Chart' || base.startsWith('cdk8s-plus-28.')) return true;
  }
  return false;
}

/** Constructs the stack builds (addService's Microservice) document their constructor as internal. */
function internal(docs: JsiiDocs | undefined): boolean {
  return docs?.custom?.internal === 'true';
}

/** A type as code, linked to its API.md entry when it is one of ours (its props, its factories). */
function typeCell(t: TypeRef, own: (fqn?: string) => JsiiType | undefined): string {
  let inner = t;
  while (inner.collection) inner = inner.collection.elementtype;
  const ours = own(inner.fqn);
  const code = `\`${typeName(t, own)}\``;
  return ours ? `[${code}](API.md#${ours.fqn})` : code;
}

function typeName(t: TypeRef, own: (fqn?: string) => JsiiType | undefined): string {
  if (t.primitive) return t.primitive;
  if (t.fqn) return own(t.fqn)?.name ?? foreign(t.fqn);
  if (t.collection) {
    const element = typeName(t.collection.elementtype, own);
    return t.collection.kind === 'array' ? `${element}[]` : `Record<string, ${element}>`;
  }
  return (t.union?.types ?? []).map(u => typeName(u, own)).join(' | ');
}

/** Another package's type as a user's program names it (`kplus.Probe`, `Duration`), or with its package. */
function foreign(fqn: string, withPackage = false): string {
  const prefix = PREFIXES.find(([p]) => fqn.startsWith(p));
  if (!prefix) return fqn;
  return (withPackage && prefix[1] === '' ? prefix[0] : prefix[1]) + fqn.slice(prefix[0].length);
}

/**
 * The docs' summary on one line. jsii ends a summary at the first `;` as at a full stop: the
 * rest of that sentence is put back from the remarks.
 */
function summary(docs: JsiiDocs | undefined): string {
  const text = oneLine(docs?.summary);
  if (!text.endsWith(';') || !docs?.remarks) return text;
  const paragraph = oneLine(docs.remarks.split(/\n\s*\n/)[0]);
  const end = /\.(\s|$)/.exec(paragraph);
  return `${text} ${end ? paragraph.slice(0, end.index + 1) : paragraph}`;
}

/** Doc text on one line, `{@link X}` as `X`. */
function oneLine(text: string | undefined): string {
  return (text ?? '').replace(/\{@link\s+([^}\s]+)\s*\}/g, '$1').replace(/\s+/g, ' ').trim();
}

/** A table cell: a pipe would end it. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** GitHub's and npm's anchor of a heading that is one word. */
export function anchor(heading: string): string {
  return heading.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}

function lowerFirst(s: string): string {
  return s[0].toLowerCase() + s.slice(1);
}

/** The README with its section replaced by `section`. */
export function withSection(readme: string, section: string): string {
  const begin = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`README.md must have the markers ${BEGIN} and ${END}, in that order`);
  return `${readme.slice(0, begin + BEGIN.length)}\n${section}\n${readme.slice(end)}`;
}

/** The assembly jsii wrote (`npx projen compile`). */
export function readAssembly(): Assembly {
  return JSON.parse(readFileSync(join(ROOT, '.jsii'), 'utf-8'));
}

if (require.main === module) {
  const file = join(ROOT, 'README.md');
  writeFileSync(file, withSection(readFileSync(file, 'utf-8'), propsAtAGlance(readAssembly())));
}
