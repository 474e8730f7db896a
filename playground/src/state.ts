/**
 * The page's state (files and options) in the URL fragment, compressed, so a student can send
 * a link to a teacher. The fragment never leaves the browser: nothing is sent anywhere.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import type { PlaygroundOptions } from './adapter';

/** What the page holds: the project's files by name, and the command line's options. */
export interface PlaygroundState {
  readonly files: { readonly [name: string]: string };
  readonly options: PlaygroundOptions;
}

const PREFIX = 's1.';

/** `s1.<base64url of the deflated JSON>`. */
export function encodeState(state: PlaygroundState): string {
  const json = JSON.stringify({ files: state.files, options: state.options });
  return PREFIX + toBase64Url(deflateSync(strToU8(json), { level: 9 }));
}

/** The state in a fragment (with or without its `#`), or undefined when it holds none or is damaged. */
export function decodeState(fragment: string, defaults: PlaygroundOptions): PlaygroundState | undefined {
  const text = fragment.replace(/^#/, '');
  if (!text.startsWith(PREFIX)) return undefined;
  try {
    const data = JSON.parse(strFromU8(inflateSync(fromBase64Url(text.slice(PREFIX.length)))));
    const given: unknown = data?.files;
    if (!isStringMap(given)) return undefined;
    // A link is input from someone else: a file name that would leave the project folder (and,
    // in the app's zip, the folder it is unpacked into) is dropped.
    const files = Object.fromEntries(Object.entries(given).filter(([name]) => isProjectPath(name)));
    return { files, options: optionsFrom(data.options, defaults) };
  } catch {
    return undefined;
  }
}

/** A relative path inside the project folder: no `..`, no absolute path, no empty part, no control character. */
export function isProjectPath(name: string): boolean {
  const parts = name.split('/');
  return name.length > 0 && name.length <= 200 && parts.every(p => p !== '' && p !== '.' && p !== '..' && !/[\\\u0000-\u001f]/.test(p));
}

/** Known options with values of their own type; anything else falls back to the default. */
function optionsFrom(value: unknown, defaults: PlaygroundOptions): PlaygroundOptions {
  const given = (value && typeof value === 'object' ? value : {}) as { [k: string]: unknown };
  const out: { [k: string]: unknown } = { ...defaults };
  for (const k of Object.keys(defaults)) {
    if (typeof given[k] === typeof (defaults as unknown as { [k: string]: unknown })[k]) out[k] = given[k];
  }
  return out as unknown as PlaygroundOptions;
}

function isStringMap(value: unknown): value is { [name: string]: string } {
  return !!value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every(v => typeof v === 'string');
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, c => c.charCodeAt(0));
}
