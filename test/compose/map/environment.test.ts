import { containerOf, oneService, planText } from './support';

describe('environment', () => {
  test('merges env_file under environment, takes unset values from .env, and keeps secrets apart', () => {
    // GIVEN an env file, values from .env, and values that look secret
    const plan = planText(oneService('image: s:1.0\nenv_file: [./svc.env]\nenvironment:\n  PageSize: "20"\n  FROM_DOTENV:\n  DB_PASS: hunter2\n  Broker: amqp://user:pw@rabbitmq:5672\n  Auth: "Bearer abcdefghijkl"'),
      { 'svc.env': 'FromFile=1\nPageSize=10\n', '.env': 'FROM_DOTENV=yes\n' });
    // THEN plain values are env, secret-looking ones secretEnv, and the warning names them without values
    const c = containerOf(plan, 'svc');
    expect(c.env).toEqual({ FromFile: '1', PageSize: '20', FROM_DOTENV: 'yes' });
    expect(Object.keys(c.secretEnv)).toEqual(['DB_PASS', 'Broker', 'Auth']);
    const warning = plan.lines.find(l => /look like secrets/.test(l))!;
    expect(warning).toMatch(/\(DB_PASS, Broker, Auth\)/);
    expect(warning).not.toMatch(/hunter2|pw@/);
  });

  test('renames names Kubernetes rejects and rewrites host names of renamed services', () => {
    const plan = planText('services:\n  Catalog_API:\n    image: c:1.0\n  web:\n    image: w:1.0\n    environment:\n      - ConnectionStrings:Catalog=http://Catalog_API:80/\n');
    expect(containerOf(plan, 'web').env).toEqual({ ConnectionStrings__Catalog: 'http://catalog-api:80/' });
  });

  test('leaves out a variable that has no value anywhere, as compose does, and says so', () => {
    const plan = planText(oneService('image: s:1.0\nenvironment: [DEBUG]'));
    expect(containerOf(plan, 'svc').env).toEqual({});
    expect(plan.lines).toContainEqual(expect.stringMatching(/services\.svc\.environment\.DEBUG has no value and is not set/));
  });

  test('does not read an env file outside the project folder, and names it', () => {
    const plan = planText(oneService('image: s:1.0\nenv_file: [{path: /etc/passwd, required: false}]'));
    expect(containerOf(plan, 'svc').env).toEqual({});
    expect(plan.lines).toContainEqual(expect.stringMatching(/services\.svc\.env_file\[0\] "\/etc\/passwd" is not read: it is missing or outside the project folder/));
  });
});
