/** The options form: the command line's options, read and written as PlaygroundOptions. */
import { byId } from './dom';
import type { PlaygroundOptions } from '../adapter';

const FIELDS: Array<keyof PlaygroundOptions> = ['platform', 'publishedPorts', 'profiles', 'imageTag', 'networkPolicy'];

function field(name: keyof PlaygroundOptions): HTMLInputElement | HTMLSelectElement {
  return byId<HTMLInputElement | HTMLSelectElement>(`option-${name}`);
}

/** Fills the selects with their choices. */
export function initOptions(choices: { readonly [name: string]: readonly string[] }, onChange: () => void): void {
  for (const [name, values] of Object.entries(choices)) {
    const select = field(name as keyof PlaygroundOptions) as HTMLSelectElement;
    select.replaceChildren(...values.map(v => new Option(v, v)));
  }
  byId('options').addEventListener('submit', e => e.preventDefault());
  for (const name of FIELDS) field(name).addEventListener(field(name) instanceof HTMLSelectElement ? 'change' : 'input', onChange);
}

export function readOptions(): PlaygroundOptions {
  const out: { [name: string]: string } = {};
  for (const name of FIELDS) out[name] = field(name).value;
  return out as unknown as PlaygroundOptions;
}

/** Shows options; a value a select does not offer leaves its default. */
export function writeOptions(options: PlaygroundOptions): void {
  for (const name of FIELDS) {
    const f = field(name);
    if (f instanceof HTMLSelectElement && ![...f.options].some(o => o.value === options[name])) {
      f.selectedIndex = 0;
    } else {
      f.value = options[name];
    }
  }
}
