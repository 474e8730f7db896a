import { appFiles } from '../../src/cli/app-files';
import { packageJson } from '../../src/cli/package-json';

const PKG = {
  version: '1.2.3',
  peerDependencies: { 'cdk8s': '^2.70.0', 'cdk8s-plus-28': '^2.5.6', 'constructs': '^10.8.1' },
  devDependencies: { 'cdk8s': '2.70.1', 'cdk8s-plus-28': '2.5.7', 'constructs': '10.8.2', 'typescript': '~6.0.3', 'sucrase': '^3.35.1', '@types/node': '^20' },
};

describe('appFiles', () => {
  test('writes package.json, tsconfig.json and cdk8s.yaml, whose app is the transpile-only synth', () => {
    const files = appFiles('eshop', PKG);
    expect(files.map(([name]) => name)).toEqual(['package.json', 'tsconfig.json', 'cdk8s.yaml']);
    expect(files[2][1]).toBe('language: typescript\napp: node --require sucrase/register/ts main.ts\noutput: dist\n');
  });

  test('pins the app to the package.json it is given (the playground passes the one it was built with)', () => {
    const pkg = JSON.parse(appFiles('eshop', PKG)[0][1]);
    expect(pkg.name).toBe('eshop-k8s');
    expect(pkg.dependencies).toEqual({ 'cdk8s': '2.70.1', 'cdk8s-plus-28': '2.5.7', 'constructs': '10.8.2', 'k8s-course-constructs': '1.2.3' });
    expect(pkg.devDependencies.typescript).toBe('~6.0.3');
  });

  test('reads the library\'s own package.json when none is given', () => {
    const pkg = JSON.parse(appFiles('eshop')[0][1]);
    expect(pkg.dependencies['k8s-course-constructs']).toBe(packageJson().version);
  });
});
