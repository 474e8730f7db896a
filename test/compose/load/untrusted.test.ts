import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { IComposeFileSystem } from '../../../src/compose/load/file-system';
import { InMemoryFileSystem } from '../../../src/compose/load/memory-file-system';
import { LoadOptions, loadProject } from '../../../src/compose/load/project';

const TOKEN = 'ghp_S3cr3tT0k3nValue0123456789abcdef';

/** A machine: the project in /home/u/shop, and files worth stealing around it. */
function machine(files: { [path: string]: string }, symlinks: { [path: string]: string } = {}): { fs: IComposeFileSystem; reads: string[] } {
  const memory = new InMemoryFileSystem({
    files: {
      '/etc/shadow': 'root:$6$salt$hash:19000:0:99999:7:::\n',
      '/home/u/.aws/credentials': `[default]\naws_secret_access_key = ${TOKEN}\n`,
      '/home/u/token.txt': `${TOKEN}\n`,
      '/home/u/outside.env': `API_TOKEN=${TOKEN}\n`,
      ...Object.fromEntries(Object.entries(files).map(([p, t]) => [p.startsWith('/') ? p : `/home/u/shop/${p}`, t])),
    },
    symlinks: Object.fromEntries(Object.entries(symlinks).map(([p, t]) => [p.startsWith('/') ? p : `/home/u/shop/${p}`, t])),
  });
  const reads: string[] = [];
  const fs: IComposeFileSystem = {
    readText: path => {
      reads.push(path);
      return memory.readText(path);
    },
    realPath: path => memory.realPath(path),
    stat: path => memory.stat(path),
    readDir: path => memory.readDir(path),
  };
  return { fs, reads };
}

type Files = { [path: string]: string };

function load(compose: string, files: Files = {}, symlinks: Files = {}, options: Partial<LoadOptions> = {}) {
  const { fs, reads } = machine({ 'docker-compose.yml': compose, ...files }, symlinks);
  let error: Error | undefined;
  let project: ReturnType<typeof loadProject> | undefined;
  try {
    project = loadProject({ files: ['/home/u/shop/docker-compose.yml'], fileSystem: fs, ...options });
  } catch (e) {
    error = e as Error;
  }
  const outside = reads.filter(p => !p.startsWith('/home/u/shop/') || p === '/home/u/shop/../');
  return { project, error, reads, outside, messages: [error?.message ?? '', ...project?.warnings ?? []].join('\n') };
}

