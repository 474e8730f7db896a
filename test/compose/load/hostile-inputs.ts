/**
 * Compose files built to run the loader away, and large ordinary ones, shared by the limit tests
 * and the load benchmark (bench/load.ts).
 */

/**
 * A "billion laughs" file of about `bytes` characters: a wide list of one-letter items under
 * three levels of ten aliases each. yaml's own alias guard (uses of an anchor times the widest
 * alias count inside it) lets it through: 10^3 copies of the list.
 */
export function aliasBomb(bytes: number): string {
  const items = Math.max(1, Math.floor((bytes - 200) / 2));
  let doc = `x-l0: &l0 [${new Array(items).fill('a').join(',')}]\n`;
  for (let level = 1; level <= 3; level++) doc += `x-l${level}: &l${level} [${new Array(10).fill(`*l${level - 1}`).join(',')}]\n`;
  return `${doc}services:\n  a:\n    image: a:1\n    x-bomb: *l3\n`;
}

/** The textbook bomb: nine levels of ten aliases of the level below. */
export function classicBomb(): string {
  let doc = 'x-l0: &l0 "lol"\n';
  for (let level = 1; level <= 9; level++) doc += `x-l${level}: &l${level} [${new Array(10).fill(`*l${level - 1}`).join(',')}]\n`;
  return `${doc}services:\n  a:\n    image: a:1\n    x-bomb: *l9\n`;
}

/** A bomb of merge keys: each level merges two copies of the level below under new keys. */
export function mergeBomb(levels: number): string {
  let doc = 'x-m0: &m0 {a: "x"}\n';
  for (let level = 1; level <= levels; level++) doc += `x-m${level}: &m${level} {l: *m${level - 1}, r: *m${level - 1}, <<: *m${level - 1}}\n`;
  return `${doc}services:\n  a:\n    image: a:1\n    x-bomb: *m${levels}\n`;
}

/** Lists nested `depth` deep, in flow style (`[[[...]]]`). */
export function deepFlow(depth: number): string {
  return `services:\n  a:\n    image: a:1\n    x-deep: ${'['.repeat(depth)}1${']'.repeat(depth)}\n`;
}

/** Mappings nested `depth` deep, in block style (one more space of indentation per level). */
export function deepBlock(depth: number): string {
  let out = 'services:\n  a:\n    image: a:1\nx-deep:\n';
  for (let i = 1; i <= depth; i++) out += `${' '.repeat(i)}k${i}:\n`;
  return out;
}

/** One service with `keys` environment variables. */
export function manyKeys(keys: number): string {
  let out = 'services:\n  a:\n    image: a:1\n    environment:\n';
  for (let i = 0; i < keys; i++) out += `      K${i}: v${i}\n`;
  return out;
}

/**
 * `count` services of the kind real files have: a shared anchor merged into each, an
 * interpolated image tag, a port, environment, labels and a dependency on the previous one.
 */
export function manyServices(count: number): string {
  let out = 'x-common: &common\n  restart: unless-stopped\n  environment:\n    ASPNETCORE_ENVIRONMENT: ${ENV:-Production}\nservices:\n';
  for (let i = 0; i < count; i++) {
    out += `  svc-${i}:\n    <<: *common\n    image: shop/svc-${i}:\${TAG:-1.0.0}\n    ports: ["${8000 + (i % 1000)}:8080"]\n`
      + `    environment:\n      A: "1"\n      NEXT: http://svc-${i + 1}:8080\n    labels: [team=shop]\n`;
    if (i > 0) out += `    depends_on: [svc-${i - 1}]\n`;
  }
  return out;
}
