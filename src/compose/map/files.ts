import { basename, relative } from 'path';
import { someOf } from '../diagnostics';
import { ComposeServiceModel, ModelMount } from '../model';
import { ImageFacts, MapContext } from './context';
import { MountPlan } from './plan';
import { dataClaim, isDataPath } from './volumes';
import { looksSecretFile } from '../../core/secrets';

/** Kubernetes' limit on a ConfigMap or Secret. */
export const OBJECT_LIMIT_BYTES = 1024 * 1024;
/** Above this many files a folder is not copied into ConfigMaps. */
export const MAX_FOLDER_FILES = 500;

/** Host paths that give a container the host itself: never mapped. */
const HOST_PATHS = [/^\/(var\/)?run\/docker\.sock$/, /^\/(proc|sys|dev)(\/|$)/, /^\/etc\/(localtime|timezone|hosts|resolv\.conf|machine-id)$/, /^\/lib\/modules(\/|$)/, /^\/$/, /^\/var\/lib\/docker(\/|$)/];
/** Development folders of .NET and others: secrets and certificates of the developer's machine. */
const DEV_FOLDERS = [/usersecrets/i, /\.aspnet[\\/]https/i, /[\\/]\.microsoft[\\/]/i, /[\\/]\.ssh(\/|$)/i, /[\\/]\.(aws|kube|azure|docker|gnupg)(\/|$)/i];

/**
 * A bind mount. A file or folder inside the project folder becomes a ConfigMap (a Secret when its
 * name looks secret) mounted at the same target, folders with their nested files; a folder the
 * project does not hold yet, an empty one, or one at the image's data path becomes a claim (data);
 * what lies outside the project is never read: a writable mount becomes a claim, a read-only one is
 * not mapped. Host paths (the Docker socket, /proc, ...) are not mapped.
 */
export function mapBindMount(ctx: MapContext, svc: ComposeServiceModel, m: ModelMount, facts: ImageFacts, owner: string): MountPlan | undefined {
  const source = m.source ?? '';
  const written = m.written ?? source;
  if (HOST_PATHS.some(re => re.test(source)) || DEV_FOLDERS.some(re => re.test(source))) {
    ctx.warn(svc, m.key, `"${written}" is a path of the host or of a developer's machine and is not mapped: a pod does not get the node's files; pass secrets as Secrets and certificates as a TLS Secret`);
    return undefined;
  }
  const real = ctx.files.inside(source);
  const stat = real === undefined ? undefined : ctx.files.stat(real);
  if (real === undefined || stat === undefined) return missingSource(ctx, svc, m, written, owner);
  if (isDataPath(facts, m.target)) {
    ctx.warn(svc, m.key, `"${written}" is mounted at the image's data path: it becomes a claim, which starts empty (the project folder's files are not copied)`);
    return dataClaim(ctx, owner, m, 'image data path', real);
  }
  if (stat.kind === 'file') return fileMount(ctx, svc, m, written, real, stat.size);
  return folderMount(ctx, svc, m, written, real, owner);
}

function missingSource(ctx: MapContext, svc: ComposeServiceModel, m: ModelMount, written: string, owner: string): MountPlan | undefined {
  const rel = relative(ctx.model.project.directory, m.source ?? '');
  const lexicallyInside = !rel.startsWith('..') && !rel.startsWith('/') && !(m.source ?? '').startsWith('~');
  if (lexicallyInside) {
    ctx.warn(svc, m.key, `"${written}" is not in the project folder (compose creates it empty): it becomes a claim at ${m.target}`);
    return dataClaim(ctx, owner, m, 'bind mount of a data folder', m.source);
  }
  if (m.readOnly) {
    ctx.warn(svc, m.key, `"${written}" is outside the project folder and is not read, so it is not mapped: copy what the service needs into the project and mount it from there`);
    return undefined;
  }
  ctx.warn(svc, m.key, `"${written}" is outside the project folder and is not read: it becomes a claim at ${m.target}, which starts empty; copy what the service needs into the project to mount it as files`);
  return dataClaim(ctx, owner, m, 'bind mount outside the project', m.source);
}

function fileMount(ctx: MapContext, svc: ComposeServiceModel, m: ModelMount, written: string, real: string, size: number): MountPlan | undefined {
  if (size > OBJECT_LIMIT_BYTES) {
    ctx.warn(svc, m.key, `"${written}" is larger than a ConfigMap can hold (1 MiB) and is not mapped: copy it into the image (COPY in the Dockerfile)`);
    return undefined;
  }
  const secret = looksSecretFile(real);
  if (!m.readOnly) ctx.warn(svc, m.key, `"${written}" is mounted read-only from a ${secret ? 'Secret' : 'ConfigMap'}: a pod cannot write it back; use a named volume if the service writes there`);
  if (secret) ctx.warn(svc, m.key, `"${written}" looks secret: it goes to a Secret; create that Secret outside the app before this reaches git`);
  return { kind: 'FILE', target: m.target, sourcePath: real, secret, readOnly: true, from: 'bind mount' };
}

function folderMount(ctx: MapContext, svc: ComposeServiceModel, m: ModelMount, written: string, real: string, owner: string): MountPlan | undefined {
  const links = ctx.files.links(real);
  if (links.length > 0) {
    ctx.warn(svc, m.key, `"${written}" holds links leading outside the project folder (${someOf(links)}): they are not read, so the folder is not mapped; copy those files into the project`);
    return undefined;
  }
  const files = ctx.files.list(real);
  if (files.length === 0) {
    ctx.warn(svc, m.key, `"${written}" is an empty folder: it becomes a claim at ${m.target} (the service writes data there)`);
    return dataClaim(ctx, owner, m, 'bind mount of an empty folder', real);
  }
  const sizes = files.map(f => ctx.files.stat(`${real}/${f}`)?.size ?? 0);
  const total = sizes.reduce((a, b) => a + b, 0);
  if (files.length > MAX_FOLDER_FILES || sizes.some(s => s > OBJECT_LIMIT_BYTES)) {
    const why = files.length > MAX_FOLDER_FILES ? `${files.length} files` : `a file over 1 MiB (${files[sizes.findIndex(s => s > OBJECT_LIMIT_BYTES)]})`;
    ctx.warn(svc, m.key, `"${written}" holds ${why}, too much for ConfigMaps, and is not mapped: copy it into the image (the Dockerfile's COPY), or use a named volume`);
    return undefined;
  }
  const secret = files.some(f => looksSecretFile(f)) || /(^|[-_.])(secrets?|certs?|keys?|ssl|tls|private)$/i.test(basename(real));
  if (!m.readOnly) ctx.warn(svc, m.key, `"${written}" is mounted read-only from ${secret ? 'Secrets' : 'ConfigMaps'}: a pod cannot write it back; use a named volume if the service writes there`);
  if (total > OBJECT_LIMIT_BYTES) ctx.warn(svc, m.key, `"${written}" holds ${Math.ceil(total / 1024)} KiB: it is split across several ${secret ? 'Secrets' : 'ConfigMaps'} under 1 MiB each`);
  if (secret) ctx.warn(svc, m.key, `"${written}" holds files that look secret: they go to a Secret; create it outside the app before this reaches git`);
  return { kind: 'DIRECTORY', target: m.target, sourcePath: real, files, secret, readOnly: true, from: 'bind mount' };
}
