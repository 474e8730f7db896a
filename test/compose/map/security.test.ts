import { containerOf, oneService, planText } from './support';

describe('security', () => {
  test('runs a well-known image restricted as the user the image table proves, with its writable paths', () => {
    // GIVEN postgres, whose table entry is verified
    const c = containerOf(planText(oneService('image: postgres:16\nvolumes: [pg:/var/lib/postgresql/data]', 'volumes:\n  pg: {}\n')), 'svc');
    // THEN restricted, numeric user and group, the claim's group, and emptyDirs where it writes
    expect(c.security).toMatchObject({ level: 'RESTRICTED', runAsUser: 999, runAsGroup: 999, fsGroup: 999, readOnlyRootFilesystem: true, writablePaths: ['/tmp', '/var/run/postgresql'] });
  });

  test('runs a Dockerfile\'s USER app on a .NET 8 image restricted as 1654', () => {
    const plan = planText(oneService('build: .\nimage: shop/api:1.0'), { Dockerfile: 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nUSER app\nEXPOSE 8080\n' });
    expect(containerOf(plan, 'svc').security).toMatchObject({ level: 'RESTRICTED', runAsUser: 1654, runAsGroup: 1654, writablePaths: ['/tmp'] });
  });

  test('runs what nothing proves as baseline, with the image\'s own user and one warning saying what to add', () => {
    const plan = planText(oneService('image: nginx:1.27'));
    expect(containerOf(plan, 'svc').security).toMatchObject({ level: 'BASELINE', runAsUser: undefined, readOnlyRootFilesystem: false });
    expect(plan.lines).toContainEqual(expect.stringMatching(/services\.svc runs with baseline Pod Security \(the image's own user, a writable root filesystem\): .*add user: "<uid>:<gid>".*add read_only: true with tmpfs: \[\/var\/cache\/nginx, \/var\/run, \/run, \/tmp\].*nginx-unprivileged/));
  });

  test('does not trust an unverified entry\'s user id to claim restricted', () => {
    expect(containerOf(planText(oneService('image: mariadb:11')), 'svc').security.level).toBe('BASELINE');
  });

  test('honours compose user and read_only: restricted when both prove it, with tmpfs paths mounted', () => {
    const c = containerOf(planText(oneService('image: shop/api:1.0\nuser: "1000:1000"\nread_only: true\ntmpfs: [/var/cache]\nports: ["80:80"]')), 'svc');
    expect(c.security).toMatchObject({ level: 'RESTRICTED', runAsUser: 1000, runAsGroup: 1000, writablePaths: ['/tmp'], sysctls: { 'net.ipv4.ip_unprivileged_port_start': '0' } });
    expect(c.mounts.map(m => m.target)).toEqual(['/var/cache']);
  });

  test('keeps a compose user on baseline, root included', () => {
    expect(containerOf(planText(oneService('image: shop/api:1.0\nuser: root')), 'svc').security).toMatchObject({ level: 'BASELINE', runAsUser: 0 });
    expect(containerOf(planText(oneService('image: shop/api:1.0\nuser: "0"')), 'svc').security).toMatchObject({ level: 'BASELINE', runAsUser: 0 });
  });

  test('says which numbers a user name runs as, and when a name has none it knows', () => {
    // GIVEN awesome-compose's postgres with user: postgres, and names no table knows
    const postgres = planText(oneService('image: postgres:16\nuser: postgres'));
    expect(containerOf(postgres, 'svc').security).toMatchObject({ runAsUser: 999, runAsGroup: 999 });
    expect(postgres.lines).toContainEqual(expect.stringMatching(/services\.svc\.user "postgres" runs as 999:999, the numbers of that name in PostgreSQL.*'s \/etc\/passwd \(Kubernetes takes numbers only\)/));
    const unknown = planText(oneService('image: shop/api:1.0\nuser: app'));
    expect(containerOf(unknown, 'svc').security.runAsUser).toBeUndefined();
    expect(unknown.lines).toContainEqual(expect.stringMatching(/services\.svc\.user "app" is not mapped: Kubernetes takes a numeric user .* so the container runs as the image's own user; write user: "<uid>:<gid>"/));
    const group = planText(oneService('image: shop/api:1.0\nuser: "1000:staff"'));
    expect(group.lines).toContainEqual(expect.stringMatching(/services\.svc\.user "1000:staff" runs as UID 1000, but the group "staff" is not mapped/));
    // AND numbers alone need no word
    expect(planText(oneService('image: shop/api:1.0\nuser: "1000:1000"')).lines.filter(l => /\.user /.test(l))).toEqual([]);
  });

  test('runs privileged what asks for privileged, capabilities beyond baseline or the host network', () => {
    for (const body of ['privileged: true', 'cap_add: [NET_ADMIN]', 'network_mode: host', 'devices: ["/dev/fuse"]']) {
      expect(containerOf(planText(oneService(`image: s:1.0\n${body}`)), 'svc').security.level).toBe('PRIVILEGED');
    }
    expect(containerOf(planText(oneService('image: s:1.0\ncap_add: [CHOWN]')), 'svc').security).toMatchObject({ level: 'BASELINE', addCapabilities: ['CHOWN'] });
  });

  test('keeps safe sysctls and names the others', () => {
    const plan = planText(oneService('image: s:1.0\nsysctls:\n  net.ipv4.tcp_syncookies: "1"\n  net.core.somaxconn: "1024"'));
    expect(containerOf(plan, 'svc').security.sysctls).toEqual({ 'net.ipv4.tcp_syncookies': '1' });
    expect(plan.lines).toContainEqual(expect.stringMatching(/sysctls\["net\.core\.somaxconn"\] is not mapped/));
  });
});
