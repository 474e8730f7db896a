import { initAppFiles } from '../../src/cli/init-app';

const PKG = {
  version: '1.2.3',
  peerDependencies: { 'cdk8s': '^2.70.0', 'cdk8s-plus-28': '^2.5.6', 'constructs': '^10.8.1' },
  devDependencies: { 'typescript': '~6.0.3', 'ts-node': '^10.9.2', '@types/node': '^20' },
};

describe('initAppFiles', () => {
  test('writes main.ts, cdk8s.yaml, package.json and tsconfig.json, in that order', () => {
    const files = initAppFiles('// code\n', 'eshop', PKG);
    expect(files.map(([name]) => name)).toEqual(['main.ts', 'cdk8s.yaml', 'package.json', 'tsconfig.json']);
    expect(files[0][1]).toBe('// code\n');
    expect(files[1][1]).toBe('language: typescript\napp: npx ts-node main.ts\noutput: dist\n');
  });

  test('pins the app to the versions of the package.json it is given', () => {
    const pkg = JSON.parse(initAppFiles('', 'eshop', PKG)[2][1]);
    expect(pkg.name).toBe('eshop-k8s');
    expect(pkg.dependencies).toEqual({
      'cdk8s': '^2.70.0',
      'cdk8s-plus-28': '^2.5.6',
      'constructs': '^10.8.1',
      'k8s-course-constructs': '^1.2.3',
    });
    expect(pkg.devDependencies.typescript).toBe('~6.0.3');
  });

  test('depends on the latest library when built from an unreleased checkout (version 0.0.0)', () => {
    const pkg = JSON.parse(initAppFiles('', 'eshop', { ...PKG, version: '0.0.0' })[2][1]);
    expect(pkg.dependencies['k8s-course-constructs']).toBe('latest');
  });
});
