import { oneService, planText, serviceOf } from './support';

describe('workload kinds', () => {
  test('runs a service others wait for with service_completed_successfully as a Job', () => {
    const plan = planText('services:\n  migrate:\n    image: m:1.0\n  api:\n    image: a:1.0\n    depends_on:\n      migrate: {condition: service_completed_successfully}\n');
    expect(serviceOf(plan, 'migrate')).toMatchObject({ kind: 'JOB', kindReason: '"api" waits for it with service_completed_successfully', job: { restartPolicy: 'Never', backoffLimit: 6 } });
    expect(serviceOf(plan, 'api').dependsOn).toEqual([{ service: 'migrate', condition: 'service_completed_successfully' }]);
  });

  test('runs restart "no" and on-failure services as Jobs, unless something keeps them long-running', () => {
    expect(serviceOf(planText(oneService('image: s:1.0\nrestart: "no"')), 'svc').kind).toBe('JOB');
    expect(serviceOf(planText(oneService('image: s:1.0\nrestart: on-failure:2')), 'svc').job).toEqual({ restartPolicy: 'OnFailure', backoffLimit: 2 });
    const served = planText(oneService('image: s:1.0\nrestart: "no"\nports: ["8080:8080"]'));
    expect(serviceOf(served, 'svc').kind).toBe('DEPLOYMENT');
    expect(served.lines).toContainEqual(expect.stringMatching(/services\.svc\.restart no is not mapped: it declares ports, so it runs as a long-running workload/));
  });

  test('puts a network_mode service:X container into X\'s pod, following chains', () => {
    const plan = planText('services:\n  api:\n    image: a:1.0\n  dapr:\n    image: daprio/daprd:1.14.4\n    network_mode: "service:api"\n  agent:\n    image: g:1.0\n    network_mode: "service:dapr"\n');
    expect(plan.services.map(s => s.composeName)).toEqual(['api']);
    expect(serviceOf(plan, 'api').containers.map(c => c.name)).toEqual(['api', 'dapr', 'agent']);
  });

  test('runs a stateful image as a one-replica StatefulSet, and names the replicas it drops', () => {
    const plan = planText(oneService('image: postgres:16\ndeploy: {replicas: 3}'));
    expect(serviceOf(plan, 'svc')).toMatchObject({ kind: 'STATEFUL_SET', replicas: 1 });
    expect(plan.lines).toContainEqual(expect.stringMatching(/services\.svc\.deploy\.replicas 3 is not mapped: PostgreSQL \(official\) keeps its data in one place/));
  });

  test('keeps deploy.replicas and scale of a Deployment', () => {
    expect(serviceOf(planText(oneService('image: s:1.0\ndeploy: {replicas: 3}')), 'svc').replicas).toBe(3);
    expect(serviceOf(planText(oneService('image: s:1.0\nscale: 2')), 'svc').replicas).toBe(2);
  });
});
