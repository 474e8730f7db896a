// Known container images: how the kubelet will see them (user, ports, data, writable paths, restricted fit).
//
// The shapes of the table of well-known images (images/data/*.ts) that the compose converter consults.
// Sources are cited above each entry. GitHub links pin the commit of the file version that was read
// (the stored copy), so a path may have moved on the default branch since.
//
// Conventions
// - `user.uid`/`gid`: the identity of the long-running process with the image defaults (0 = root).
//   When the image starts as root and an entrypoint drops privileges (gosu, su-exec, setpriv),
//   `startsAsRoot` is true and uid/gid are the identity it drops to.
// - `user.runAsUser`/`runAsGroup`/`fsGroup`: what to put in the pod securityContext for a non-root run.
//   Absent when no numeric user works without changing the image or its ports.
// - `dataPaths`: must survive a restart (VOLUME lines, or the documented data dir).
// - `writablePaths`: written at run time outside `dataPaths`; with readOnlyRootFilesystem each needs an emptyDir.
//   An emptyDir hides what the image ships at that path, so `restricted.issues` says when that matters.
// - `restricted.compatible`: runAsNonRoot + numeric runAsUser + readOnlyRootFilesystem + drop ALL + no privilege
//   escalation works, given a volume at `dataPaths` and emptyDirs at `writablePaths`.
//   `basis`: 'documented' (vendor docs, chart or issue), 'source' (read from Dockerfile/entrypoint),
//   'unverified' (reasoned, not confirmed).
// - `verified`: the UID, ports and data paths were read from the cited Dockerfile/docs. When false,
//   `unverifiedReason` says which part is from memory or inference; on a verified entry it flags a secondary detail.
// - A digest-only reference (`image@sha256:...`) has no tag and is treated as `latest`.
// - `variants`: tag-dependent overrides, applied in order when `tagPattern` (a case-insensitive RegExp source)
//   matches the tag. Fields replace the base entry's; `addPorts` appends.
// - `userNames`: user names the image defines, by name, so a `USER node` or `user: www-data` is a number.
// - How the converter trusts an entry (known-images.ts `trustedUser`): a user id claims restricted Pod
//   Security only when the entry is `verified` and `restricted.basis` is not 'unverified'; other entries
//   still give ports, data paths and probes, and their user only as a suggestion in a warning.

export type PortProtocol = 'TCP' | 'UDP';

export interface KnownImagePort {
  readonly port: number;
  readonly protocol: PortProtocol;
  /** Valid Kubernetes port name (IANA_SVC_NAME: max 15 chars, lowercase, digits, '-'). */
  readonly name: string;
  /** When the port is only open under some configuration. */
  readonly when?: string;
}

export interface KnownImageUser {
  readonly uid: number;
  readonly gid: number;
  /** Image USER is root (or unset) and the entrypoint drops to uid/gid. */
  readonly startsAsRoot: boolean;
  /** Starting the container directly as uid (no root phase) is supported. */
  readonly supportsRunAsUser: boolean;
  readonly runAsUser?: number;
  readonly runAsGroup?: number;
  readonly fsGroup?: number;
  /** Works with an arbitrary UID (usually with GID 0, OpenShift style). */
  readonly arbitraryUid?: boolean;
  readonly note?: string;
}

export interface KnownImageEnv {
  readonly name: string;
  readonly value: string;
  readonly reason: string;
}

export interface KnownImageProbe {
  /** Command run inside the container; exists in the image. */
  readonly exec?: string[];
  readonly tcpPort?: number;
  readonly httpGet?: { readonly path: string; readonly port: number };
  readonly note?: string;
}

export interface KnownImageRestricted {
  readonly compatible: boolean;
  readonly basis: 'documented' | 'source' | 'unverified';
  /** What breaks (when not compatible) or caveats (when compatible). */
  readonly issues?: string[];
  /** How to make it work. */
  readonly workaround?: string;
}

export interface KnownImageVariant {
  readonly tagPattern: string;
  readonly reason: string;
  readonly user?: KnownImageUser;
  readonly ports?: KnownImagePort[];
  readonly addPorts?: KnownImagePort[];
  readonly dataPaths?: string[];
  readonly writablePaths?: string[];
  readonly env?: KnownImageEnv[];
  readonly volumeSubPath?: string;
  readonly probe?: KnownImageProbe;
  readonly restricted?: KnownImageRestricted;
  readonly userNames?: { readonly [name: string]: KnownUserName };
  readonly notes?: string[];
}

export interface KnownImage {
  readonly name: string;
  /** Repository names: a bare name matches official (library) images only; 'ns/name' matches that path. */
  readonly match: string[];
  readonly user: KnownImageUser;
  readonly ports: KnownImagePort[];
  readonly dataPaths: string[];
  readonly writablePaths: string[];
  /** Values the converter should set. */
  readonly env?: KnownImageEnv[];
  /** Variables the image refuses to start without; the compose file must supply them. */
  readonly requiredEnv?: string[];
  /** Mount the data volume with this subPath (a fresh volume's lost+found upsets the initialiser). */
  readonly volumeSubPath?: string;
  readonly probe?: KnownImageProbe;
  readonly restricted: KnownImageRestricted;
  readonly stateful: boolean;
  readonly verified: boolean;
  readonly unverifiedReason?: string;
  readonly variants?: KnownImageVariant[];
  /** Users the image defines, by name (`node`: 1000). */
  readonly userNames?: { readonly [name: string]: KnownUserName };
  readonly notes?: string[];
  readonly cite: string[];
}

/** A user an image defines. */
export interface KnownUserName {
  readonly uid: number;
  readonly gid: number;
}
