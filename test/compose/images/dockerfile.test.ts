import { readDockerfile } from '../../../src/compose/images/dockerfile';

/** Reads a Dockerfile given as text. */
function read(text: string, options: { target?: string; args?: { [name: string]: string } } = {}) {
  return readDockerfile(p => (p === '/p/Dockerfile' ? text : undefined), '/p/Dockerfile', options)!;
}

describe('reading a Dockerfile', () => {
  test('gives the app user of .NET 8 images as 1654, by name and through APP_UID', () => {
    // GIVEN the three ways .NET Dockerfiles name the app user
    for (const user of ['app', '$APP_UID', '${APP_UID}']) {
      // WHEN the final stage builds on a stage that sets it
      const facts = read(`FROM mcr.microsoft.com/dotnet/aspnet:8.0 AS base\nUSER ${user}\nFROM base AS final\nENTRYPOINT ["dotnet", "a.dll"]\n`);
      // THEN the user is 1654 and the base image is known
      expect(facts.user).toMatchObject({ text: user, uid: 1654, gid: 1654 });
      expect(facts.base?.name).toMatch(/\.NET/);
    }
  });

  test('leaves the app user unknown on .NET 7 images, which have none', () => {
    expect(read('FROM mcr.microsoft.com/dotnet/aspnet:7.0\nUSER app\n').user).toEqual({ text: 'app', uid: undefined, gid: undefined, how: undefined, line: 2 });
  });

  test('resolves user names of the base image and users the file creates', () => {
    expect(read('FROM node:20-slim\nUSER node\n').user?.uid).toBe(1000);
    expect(read('FROM nginx:1.27\nUSER nginx\n').user?.uid).toBe(101);
    expect(read('FROM debian:12\nRUN groupadd -g 1001 web && useradd -u 1001 -g web web\nUSER web\n').user).toMatchObject({ uid: 1001, how: 'useradd' });
    expect(read('FROM alpine:3\nRUN adduser -D -u 2000 svc\nUSER svc:svc\n').user).toMatchObject({ uid: 2000, gid: 2000 });
    expect(read('FROM golang:1.23\nUSER 65532:65533\n').user).toMatchObject({ uid: 65532, gid: 65533, how: 'numeric' });
  });

  test('reads the stage build.target names, not the last one', () => {
    const text = 'FROM golang:1.23 AS build\nFROM gcr.io/distroless/static AS runtime\nUSER 65532\nEXPOSE 8000\nFROM runtime AS debug\nUSER root\n';
    expect(read(text, { target: 'runtime' })).toMatchObject({ stage: 'runtime', user: { uid: 65532 }, expose: [{ port: 8000, protocol: 'tcp' }] });
    expect(read(text).user?.uid).toBe(0);
  });

  test('substitutes ARG defaults and build args in FROM', () => {
    const text = 'ARG VERSION=16\nFROM postgres:${VERSION}-alpine\n';
    expect(read(text).baseImage).toBe('postgres:16-alpine');
    expect(read(text, { args: { VERSION: '17' } }).baseImage).toBe('postgres:17-alpine');
    expect(read(text).base?.user.runAsUser).toBe(70);
  });

  test('reads EXPOSE with protocols and ranges, WORKDIR and HEALTHCHECK in both forms', () => {
    const facts = read('FROM alpine:3\nWORKDIR /app\nWORKDIR sub\nEXPOSE 8080 53/udp 9000-9001\nHEALTHCHECK --interval=5s --timeout=3s --retries=2 CMD ["wget", "-qO-", "http://localhost:8080/hc"]\n');
    expect(facts.workdir).toBe('/app/sub');
    expect(facts.expose).toEqual([{ port: 8080, protocol: 'tcp' }, { port: 53, protocol: 'udp' }, { port: 9000, protocol: 'tcp' }, { port: 9001, protocol: 'tcp' }]);
    expect(facts.healthcheck).toMatchObject({ test: { form: 'CMD', argv: ['wget', '-qO-', 'http://localhost:8080/hc'] }, intervalSeconds: 5, timeoutSeconds: 3, retries: 2 });
    expect(read('FROM alpine:3\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n').healthcheck?.test).toEqual({ form: 'CMD-SHELL', argv: ['curl -f http://localhost/ || exit 1'] });
    expect(read('FROM alpine:3\nHEALTHCHECK NONE\n').healthcheck?.disabled).toBe(true);
  });

  test('names a build target the file does not have, and reads the last stage', () => {
    expect(read('FROM alpine:3 AS a\nFROM alpine:3 AS b\n', { target: 'c' }).problems).toEqual(['has no stage named "c"; the last stage is read']);
  });

  test('gives nothing for a file the reader cannot read', () => {
    expect(readDockerfile(() => undefined, '/outside/Dockerfile')).toBeUndefined();
  });
});
