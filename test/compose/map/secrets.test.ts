import { containerOf, oneService, planText } from './support';

describe('secrets and configs', () => {
  test('mounts secrets at /run/secrets and configs at their target, from objects the app creates', () => {
    const plan = planText(oneService('image: s:1.0\nsecrets: [db_password]\nconfigs: [{source: app_config, target: /etc/app.json}]',
      'secrets:\n  db_password: {file: ./db/password.txt}\nconfigs:\n  app_config: {content: "{}"}\n'), { 'db/password.txt': 'pw' });
    expect(containerOf(plan, 'svc').mounts.map(m => [m.kind, m.target, m.name, m.item])).toEqual([
      ['SECRET_OBJECT', '/run/secrets/db_password', 'db-password', 'db_password'], ['CONFIG_OBJECT', '/etc/app.json', 'app-config', 'app_config'],
    ]);
    expect(plan.objects.map(o => [o.kind, o.name, o.existing, o.value])).toEqual([['SECRET', 'db-password', false, undefined], ['CONFIG_MAP', 'app-config', false, '{}']]);
    expect(plan.objects[0].sourcePath).toMatch(/db\/password\.txt$/);
    expect(plan.lines).toContainEqual(expect.stringMatching(/secrets\.db_password is written into the YAML as a Secret "db-password"/));
  });

  test('references external ones, and never reads a secret file outside the project', () => {
    const plan = planText(oneService('image: s:1.0\nsecrets: [ext, stolen]', 'secrets:\n  ext: {external: true, name: prod-key}\n  stolen: {file: /etc/shadow}\n'));
    expect(plan.objects).toEqual([{ composeName: 'ext', name: 'prod-key', kind: 'SECRET', item: 'ext', existing: true }]);
    expect(plan.lines).toContainEqual(expect.stringMatching(/secrets\.stolen\.file "shadow" is missing or outside the project folder: it is not read/));
  });

  test('names uid, gid and mode, which are not mapped', () => {
    const plan = planText(oneService('image: s:1.0\nsecrets: [{source: k, uid: "1000", mode: 0400}]', 'secrets:\n  k: {file: ./k.txt}\n'), { 'k.txt': 'x' });
    expect(plan.lines).toEqual(expect.arrayContaining([expect.stringMatching(/services\.svc\.secrets\[0\]\.uid is not mapped/), expect.stringMatching(/secrets\[0\]\.mode is not mapped/)]));
  });
});
