import { containerOf, oneService, planText } from './support';

describe('command, image and resources', () => {
  test('maps entrypoint to command and command to args, clearing the image\'s command as Docker does', () => {
    expect(containerOf(planText(oneService('image: s:1.0\nentrypoint: ["/docker-entrypoint.sh"]\nworking_dir: /app')), 'svc')).toMatchObject({
      command: ['/docker-entrypoint.sh'], args: [], workingDir: '/app',
    });
    expect(containerOf(planText(oneService('image: s:1.0\ncommand: npm run start')), 'svc')).toMatchObject({ command: undefined, args: ['npm', 'run', 'start'] });
  });

  test('converts untagged and latest images with one warning each, and fills missing tags from --image-tag', () => {
    const plan = planText('services:\n  a:\n    image: catalogapi\n  b:\n    image: datalust/seq:latest\n');
    expect(containerOf(plan, 'a').image.image).toBe('catalogapi');
    expect(plan.lines.filter(l => /services\.a\.image has no tag/.test(l))).toHaveLength(1);
    expect(plan.lines.filter(l => /services\.b\.image uses the tag "latest"/.test(l))).toHaveLength(1);
    const tagged = planText('services:\n  a:\n    image: catalogapi\n', {}, { imageTag: '1.2.3' });
    expect(containerOf(tagged, 'a').image.image).toBe('catalogapi:1.2.3');
    expect(tagged.lines.filter(l => /no tag/.test(l))).toEqual([]);
  });

  test('keeps the build context, Dockerfile, target and args for Skaffold', () => {
    const plan = planText(oneService('image: shop/web:1.0\nbuild:\n  context: ./web\n  dockerfile: Dockerfile.prod\n  target: runtime\n  args: [VERSION=2]\npull_policy: never'),
      { 'web/Dockerfile.prod': 'FROM alpine:3 AS runtime\n' });
    expect(containerOf(plan, 'svc').image).toEqual({ image: 'shop/web:1.0', pullPolicy: 'Never', build: { context: 'web', dockerfile: 'Dockerfile.prod', target: 'runtime', args: { VERSION: '2' } } });
  });

  test('takes CPU and memory from deploy.resources, else cpus and mem_limit, and lowers a request above its limit', () => {
    expect(containerOf(planText(oneService('image: s:1.0\ndeploy:\n  resources:\n    limits: {cpus: "0.5", memory: 512M}\n    reservations: {cpus: "0.25", memory: 128M}')), 'svc').resources).toEqual({
      cpuLimitMillis: 500, cpuRequestMillis: 250, memoryLimitBytes: 512 * 2 ** 20, memoryRequestBytes: 128 * 2 ** 20,
    });
    const low = planText(oneService('image: s:1.0\ncpus: 0.5\nmem_limit: 256m\nmem_reservation: 1g'));
    expect(containerOf(low, 'svc').resources).toMatchObject({ cpuLimitMillis: 500, memoryLimitBytes: 256 * 2 ** 20, memoryRequestBytes: 256 * 2 ** 20 });
  });
});

describe('what the image table adds', () => {
  test('sets the variables a well-known image needs on Kubernetes when compose leaves them unset, and says why', () => {
    // GIVEN postgres 16, whose data directory must sit below a fresh claim's lost+found
    const plan = planText(oneService('image: postgres:16'));
    // THEN PGDATA points below it, with a warning
    expect(containerOf(plan, 'svc').env).toEqual({ PGDATA: '/var/lib/postgresql/data/pgdata' });
    expect(plan.lines).toContainEqual(expect.stringMatching(/services\.svc\.environment gets PGDATA=\/var\/lib\/postgresql\/data\/pgdata from the image table of PostgreSQL \(official\): initdb refuses/));
    // AND a value the compose file sets wins
    expect(containerOf(planText(oneService('image: postgres:16\nenvironment: {PGDATA: /data/pg}')), 'svc').env).toEqual({ PGDATA: '/data/pg' });
  });
});
