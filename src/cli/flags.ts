import { CliError } from './io';

/** A repeatable option's values. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...previous ?? [], value];
}

/** `<service>=<value>` options as a map. */
export function pairs(values: string[] | undefined, option: string, example: string): { [key: string]: string } | undefined {
  if (!values) return undefined;
  const out: { [key: string]: string } = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new CliError(`${option} must be <service>=<value> (got "${v}"); write it as ${option} ${example}`);
    out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}
