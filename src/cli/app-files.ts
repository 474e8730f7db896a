import { PackageJson, packageJson } from './package-json';

/**
 * How the generated app runs its program: transpiled on the fly without type-checking (sucrase
 * strips the types in milliseconds, where ts-node loads the whole TypeScript compiler first), so a
 * synth takes about as long as the same program compiled to JavaScript; `npm run typecheck` checks
 * the types. The same command is cdk8s.yaml's `app`, for `cdk8s synth`.
 */
export const SYNTH_COMMAND = 'node --require sucrase/register/ts main.ts';

/** A tsconfig that TypeScript 6 accepts as it is (no outDir or rootDir to set, no deprecated defaults). */
const APP_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'node16',
    lib: ['es2022'],
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  },
  include: ['*.ts'],
};

/**
 * The files of a generated app besides main.ts: package.json, tsconfig.json and cdk8s.yaml. The
 * library's own package.json is read from the package, or given (the browser playground passes the
 * one it was built with, so its zip holds the same files as `init`).
 */
export function appFiles(id: string, pkg: PackageJson = packageJson()): Array<[string, string]> {
  return [
    ['package.json', `${JSON.stringify(appPackageJson(id, pkg), undefined, 2)}\n`],
    ['tsconfig.json', `${JSON.stringify(APP_TSCONFIG, undefined, 2)}\n`],
    ['cdk8s.yaml', `language: typescript\napp: ${SYNTH_COMMAND}\noutput: dist\n`],
  ];
}

/**
 * The package.json of a generated app. It pins what wrote it: this library's own version, and the
 * cdk8s, cdk8s-plus-28 and constructs it was built with (its exact dev dependencies), so the app
 * synthesizes what `convert` wrote; TypeScript stays 6 (7 has no JavaScript compiler API).
 */
export function appPackageJson(id: string, pkg: PackageJson = packageJson()): object {
  const dev = pkg.devDependencies ?? {};
  const builtWith = (name: string) => dev[name] ?? pkg.peerDependencies[name];
  return {
    name: `${id}-k8s`,
    version: '0.1.0',
    private: true,
    scripts: {
      synth: SYNTH_COMMAND,
      typecheck: 'tsc --noEmit',
    },
    dependencies: {
      'cdk8s': builtWith('cdk8s'),
      'cdk8s-plus-28': builtWith('cdk8s-plus-28'),
      'constructs': builtWith('constructs'),
      'k8s-course-constructs': pkg.version,
    },
    devDependencies: {
      '@types/node': dev['@types/node'] ?? '^20',
      'sucrase': dev.sucrase ?? '^3.35.1',
      'typescript': /^[~^]?6\./.test(dev.typescript ?? '') ? dev.typescript : '~6.0.3',
    },
  };
}
