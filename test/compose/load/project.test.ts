import { join } from 'path';
import { loadProject } from '../../../src/compose/load/project';
import { FIXTURES, writeProject } from '../support';

function load(files: { [path: string]: string }, names = ['docker-compose.yml'], options: { variables?: { [k: string]: string }; profiles?: string[]; envFile?: string } = {}) {
  const dir = writeProject(files);
  return loadProject({ files: names.map(n => join(dir, n)), ...options });
}

function service(project: ReturnType<typeof load>, name: string) {
  return project.services.find(s => s.name === name)!;
}

describe('loading compose files', () => {
  test('merges an override file as docker compose -f base -f override does', () => {
    // GIVEN the forms fixture and its override (services without images of their own)
    const project = loadProject({ files: [join(FIXTURES, 'forms', 'docker-compose.yml'), join(FIXTURES, 'forms', 'docker-compose.override.yml')] });
    // THEN mappings merge by key, lists of ports append, other keys stay
    const catalog = service(project, 'catalog.api').def;
    expect(catalog.environment).toMatchObject({ ASPNETCORE_ENVIRONMENT: 'Development', Catalog__PageSize: '20', EventBusConnection: 'rabbitmq' });
    expect(catalog.ports).toEqual(['5101:8080', '5102:8080']);
    expect(catalog.image).toBe('shop/catalog.api:1.0.0');
    expect(service(project, 'webapigw').def.environment).toEqual({ GlobalConfiguration__BaseUrl: 'http://localhost:5202' });
    expect(project.name).toBe('shop');
  });

  test('replaces command and healthcheck.test, and merges volumes by container path', () => {
    const project = load({
      'docker-compose.yml': 'services:\n  a:\n    image: a:1\n    command: ["run", "--x"]\n    healthcheck: {test: ["CMD", "true"], interval: 5s}\n    volumes: ["d1:/data", "./a.json:/app/a.json"]\nvolumes: {d1: {}, d2: {}}\n',
      'override.yml': 'services:\n  a:\n    command: serve\n    healthcheck: {test: ["CMD", "false"]}\n    volumes: ["d2:/data"]\n',
    }, ['docker-compose.yml', 'override.yml']);
    const a = service(project, 'a').def;
    expect(a.command).toBe('serve');
    expect(a.healthcheck).toEqual({ test: ['CMD', 'false'], interval: '5s' });
    expect(a.volumes.map((v: any) => [v.source, v.target])).toEqual([['d2', '/data'], [expect.stringMatching(/a\.json$/), '/app/a.json']]);
  });

  test('reads YAML anchors, merge keys, x- extension fields and ignores version', () => {
    const project = load({
      'docker-compose.yml': 'version: "3.9"\nx-env: &env\n  A: "1"\n  B: "2"\nservices:\n  a:\n    image: a:1\n    x-team: shop\n    environment:\n      <<: *env\n      B: "3"\n',
    });
    expect(service(project, 'a').def.environment).toEqual({ A: '1', B: '3' });
    expect(project.warnings).toEqual([]);
  });

  test('resolves extends from the same file and from another file', () => {
    const project = load({
      'docker-compose.yml': 'services:\n  base:\n    image: base:1\n    environment: {A: "1"}\n  web:\n    extends: base\n    environment: {B: "2"}\n  api:\n    extends:\n      file: common/common.yml\n      service: dotnet\n',
      'common/common.yml': 'services:\n  dotnet:\n    image: dotnet:8\n    env_file: ./dotnet.env\n',
      'common/dotnet.env': 'DOTNET_ENVIRONMENT=Production\n',
    });
    expect(service(project, 'web').def).toMatchObject({ image: 'base:1', environment: { A: '1', B: '2' } });
    // Paths of a service extended from another file are relative to that file.
    expect(service(project, 'api').def.env_file[0].path).toMatch(/common[\\/]dotnet\.env$/);
    expect(service(project, 'api').envFileVariables).toEqual([{ name: 'DOTNET_ENVIRONMENT', value: 'Production', index: 0, line: 1 }]);
  });

  test('uses .env next to the first file, and given variables win over it', () => {
    const files = { 'docker-compose.yml': 'services:\n  a:\n    image: a:${TAG}\n    environment: {E: "${ENV_NAME}"}\n', '.env': 'TAG=1.0.0\nENV_NAME=dev\n' };
    expect(service(load(files), 'a').def.image).toBe('a:1.0.0');
    expect(service(load(files, undefined, { variables: { TAG: '2.0.0' } }), 'a').def).toMatchObject({ image: 'a:2.0.0', environment: { E: 'dev' } });
  });

  test('reads another env file when told so, and throws when it is missing', () => {
    const dir = writeProject({ 'docker-compose.yml': 'services:\n  a:\n    image: a:${TAG}\n', 'prod.env': 'TAG=3.0.0\n' });
    expect(service(loadProject({ files: [join(dir, 'docker-compose.yml')], envFile: join(dir, 'prod.env') }), 'a').def.image).toBe('a:3.0.0');
    expect(() => loadProject({ files: [join(dir, 'docker-compose.yml')], envFile: join(dir, 'nope.env') }))
      .toThrow(/nope\.env\] fromCompose: env file does not exist \(got ".*nope\.env"\); pass the path of an existing \.env file, or leave --env-file out/);
  });

  test('warns once per unset variable, naming where it is used', () => {
    const project = load({ 'docker-compose.yml': 'services:\n  a:\n    image: a:1\n    environment:\n      X: ${MISSING}\n      Y: ${MISSING}\n' });
    expect(project.warnings).toEqual([expect.stringMatching(/docker-compose\.yml:5:7\] fromCompose: services\.a\.environment\.X uses the variable MISSING, which is not set: it is replaced by an empty string/)]);
  });

  test('casts interpolated numbers and booleans where the specification wants them', () => {
    const project = load({ 'docker-compose.yml': 'services:\n  a:\n    image: a:1\n    read_only: ${RO:-true}\n    deploy:\n      replicas: ${REPLICAS:-3}\n' });
    expect(service(project, 'a').def).toMatchObject({ read_only: true, deploy: { replicas: 3 } });
  });

  describe('profiles', () => {
    const files = {
      'docker-compose.yml': 'services:\n  web:\n    image: web:1\n  seq:\n    image: seq:1\n    profiles: [observability]\n  debug:\n    image: debug:1\n    profiles: [tools]\n    depends_on: [seq]\n',
    };

    test('leave out services of inactive profiles', () => {
      const project = load(files);
      expect(project.services.map(s => s.name)).toEqual(['web']);
      expect(project.inactive).toEqual(['seq', 'debug']);
    });

    test('activate services by profile, also through COMPOSE_PROFILES', () => {
      expect(load(files, undefined, { profiles: ['observability'] }).services.map(s => s.name)).toEqual(['web', 'seq']);
      expect(load(files, undefined, { variables: { COMPOSE_PROFILES: 'observability,tools' } }).services.map(s => s.name)).toEqual(['web', 'seq', 'debug']);
    });

    test('warn about a profile no service declares, which activates nothing, as docker compose does', () => {
      const project = load(files, undefined, { profiles: ['observabilty'] });
      expect(project.services.map(s => s.name)).toEqual(['web']);
      expect(project.warnings).toEqual([expect.stringMatching(
        /docker-compose\.yml\] fromCompose: profiles names the profile "observabilty", which no service declares: it activates nothing; use one of observability, tools \(did you mean "observability"\?\)/)]);
    });

    test('warn about a profile of COMPOSE_PROFILES in .env that no service declares', () => {
      const project = load({ ...files, '.env': 'COMPOSE_PROFILES=observability,debugging\n' });
      expect(project.services.map(s => s.name)).toEqual(['web', 'seq']);
      expect(project.warnings).toEqual([expect.stringMatching(/fromCompose: COMPOSE_PROFILES names the profile "debugging", which no service declares: it activates nothing/)]);
    });

    test('throws for a dependency on a service no active profile enables', () => {
      expect(() => load(files, undefined, { profiles: ['tools'] })).toThrow(
        /docker-compose\.yml:10:18\] fromCompose: services\.debug\.depends_on\.seq names a service that no active profile enables \(it has profiles observability\) \(got "seq"\); activate one of them \(--profile observability\), or set required: false/);
    });
  });

  describe('bad input', () => {
    test('throws for a file that is not YAML, with line and column', () => {
      expect(() => load({ 'docker-compose.yml': 'services:\n  a:\n    image: a:1\n   ports: ["80"]\n' })).toThrow(
        /docker-compose\.yml:4:1\] fromCompose: file is not valid YAML: All mapping items must start at the same column; fix the YAML at that line \(indentation, quotes, brackets\)/);
      expect(() => load({ 'docker-compose.yml': 'services:\n  a:\n    image: "a:1\n' })).toThrow(/docker-compose\.yml:4:1\] fromCompose: file is not valid YAML: Missing closing "quote/);
    });

    test('throws for a file that is not a mapping', () => {
      expect(() => load({ 'docker-compose.yml': '- a\n- b\n' })).toThrow(/docker-compose\.yml:1:1\] fromCompose: file must be a YAML mapping with a services key, not a list; start the file with "services:"/);
    });

    test('throws for a missing file', () => {
      expect(() => loadProject({ files: ['/nowhere/docker-compose.yml'] })).toThrow('[/nowhere/docker-compose.yml] fromCompose: file does not exist (got "/nowhere/docker-compose.yml"); pass the path of a compose file (-f docker-compose.yml)');
    });

    test('throws for every key that fails the compose specification, with file, line, key, value and fix', () => {
      const run = () => load({
        'docker-compose.yml': 'services:\n  catalog:\n    imag: catalog:1\n    image: catalog:1\n    ports: [{target: "http"}]\n    restart: sometimes\n    depends_on: {db: {condition: healthy}}\n  "bad name":\n    image: x:1\n',
      });
      expect(run).toThrow(/docker-compose\.yml:3:5\] fromCompose: services\.catalog\.imag is not a key of the compose specification; fix its spelling \(did you mean "image"\?\), or prefix it with "x-" to keep it as an extension field/);
      expect(run).toThrow(/docker-compose\.yml:5:14\] fromCompose: services\.catalog\.ports\[0\]\.target must be an integer \(got "http"\); write it in a form the compose specification allows \(https:\/\/docs\.docker\.com\/reference\/compose-file\/services\/#ports\)/);
      expect(run).toThrow(/docker-compose\.yml:7:23\] fromCompose: services\.catalog\.depends_on\.db\.condition must be one of service_started, service_healthy, service_completed_successfully \(got "healthy"\); use one of them/);
      expect(run).toThrow(/docker-compose\.yml:8:3\] fromCompose: services\["bad name"\] is not a valid service name \(got "bad name"\); use letters, digits, "\.", "_" and "-" only/);
    });

    test('reports the schema errors of every file at once', () => {
      const run = () => load({ 'docker-compose.yml': 'services:\n  a:\n    imag: a\n', 'o.yml': 'services:\n  a:\n    portz: []\n' }, ['docker-compose.yml', 'o.yml']);
      expect(run).toThrow(/docker-compose\.yml:3:5\] fromCompose: services\.a\.imag[^\n]*\n\[[^\n]*o\.yml:3:5\] fromCompose: services\.a\.portz/);
    });

    test('throws for a service with neither image nor build', () => {
      expect(() => load({ 'docker-compose.yml': 'services:\n  catalog:\n    environment: {A: "1"}\n' })).toThrow(
        /docker-compose\.yml:2:3\] fromCompose: services\.catalog has neither image nor build \(got nothing\); add image: <name>:<tag>, or build: <folder with a Dockerfile>/);
    });

    test('throws for an override file naming a service the base does not have', () => {
      expect(() => load({
        'docker-compose.yml': 'services:\n  catalog.api:\n    image: catalog:1\n',
        'docker-compose.override.yml': 'services:\n  catalog-api:\n    environment: {A: "1"}\n',
      }, ['docker-compose.yml', 'docker-compose.override.yml'])).toThrow(
        /docker-compose\.override\.yml:2:3\] fromCompose: services\.catalog-api overrides a service that docker-compose\.yml does not have, and has no image or build of its own \(got "catalog-api"\); name a service of the base file \(did you mean "catalog\.api"\?\), or give it an image/);
    });

    test('accepts a new service in an override file when it has an image', () => {
      const project = load({ 'docker-compose.yml': 'services:\n  a:\n    image: a:1\n', 'o.yml': 'services:\n  b:\n    image: b:1\n' }, ['docker-compose.yml', 'o.yml']);
      expect(project.services.map(s => s.name)).toEqual(['a', 'b']);
    });

    test('throws for an unset required variable, naming the file, line and key', () => {
      expect(() => load({ 'docker-compose.yml': 'services:\n  a:\n    image: a:1\n    environment:\n      DB: "Password=${DB_PASSWORD:?the database password}"\n' })).toThrow(
        /docker-compose\.yml:5:7\] fromCompose: services\.a\.environment\.DB requires the variable DB_PASSWORD, set and not empty: the database password \(got nothing\); set DB_PASSWORD in the \.env file/);
    });

    test('throws for a cycle in depends_on, showing it', () => {
      expect(() => load({ 'docker-compose.yml': 'services:\n  a:\n    image: a:1\n    depends_on: [b]\n  b:\n    image: b:1\n    depends_on: {c: {condition: service_started}}\n  c:\n    image: c:1\n    depends_on: [a]\n' })).toThrow(
        /docker-compose\.yml:10:18\] fromCompose: services\.c\.depends_on forms a cycle \(a -> b -> c -> a\), so no service could start first \(got "a"\); remove one dependency of the cycle/);
    });

    test('throws for depends_on naming an unknown service', () => {
      expect(() => load({ 'docker-compose.yml': 'services:\n  web:\n    image: a:1\n    depends_on: [catalgo]\n  catalog:\n    image: c:1\n' })).toThrow(
        /docker-compose\.yml:4:18\] fromCompose: services\.web\.depends_on\.catalgo names a service the compose files do not have \(got "catalgo"\); name one of web, catalog \(did you mean "catalog"\?\)/);
    });

    test('throws for a cycle in extends', () => {
      expect(() => load({ 'docker-compose.yml': 'services:\n  a:\n    image: a:1\n    extends: b\n  b:\n    image: b:1\n    extends: a\n' })).toThrow(
        /docker-compose\.yml:\d+:5\] fromCompose: services\.[ab]\.extends forms a cycle \(got "[ab]"\); make the chain of extends end at a service that extends nothing/);
    });

    test('throws for extends naming an unknown service', () => {
      expect(() => load({ 'docker-compose.yml': 'services:\n  a:\n    extends: bse\n  base:\n    image: b:1\n' })).toThrow(
        /docker-compose\.yml:3:5\] fromCompose: services\.a\.extends names a service that this file does not have \(got "bse"\); name one of its services \(did you mean "base"\?\)/);
    });
  });
});
