import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Testing } from 'cdk8s';
import { MicroserviceStack, Platform, StackDiagram } from '../../src';

function stack(): MicroserviceStack {
  const s = new MicroserviceStack(Testing.app(), 'eshop', { namespace: 'eshop' });
  s.addService('webapp', { image: 'eshop/webapp:1.0.0', talksTo: ['catalog', 'basket'] });
  s.addService('catalog', { image: 'eshop/catalog-api:1.0.0', talksTo: ['orders-db'] });
  s.addService('basket', { image: 'eshop/basket-api:1.0.0', talksTo: ['redis'] });
  s.addBackingService('redis', { image: 'redis:7.4', port: 6379 });
  s.addExternal('orders-db', 'orders.postgres.database.azure.com');
  return s;
}

describe('StackDiagram', () => {
  test('draws the stack as a Mermaid flowchart', () => {
    expect(StackDiagram.of(stack()).toMermaid()).toMatchSnapshot();
  });

  test('draws each service, backing service and external name once, and who talks to whom', () => {
    const mermaid = StackDiagram.of(stack()).toMermaid();
    expect(mermaid.split('\n')[0]).toBe('flowchart LR');
    expect(mermaid).toContain('svc_catalog["catalog"]');
    expect(mermaid).toContain('svc_redis[("redis<br/>redis:7.4")]');
    expect(mermaid).toContain('svc_orders_db>"orders-db: orders.postgres.database.azure.com"]');
    expect(mermaid).toContain('svc_webapp --> svc_basket');
    expect(mermaid).toContain('svc_basket --> svc_redis');
    expect(mermaid.match(/svc_catalog\[/g)).toHaveLength(1);
  });

  test('writes Markdown that GitHub renders', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'diagram-')), 'dist', 'eshop.md');
    StackDiagram.of(stack()).writeTo(file);
    expect(readFileSync(file, 'utf-8')).toMatch(/^# eshop\n\n```mermaid\nflowchart LR\n[\s\S]*```\n$/);
  });
});

test('the README\'s reference architecture picture is the diagram of examples/eshop', () => {
  // GIVEN the eShop example on the local platform (loaded by path: tests never import examples)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const example = require(join(__dirname, '..', '..', 'examples', 'eshop', 'main.ts')) as { eshop(app: App, platform: Platform): MicroserviceStack };
  const mermaid = StackDiagram.of(example.eshop(new App(), Platform.LOCAL)).toMermaid();
  // THEN the README shows exactly that diagram
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf-8');
  expect(readme).toContain(`\`\`\`mermaid\n${mermaid}\`\`\``);
});
