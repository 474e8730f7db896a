/**
 * The compose rows of `npm run bench`: converting a generated compose file (ComposeImport.toStack,
 * then synth) against building the same stack by hand (the TypeScript that
 * ComposeImport.toTypeScript prints for that file, transpiled once, then `build(app)` and synth).
 * Both write the same YAML, so the difference is what the conversion costs: loading, typing and
 * mapping the compose file, and running the emitted calls.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, resolve } from 'path';
import { App } from 'cdk8s';
import * as ts from 'typescript';
import { ComposeImport } from '../src';

/**
 * A compose file of `size` services as real apps write them: a tagged image, a port (every tenth
 * published), environment with the next service's URL and a connection string, a curl
 * healthcheck, depends_on the next service, a named volume on every tenth and a bind-mounted
 * config file on every fifth.
 */
export function composeFile(size: number): { yaml: string; configs: string[] } {
  const configs: string[] = [];
  let yaml = 'services:\n';
  for (let i = 0; i < size; i++) {
    const name = `svc-${i}`;
    yaml += `  ${name}:\n`
      + `    image: bench/${name}:1.${i % 7}.0\n`
      + (i % 10 === 0 ? `    ports: ["${10000 + i}:8080"]\n` : '    expose: ["8080"]\n')
      + '    environment:\n'
      + '      ASPNETCORE_ENVIRONMENT: Production\n'
      + `      Feature__Flag: "${i}"\n`
      + (i + 1 < size ? `      Services__Next__Url: http://svc-${i + 1}:8080\n` : '')
      + `      ConnectionStrings__Default: Host=db-${i % 3};Database=${name.replace('-', '_')};Username=app;Password=secret-${i}\n`
      + '    healthcheck:\n'
      + '      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]\n'
      + '      interval: 10s\n'
      + '      timeout: 3s\n'
      + '      retries: 3\n'
      + '      start_period: 20s\n'
      + (i + 1 < size ? `    depends_on:\n      svc-${i + 1}:\n        condition: ${i % 4 === 0 ? 'service_healthy' : 'service_started'}\n` : '');
    const volumes: string[] = [];
    if (i % 10 === 0) volumes.push(`${name}-data:/var/lib/app`);
    if (i % 5 === 0) {
      configs.push(`config/${name}.json`);
      volumes.push(`./config/${name}.json:/app/appsettings.Production.json:ro`);
    }
    if (volumes.length > 0) yaml += `    volumes:\n${volumes.map(v => `      - ${v}\n`).join('')}`;
  }
  yaml += 'volumes:\n';
  for (let i = 0; i < size; i += 10) yaml += `  svc-${i}-data: {}\n`;
  return { yaml, configs };
}

/** Writes the compose project and the hand-written app into a fresh folder under the temp dir, and returns it. */
export function prepareComposeBench(size: number): string {
  const dir = mkdtempSync(join(tmpdir(), `bench-compose-${size}-`));
  const project = join(dir, 'project');
  const { yaml, configs } = composeFile(size);
  mkdirSync(join(project, 'config'), { recursive: true });
  writeFileSync(join(project, 'docker-compose.yml'), yaml);
  configs.forEach((c, i) => writeFileSync(join(project, c), `{ "Logging": { "LogLevel": { "Default": "Information" } }, "Instance": ${i} }\n`));

  // The hand-written app: the TypeScript `init` would write, transpiled, reading its files from its own folder.
  const appDir = join(dir, 'app');
  const printed = ComposeImport.toTypeScript(composeOptions(dir), appDir, 'bench');
  for (const f of printed.files) {
    mkdirSync(dirname(join(appDir, f.path)), { recursive: true });
    cpSync(f.sourcePath, join(appDir, f.path));
  }
  const js = ts.transpileModule(printed.code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  const modules: { [name: string]: string } = {
    'cdk8s': require.resolve('cdk8s'),
    'cdk8s-plus-28': require.resolve('cdk8s-plus-28'),
    'k8s-course-constructs': resolve(__dirname, '..', 'src', 'index.ts'),
  };
  writeFileSync(join(appDir, 'main.js'), js.replace(/require\("([^"]+)"\)/g, (all, m: string) => modules[m] ? `require(${JSON.stringify(modules[m])})` : all));
  return dir;
}

function composeOptions(dir: string) {
  return { files: [join(dir, 'project', 'docker-compose.yml')], variables: {} };
}

/** One conversion: the compose file to a stack, synthesized to YAML. */
export function convertOnce(dir: string): string {
  const app = new App();
  ComposeImport.toStack(app, 'bench', composeOptions(dir));
  return app.synthYaml();
}

/** One hand-built synthesis: the printed app's `build(app)`, synthesized to YAML. */
export function byHandOnce(dir: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { build } = require(join(dir, 'app', 'main.js'));
  const app = new App();
  build(app);
  return app.synthYaml();
}
