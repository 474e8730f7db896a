import { DATABASE_IMAGES } from './data/databases';
import { DOCUMENT_STORE_IMAGES } from './data/document-stores';
import { MESSAGING_IMAGES } from './data/messaging';
import { OBSERVABILITY_IMAGES } from './data/observability';
import { RUNTIME_IMAGES } from './data/runtimes';
import { WEB_IMAGES } from './data/web';
import { KnownImage, KnownUserName } from './types';

export * from './types';

/**
 * The table of well-known images the compose converter consults: the user each runs as, the ports it
 * listens on, its data paths and the paths it writes at run time. Each entry cites the image's
 * Dockerfile or documentation (the comment above it, and `cite`).
 */
export const KNOWN_IMAGES: KnownImage[] = [
  ...DATABASE_IMAGES,
  ...DOCUMENT_STORE_IMAGES,
  ...MESSAGING_IMAGES,
  ...WEB_IMAGES,
  ...OBSERVABILITY_IMAGES,
  ...RUNTIME_IMAGES,
];

/** Users every Linux base image defines. */
const UNIVERSAL_USERS: { readonly [name: string]: KnownUserName } = {
  root: { uid: 0, gid: 0 },
  nobody: { uid: 65534, gid: 65534 },
};

/** An image reference split into its repository path (no registry, no `library/`) and its tag. */
export function parseImageReference(image: string): { repo: string; tag: string } {
  let ref = image.trim().toLowerCase();
  const at = ref.indexOf('@');
  if (at >= 0) ref = ref.slice(0, at);
  let tag = 'latest';
  const lastSlash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = ref.slice(colon + 1);
    ref = ref.slice(0, colon);
  }
  const parts = ref.split('/');
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) parts.shift();
  let repo = parts.join('/');
  for (const prefix of ['docker/library/', 'library/']) {
    if (repo.startsWith(prefix)) repo = repo.slice(prefix.length);
  }
  return { repo, tag };
}

function applyVariants(entry: KnownImage, tag: string): KnownImage {
  let result: KnownImage = entry;
  for (const v of entry.variants ?? []) {
    if (!new RegExp(v.tagPattern, 'i').test(tag)) continue;
    result = {
      ...result,
      user: v.user ?? result.user,
      ports: [...(v.ports ?? result.ports), ...(v.addPorts ?? [])],
      dataPaths: v.dataPaths ?? result.dataPaths,
      writablePaths: v.writablePaths ?? result.writablePaths,
      env: v.env ?? result.env,
      volumeSubPath: v.volumeSubPath ?? result.volumeSubPath,
      probe: v.probe ?? result.probe,
      restricted: v.restricted ?? result.restricted,
      userNames: v.userNames ?? result.userNames,
      notes: [...(result.notes ?? []), ...(v.notes ?? [])],
    };
  }
  return result;
}

/**
 * What is known about an image reference such as `postgres:17-alpine`, `docker.io/library/redis`,
 * `mcr.microsoft.com/mssql/server:2022-latest` or `quay.io/keycloak/keycloak@sha256:...`, with the
 * variants of its tag applied.
 *
 * A match entry containing '/' must equal the repository path; a bare name matches only official
 * images (no namespace after stripping the registry and `library/`): `someuser/postgres` is unknown.
 */
export function findKnownImage(image: string): KnownImage | undefined {
  const { repo, tag } = parseImageReference(image);
  const official = !repo.includes('/');
  const entry = KNOWN_IMAGES.find(e => e.match.some(m => (m.includes('/') ? m === repo : official && m === repo)));
  return entry ? applyVariants(entry, tag) : undefined;
}

/**
 * Whether the entry may prove restricted Pod Security: its user id was read from the image's own
 * files (`verified`) and its fit was seen documented or read from source, not reasoned.
 */
export function provesRestricted(entry: KnownImage): boolean {
  return entry.verified && entry.restricted.compatible && entry.restricted.basis !== 'unverified';
}

/**
 * The numeric user the image's long-running process runs as, when the image runs as non-root and
 * can be started directly as that user (no root phase): the `runAsUser` the table gives. Undefined
 * for images whose process runs as root.
 */
export function nonRootUserOf(entry: KnownImage): KnownUserName | undefined {
  const u = entry.user;
  if (u.uid === 0 || !u.supportsRunAsUser || u.runAsUser === undefined || u.runAsUser === 0) return undefined;
  return { uid: u.runAsUser, gid: u.runAsGroup ?? u.gid };
}

/** A user name of the image (`node`, `www-data`, `app`, `root`, `nobody`) as numbers. */
export function userByName(entry: KnownImage | undefined, name: string): KnownUserName | undefined {
  return entry?.userNames?.[name] ?? UNIVERSAL_USERS[name];
}

/** The ports the image always listens on (not those open only under some configuration). */
export function alwaysOpenPorts(entry: KnownImage): Array<{ port: number; protocol: 'tcp' | 'udp'; name: string }> {
  return entry.ports.filter(p => p.when === undefined).map(p => ({ port: p.port, protocol: p.protocol === 'UDP' ? 'udp' : 'tcp', name: p.name }));
}
