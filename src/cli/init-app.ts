import type { PackageJson } from './package-json';

/**
 * The files of the app `init` writes, with their text: `main.ts` (the code of
 * `ComposeImport.toTypeScript`), `cdk8s.yaml`, `package.json` and `tsconfig.json`. The library's
 * own package.json is passed in rather than read here, so the browser playground writes the same
 * files from the versions it was built with.
 */
export function initAppFiles(code: string, stackId: string, pkg: PackageJson): Array<[string, string]> {
  return [
    ['main.ts', code],
    ['cdk8s.yaml', 'language: typescript\napp: npx ts-node main.ts\noutput: dist\n'],
    ['package.json', `${JSON.stringify(appPackageJson(stackId, pkg), undefined, 2)}\n`],
    ['tsconfig.json', `${JSON.stringify(APP_TSCONFIG, undefined, 2)}\n`],
  ];
}

/** The package.json of an app written by init: the library's own versions of its peers and of TypeScript. */
function appPackageJson(id: string, pkg: PackageJson): object {
  const dev = pkg.devDependencies;
  return {
    name: `${id}-k8s`,
    version: '0.1.0',
    private: true,
    scripts: {
      synth: 'cdk8s synth',
      typecheck: 'tsc --noEmit',
    },
    dependencies: {
      'cdk8s': pkg.peerDependencies.cdk8s,
      'cdk8s-plus-28': pkg.peerDependencies['cdk8s-plus-28'],
      'constructs': pkg.peerDependencies.constructs,
      'k8s-course-constructs': pkg.version === '0.0.0' ? 'latest' : `^${pkg.version}`,
    },
    devDependencies: {
      '@types/node': dev['@types/node'] ?? '^20',
      'cdk8s-cli': '^2',
      'ts-node': dev['ts-node'] ?? '^10.9.2',
      'typescript': dev.typescript ?? '~6.0.3',
    },
  };
}

/** ts-node needs a tsconfig with TypeScript 6: its built-in defaults use options TypeScript 6 refuses. */
const APP_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'node16',
    lib: ['es2022'],
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ['node'],
  },
  include: ['*.ts'],
};
