import { alwaysOpenPorts, findKnownImage, KNOWN_IMAGES, nonRootUserOf, provesRestricted, userByName } from '../../../src/compose/images/known-images';

describe('the table of well-known images', () => {
  test('cites a source for every entry and names its ports validly', () => {
    // GIVEN every entry WHEN its citations and port names are read THEN each has a source and IANA names
    expect(KNOWN_IMAGES.length).toBe(50);
    for (const e of KNOWN_IMAGES) {
      expect(e.cite.length).toBeGreaterThan(0);
      for (const p of e.ports) expect(p.name).toMatch(/^[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/);
    }
  });

  test('finds images through registries, library/ and tags, and applies tag variants', () => {
    expect(findKnownImage('docker.io/library/postgres:17-alpine')?.user.runAsUser).toBe(70);
    expect(findKnownImage('postgres:17')?.dataPaths).toEqual(['/var/lib/postgresql/data']);
    expect(findKnownImage('postgres')?.dataPaths).toEqual(['/var/lib/postgresql']);
    expect(alwaysOpenPorts(findKnownImage('rabbitmq:3.13-management')!).map(p => p.port)).toContain(15672);
    expect(findKnownImage('mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled')?.user.uid).toBe(1654);
    expect(findKnownImage('mcr.microsoft.com/mssql/server:2022-latest')?.name).toBe('Microsoft SQL Server');
  });

  test('matches a bare name to official images only', () => {
    expect(findKnownImage('someuser/postgres:16')).toBeUndefined();
    expect(findKnownImage('bitnami/postgresql:16')?.name).toBe('PostgreSQL (Bitnami)');
  });

  test('trusts a user id for restricted only from verified entries whose fit is not reasoned', () => {
    // mariadb's UID is assigned by useradd -r, not pinned: kept, but never proof of restricted
    expect(provesRestricted(findKnownImage('mariadb:11')!)).toBe(false);
    expect(provesRestricted(findKnownImage('mcr.microsoft.com/mssql/server:2022-latest')!)).toBe(false);
    expect(provesRestricted(findKnownImage('postgres:16')!)).toBe(true);
  });

  test('gives the non-root user an image runs as, and none for images whose process is root', () => {
    expect(nonRootUserOf(findKnownImage('redis:7.4-alpine')!)).toEqual({ uid: 999, gid: 1000 });
    expect(nonRootUserOf(findKnownImage('nginx:1.27')!)).toBeUndefined();
    expect(nonRootUserOf(findKnownImage('node:20')!)).toBeUndefined();
  });

  test('knows the user names images define', () => {
    expect(userByName(findKnownImage('node:20'), 'node')).toEqual({ uid: 1000, gid: 1000 });
    expect(userByName(findKnownImage('nginx:1.27'), 'nginx')).toEqual({ uid: 101, gid: 101 });
    expect(userByName(findKnownImage('php:8.3-fpm-alpine'), 'www-data')).toEqual({ uid: 82, gid: 82 });
    expect(userByName(findKnownImage('mcr.microsoft.com/dotnet/aspnet:8.0'), 'app')).toEqual({ uid: 1654, gid: 1654 });
    expect(userByName(findKnownImage('mcr.microsoft.com/dotnet/aspnet:6.0'), 'app')).toBeUndefined();
    expect(userByName(undefined, 'nobody')).toEqual({ uid: 65534, gid: 65534 });
  });
});
