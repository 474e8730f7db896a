import { join } from 'path';
import { Testing, Yaml } from 'cdk8s';
import { writeProject } from './support';
import { ComposeImport, InMemoryFileSystem } from '../../src';

const COMPOSE = 'name: Web Shop\nservices:\n  catalog:\n    image: shop/catalog:1.0.0\n';

describe('ComposeImport', () => {
  test('toStack builds the stack under the given id', () => {
    const dir = writeProject({ 'docker-compose.yml': COMPOSE });
    const stack = ComposeImport.toStack(Testing.app(), 'shop', { files: [join(dir, 'docker-compose.yml')] });
    expect(stack.node.id).toBe('shop');
    expect(stack.microservices.map(s => s.name)).toEqual(['catalog']);
  });

  test('toProjectStack names the stack after the compose project, as a DNS label', () => {
    const dir = writeProject({ 'docker-compose.yml': COMPOSE });
    const stack = ComposeImport.toProjectStack(Testing.app(), { files: [join(dir, 'docker-compose.yml')] });
    expect(stack.node.id).toBe('web-shop');
  });

  test('toTypeScript writes the app that builds the stack, with the warnings as comments', () => {
    const dir = writeProject({ 'docker-compose.yml': COMPOSE });
    const ts = ComposeImport.toTypeScript({ files: [join(dir, 'docker-compose.yml')] }, join(dir, 'k8s'));
    expect(ts.stackId).toBe('web-shop');
    expect(ts.code).toContain('new MicroserviceStack(app, \'web-shop\'');
    expect(ts.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/services\.catalog has no ports/)]));
    for (const w of ts.warnings) expect(ts.code).toContain(`// warning: ${w.split(' ').slice(0, 4).join(' ')}`);
  });

  test('reads the compose files, the variables file and env_file from the fileSystem it is given, not the disk', () => {
    const fileSystem = new InMemoryFileSystem({
      files: {
        '/nowhere/shop/docker-compose.yml': 'services:\n  catalog:\n    image: shop/catalog:${TAG}\n    env_file: catalog.env\n',
        '/nowhere/shop/.env': 'TAG=2.0.0\n',
        '/nowhere/shop/catalog.env': 'Catalog__PageSize=20\n',
      },
    });
    const stack = ComposeImport.toProjectStack(Testing.app(), { files: ['/nowhere/shop/docker-compose.yml'], fileSystem });
    const yaml = Yaml.stringify(...stack.toJson());
    expect(stack.node.id).toBe('shop');
    expect(yaml).toContain('image: shop/catalog:2.0.0');
    expect(yaml).toContain('Catalog__PageSize: "20"');
  });

  test('gives the same stack from an InMemoryFileSystem as from the disk', () => {
    const files = { 'docker-compose.yml': 'name: shop\nservices:\n  catalog:\n    image: shop/catalog:1.0.0\n    ports: ["5101:8080"]\n' };
    const dir = writeProject(files);
    const fromDisk = ComposeImport.toProjectStack(Testing.app(), { files: [join(dir, 'docker-compose.yml')] });
    const fileSystem = new InMemoryFileSystem({ files: { [join(dir, 'docker-compose.yml')]: files['docker-compose.yml'] } });
    const fromMemory = ComposeImport.toProjectStack(Testing.app(), { files: [join(dir, 'docker-compose.yml')], fileSystem });
    expect(fromMemory.toJson()).toEqual(fromDisk.toJson());
  });

  test('writes no fileSystem into the TypeScript: it is how the files are read, not a prop of the stack', () => {
    const fileSystem = new InMemoryFileSystem({ files: { '/nowhere/shop/docker-compose.yml': COMPOSE } });
    const ts = ComposeImport.toTypeScript({ files: ['/nowhere/shop/docker-compose.yml'], fileSystem }, '/nowhere/shop/k8s');
    expect(ts.code).not.toContain('fileSystem');
  });
});
