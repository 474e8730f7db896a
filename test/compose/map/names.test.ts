import { oneService, planText, serviceOf } from './support';

describe('names', () => {
  test('never crashes on a service and a volume of one name: the claim gets a suffix', () => {
    // GIVEN a service and a volume both named backup
    const plan = planText(oneService('image: s:1.0\nvolumes: [backup:/backup]', 'volumes:\n  backup: {}\n').replace(/svc/g, 'backup'));
    // THEN the workload keeps its name and the claim is backup-data
    expect(serviceOf(plan, 'backup').name).toBe('backup');
    expect(plan.volumes.map(v => v.name)).toEqual(['backup-data']);
  });

  test('keeps services, volumes, secrets, configs and networks in their own namespaces', () => {
    const plan = planText('services:\n  web:\n    image: w:1.0\n    networks: [web]\n    volumes: [web:/data]\n    secrets: [web]\n    configs: [web]\nvolumes:\n  web: {}\nsecrets:\n  web: {file: ./s.txt}\nconfigs:\n  web: {content: x}\nnetworks:\n  web: {}\n', { 's.txt': 's' });
    expect([plan.services[0].name, plan.volumes[0].name, plan.objects.map(o => o.name), plan.networks[0].name]).toEqual(['web', 'web-data', ['web-secret', 'web-config-2'], 'web-network']);
  });

  test('makes service names valid Kubernetes names, two that become one name get a number', () => {
    const plan = planText('services:\n  web_app:\n    image: a:1.0\n  web-app:\n    image: b:1.0\n  Catalog.API:\n    image: c:1.0\n');
    expect(plan.services.map(s => s.name)).toEqual(['web-app', 'web-app-2', 'catalog-api']);
  });
});
