/**
 * Node's `crypto.createHash` for the two digests the library and its dependencies take: SHA-256
 * (the config checksum, names of claims and gateways) and SHA-1 (constructs' node addresses,
 * which cdk8s puts in generated names). Same bytes as Node's for the same input, so the page's
 * YAML equals the command line's.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';

const ALGORITHMS = { sha1, sha256 } as const;

/** A hash in progress, as Node's Hash: `update` with strings (UTF-8) or bytes, then `digest`. */
class Hash {
  private readonly state: { update(bytes: Uint8Array): unknown; digest(): Uint8Array };

  public constructor(algorithm: string) {
    const fn = ALGORITHMS[algorithm.toLowerCase() as keyof typeof ALGORITHMS];
    if (!fn) throw new Error(`digest ${algorithm} is not available in the playground (sha1 and sha256 are)`);
    this.state = fn.create();
  }

  public update(data: string | Uint8Array): Hash {
    this.state.update(typeof data === 'string' ? new TextEncoder().encode(data) : data);
    return this;
  }

  public digest(encoding?: 'hex'): string | Uint8Array {
    const bytes = this.state.digest();
    if (encoding === undefined) return bytes;
    if (encoding !== 'hex') throw new Error(`digest encoding ${encoding} is not available in the playground (hex is)`);
    return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  }
}

export function createHash(algorithm: string): Hash {
  return new Hash(algorithm);
}

export default { createHash };
