import { Rule } from './rule';

/**
 * The most a ConfigMap's or a Secret's data may hold: the API server refuses more.
 *
 * @see https://kubernetes.io/docs/concepts/configuration/configmap/#motivation
 */
export const MAX_DATA_BYTES = 1024 * 1024;

/** The bytes of one key of a ConfigMap or Secret: its name and its value (decoded, for base64). */
export interface KeySize {
  readonly key: string;
  readonly bytes: number;
}

/**
 * The size of each key of a ConfigMap (`data`, `binaryData`) or Secret (`data`, `stringData`),
 * name included, as the objects hold them once applied: base64 values decoded.
 */
export function dataKeySizes(m: any): KeySize[] {
  const text = (key: string, value: unknown) => ({ key, bytes: Buffer.byteLength(key) + Buffer.byteLength(String(value ?? '')) });
  const base64 = (key: string, value: unknown) => ({ key, bytes: Buffer.byteLength(key) + Buffer.from(String(value ?? ''), 'base64').length });
  const entries = (bag: any) => Object.entries(bag && typeof bag === 'object' ? bag : {});
  if (m.kind === 'ConfigMap') {
    return [...entries(m.data).map(([k, v]) => text(k, v)), ...entries(m.binaryData).map(([k, v]) => base64(k, v))];
  }
  // The API server merges stringData into data, so a key in both counts once (stringData wins).
  const stringData = entries(m.stringData);
  const fromString = new Set(stringData.map(([k]) => k));
  return [...entries(m.data).filter(([k]) => !fromString.has(k)).map(([k, v]) => base64(k, v)), ...stringData.map(([k, v]) => text(k, v))];
}

/** A size for messages: `1.2 MiB`, `300 KiB`, `12 B`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} B`;
}

/** A ConfigMap or Secret holds at most 1 MiB of data (keys and values). */
export const objectSize: Rule<any> = {
  id: 'object-size',
  check(m) {
    const sizes = dataKeySizes(m);
    const total = sizes.reduce((sum, s) => sum + s.bytes, 0);
    if (total <= MAX_DATA_BYTES) return [];
    const largest = [...sizes].sort((a, b) => b.bytes - a.bytes || a.key.localeCompare(b.key)).slice(0, 3);
    const keys = largest.map(s => `"${s.key}" (${formatBytes(s.bytes)})`).join(', ');
    return [`holds ${formatBytes(total)} of data, more than the 1 MiB a ${m.kind} may hold (largest keys: ${keys}); `
      + 'split it into several objects, or keep the files in the image or on a volume'];
  },
};
