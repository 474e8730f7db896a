import { join } from 'path';
import { Testing } from 'cdk8s';
import { writeProject } from './support';
import { ComposeImport } from '../../src';

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
});