describe('the project folder is the boundary of what is read', () => {
  test.each([
    ['env_file: ../outside.env', 'env_file[0]'],
    ['env_file: /etc/shadow', 'env_file[0]'],
    ['env_file: ~/.aws/credentials', 'env_file[0]'],
    ['extends: {file: ../token.txt, service: x}', 'extends.file'],
    ['extends: {file: /etc/shadow, service: x}', 'extends.file'],
  ])('does not read "%s", and warns naming the key with file, line and column', (key, path) => {
    const { project, outside, messages } = load(`services:\n  a:\n    image: a:1\n    ${key}\n`);
    expect(outside).toEqual([]);
    expect(project!.warnings).toContainEqual(expect.stringMatching(new RegExp(`^\\[/home/u/shop/docker-compose\\.yml:4:\\d+\\] fromCompose: services\\.a\\.${path.replace(/[.[\]]/g, '\\$&')} names a file outside the project folder: it is not read`)));
    expect(messages).not.toContain(TOKEN);
    expect(messages).not.toContain('$6$');
  });

  test('does not read an env file, extends file or config that is a symlink leading out of the project', () => {
    const { project, outside } = load(
      'services:\n  a:\n    image: a:1\n    extends: {file: common.yml, service: base}\n    env_file: app.env\n    configs: [settings]\nconfigs:\n  settings:\n    file: ./appsettings.json\n',
      {},
      { 'common.yml': '/home/u/token.txt', 'app.env': '../outside.env', 'appsettings.json': '/etc/shadow' },
    );
    expect(outside).toEqual([]);
    expect(project!.warnings.map(w => w.replace(/^\[[^\]]*\] fromCompose: (\S+) .*$/, '$1'))).toEqual(['services.a.extends.file', 'services.a.env_file[0]', 'configs.settings.file']);
    expect(project!.configs.get('settings')!.file).toBeUndefined();
  });

  test('reads what lies inside the project, also through symlinks that stay inside', () => {
    const { project, reads } = load(
      'services:\n  a:\n    extends: {file: common/base.yml, service: base}\n    env_file: env/app.env\n    configs: [settings]\nconfigs:\n  settings:\n    file: ./appsettings.json\n',
      { 'common/base.yml': 'services:\n  base:\n    image: base:1\n', 'config/app.env': 'A=1\n', 'config/appsettings.json': '{}' },
      { 'env': 'config', 'appsettings.json': 'config/appsettings.json' },
    );
    expect(project!.services[0].def.image).toBe('base:1');
    expect(project!.services[0].envFileVariables).toEqual([{ name: 'A', value: '1', index: 0, line: 1 }]);
    expect(project!.configs.get('settings')!.file).toBe('/home/u/shop/config/appsettings.json');
    expect(project!.warnings).toEqual([]);
    expect(reads).toEqual(['/home/u/shop/docker-compose.yml', '/home/u/shop/common/base.yml', '/home/u/shop/config/app.env']);
  });

  test('gives a config or secret file outside the project no path, with a warning', () => {
    const { project, outside } = load('services:\n  a:\n    image: a:1\n    secrets: [aws]\nsecrets:\n  aws:\n    file: ~/.aws/credentials\n');
    expect(outside).toEqual([]);
    expect(project!.secrets.get('aws')!.file).toBeUndefined();
    expect(project!.warnings).toEqual([expect.stringMatching(/docker-compose\.yml:6:3\] fromCompose: secrets\.aws\.file names a file outside the project folder: it is not read, and the Secret gets no content/)]);
  });

  test('warns about a build context outside the project, whose Dockerfile is not read', () => {
    const { project } = load('services:\n  a:\n    build: ../other\n  b:\n    build: {context: ., dockerfile: ../../Dockerfile}\n  c:\n    build: https://github.com/org/repo.git#main\n  d:\n    build: ./src\n');
    expect(project!.warnings).toEqual([
      expect.stringMatching(/docker-compose\.yml:3:5\] fromCompose: services\.a\.build is outside the project folder: its Dockerfile is not read/),
      expect.stringMatching(/docker-compose\.yml:5:25\] fromCompose: services\.b\.build\.dockerfile is outside the project folder/),
    ]);
    expect(project!.services.find(s => s.name === 'c')!.def.build.context).toBe('https://github.com/org/repo.git#main');
  });

  test('does not read a .env that leads out of the project, and says so', () => {
    const { project, outside } = load('services:\n  a:\n    image: a:${TAG:-1}\n', {}, { '.env': '/home/u/outside.env' });
    expect(outside).toEqual([]);
    expect(project!.warnings).toEqual([expect.stringMatching(/^\[\/home\/u\/shop\/\.env\] fromCompose: \.env leads outside the project folder \(a symlink\) and is not read/)]);
  });

  test('reads the compose files and the env file the user names, wherever they are', () => {
    const { project } = load('', { '/home/u/elsewhere/compose.yml': 'services:\n  a:\n    image: a:${TAG}\n' }, {}, {
      files: ['/home/u/elsewhere/compose.yml'],
      envFile: '/home/u/outside.env',
      variables: { TAG: '2' },
    });
    expect(project!.services[0].def.image).toBe('a:2');
    expect(project!.variable('API_TOKEN')).toBe(TOKEN);
  });

  test('honours the project directory as the boundary', () => {
    // extends.file is relative to the compose file; the boundary is the project directory.
    const compose = 'services:\n  a:\n    image: a:1\n    extends: {file: ../shared/base.yml, service: base}\n';
    const files = { '/home/u/shared/base.yml': 'services:\n  base:\n    image: base:1\n    environment: {A: "1"}\n' };
    expect(load(compose, files).project!.services[0].def.environment).toBeUndefined();
    expect(load(compose, files, {}, { projectDirectory: '/home/u' }).project!.services[0].def.environment).toEqual({ A: '1' });
  });

  test('holds on a real disk, with real symlinks', () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'compose-untrusted-')));
    mkdirSync(join(root, 'shop'));
    writeFileSync(join(root, 'token.txt'), `${TOKEN}\n`);
    writeFileSync(join(root, 'shop/docker-compose.yml'), 'services:\n  a:\n    extends: {file: base.yml, service: x}\n    image: a:1\n    env_file: app.env\n');
    symlinkSync(join(root, 'token.txt'), join(root, 'shop/base.yml'));
    symlinkSync('../token.txt', join(root, 'shop/app.env'));
    const project = loadProject({ files: [join(root, 'shop/docker-compose.yml')] });
    expect(project.warnings).toEqual([
      expect.stringMatching(/docker-compose\.yml:3:15\] fromCompose: services\.a\.extends\.file names a file outside the project folder/),
      expect.stringMatching(/docker-compose\.yml:5:5\] fromCompose: services\.a\.env_file\[0\] names a file outside the project folder/),
    ]);
    expect(project.services[0].envFileVariables).toEqual([]);
  });
});

