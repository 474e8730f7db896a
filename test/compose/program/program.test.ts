import { Duration } from 'cdk8s';
import { Expr, Program, stringLiteral } from '../../../src/compose/program';

describe('Program', () => {
  function sample(): Program {
    const p = new Program();
    const probe = p.declare('catalog-probe', Expr.sym('HealthProbe').method('httpGet', '/hc', { period: Expr.sym('Duration').method('seconds', 10) }));
    p.comment('a service');
    p.declare('catalog', Expr.v('app').method('make', { probe, 'Logging:Level': 'Debug', 'skipped': undefined, 'list': [1, true, null] }));
    p.add(Expr.v('app').get('items').get(0).method('mount', '/tmp'));
    return p;
  }

  test('runs its statements with the given symbols and variables', () => {
    const calls: any[] = [];
    const app = { make: (o: any) => calls.push(o), items: [{ mount: (path: string) => calls.push(path) }] };
    const vars = sample().run({ HealthProbe: { httpGet: (path: string, o: any) => ({ path, o }) }, Duration }, { app });
    expect(calls[0].probe).toEqual({ path: '/hc', o: { period: Duration.seconds(10) } });
    expect(calls[0]).toMatchObject({ 'Logging:Level': 'Debug', 'list': [1, true, null] });
    expect('skipped' in calls[0]).toBe(false);
    expect(calls[1]).toBe('/tmp');
    expect(Object.keys(vars)).toEqual(['app', 'catalogProbe', 'catalog']);
  });

  test('prints TypeScript: imports in order, unused variables dropped, keys quoted when needed', () => {
    const code = sample().toTypeScript({ header: ['generated'], outDir: '/tmp', build: { scope: 'app', returns: 'catalog', doc: 'Builds it.' } });
    expect(code).toMatchSnapshot();
    expect(code).toContain("import { App, Duration } from 'cdk8s';");
    expect(code).toContain("'Logging:Level': 'Debug'");
    expect(code).toContain('app.items[0].mount(\'/tmp\');');
  });

  test('writes file reads relative to the generated file', () => {
    const p = new Program();
    p.declare('x', Expr.of({ text: Expr.file('/work/shop/config/app.json') }));
    const code = p.toTypeScript({ header: [], outDir: '/work/shop/k8s', build: { scope: 'app', returns: 'x', doc: 'd' } });
    expect(code).toContain("import { readFileSync } from 'fs';\nimport { join } from 'path';");
    expect(code).toContain("readFileSync(join(__dirname, '../config/app.json'), 'utf-8')");
  });

  test('gives variables valid, unique names', () => {
    const p = new Program();
    const names = ['catalog.api', 'catalog-api', 'new', 'kplus', '1st'].map(n => p.declare(n, Expr.of(1)).value);
    expect(names).toEqual(['catalogApi', 'catalogApi2', 'newSvc', 'kplusSvc', 'st']);
  });

  test('refuses to print a value it cannot write as code', () => {
    const p = new Program();
    p.declare('x', Expr.opaque(new Map()));
    expect(() => p.toTypeScript({ header: [], outDir: '/tmp', build: { scope: 'app', returns: 'x', doc: 'd' } })).toThrow(/cannot write/);
  });

  test('quotes strings as TypeScript literals', () => {
    expect(stringLiteral('it\'s a\\b\n')).toBe('\'it\\\'s a\\\\b\\n\'');
  });
});