describe('messages name places, never contents', () => {
  test('an extends file inside the project that is not YAML of a compose file: no line of it is printed', () => {
    const { error } = load('services:\n  a:\n    extends: {file: token.txt, service: x}\n', { 'token.txt': `${TOKEN}\n` });
    expect(error!.message).toMatch(/token\.txt:1:1\] fromCompose: file must be a YAML mapping with a services key, not a string value; start the file with "services:"/);
    expect(error!.message).not.toContain(TOKEN);
  });

  test('an extends file that is no YAML at all: the syntax error, not the text', () => {
    const { error } = load('services:\n  a:\n    extends: {file: key.pem, service: x}\n', { 'key.pem': `-----BEGIN PRIVATE KEY-----\n  ${TOKEN}\n : [ "unclosed\n` });
    expect(error!.message).toMatch(/key\.pem:\d+:\d+\] fromCompose: file is not valid YAML/);
    expect(error!.message).not.toContain(TOKEN);
  });

  test.each([
    ['a line that is not KEY=value', `https://user:${TOKEN}@github.com/org/repo.git\n`, /app\.env:1:1\] fromCompose: line must be KEY=value; write one variable per line/],
    ['an unclosed quote', `URL="https://user:${TOKEN}@github.com\n`, /app\.env:1:1\] fromCompose: URL has a double quote without its closing quote; close the quote/],
    ['an unclosed variable', `URL=https://user:${TOKEN}@github.com/\${X\n`, /app\.env:1:1\] fromCompose: URL has a "\$\{" without its closing "\}"; close the variable/],
    ['an invalid variable', `URL=https://user:${TOKEN}@github.com/\${1X}\n`, /app\.env:1:1\] fromCompose: URL has an invalid variable; write \$\{VAR\}/],
    ['a required variable', `URL=\${MISSING:?${TOKEN}}\n`, /app\.env:1:1\] fromCompose: URL requires the variable MISSING, set and not empty \(got nothing\)/],
  ])('an env file with %s: the file and line, not the line', (_name, env, message) => {
    const { error } = load('services:\n  a:\n    image: a:1\n    env_file: app.env\n', { 'app.env': env });
    expect(error!.message).toMatch(message);
    expect(error!.message).not.toContain(TOKEN);
  });

  test('values that look secret are redacted in errors, by their name and by their form', () => {
    const byName = load('services:\n  a:\n    image: a:1\n    environment:\n      DB_PASSWORD: [hunter2]\n');
    expect(byName.error!.message).toMatch(/services\.a\.environment\.DB_PASSWORD must be a string or a number or a boolean or empty \(got "<redacted>"\)|services\.a\.environment\.DB_PASSWORD .*\(got \["<redacted>"\]\)/);
    expect(byName.error!.message).not.toContain('hunter2');
    const byForm = load(`services:\n  a:\n    image: "https://u:${TOKEN}@registry/\${X"\n`);
    expect(byForm.error!.message).toMatch(/services\.a\.image has a "\$\{" without its closing "\}" \(got "https:\/\/u:<redacted>@registry\/\$\{X"\)/);
    expect(byForm.error!.message).not.toContain(TOKEN);
  });

  test('a message stays on one line whatever the keys hold', () => {
    const { project } = load('services:\n  a:\n    image: a:1\n    environment:\n      X: ${MISSING}\n', {}, {}, {});
    expect(project!.warnings[0]).not.toMatch(/[\n\r\u2028\u2029]/);
    const { error } = load('services:\n  "a\\nb\\u2028c":\n    image: a:1\n');
    expect(error!.message).toMatch(/services\["a\\nb\\u2028c"\] is not a valid service name \(got "a\\nb\\u2028c"\)/);
    expect(error!.message.split('\n')).toHaveLength(1);
  });
});
