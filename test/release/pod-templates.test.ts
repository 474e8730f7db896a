import { Chart, Testing } from 'cdk8s';
import {
  ApiGateway, BlueGreenRelease, BlueGreenReleaseProps, BlueGreenSlot, BlueGreenTraffic, CanaryRelease, CanaryReleaseProps, CanaryTraffic,
  HealthChecks,
} from '../../src';
import { findOne, Manifest, synthValid } from '../support';

// A pod template depends only on what the user changed (image, config, env, resources): never on
// replica counts or weights. A changed template replaces running pods, so scaling must not change it.

const image = 'eshop/catalog-api:1.4.0';
const canaryImage = 'eshop/catalog-api:1.5.0';
const healthChecks = HealthChecks.aspNetCore();

type Traffic = (c: Chart) => CanaryTraffic;

const modes: Array<[string, Traffic, Partial<CanaryReleaseProps>]> = [
  ['replica ratio', () => CanaryTraffic.replicaRatio({ totalReplicas: 10 }), {}],
  ['Gateway API', c => CanaryTraffic.gatewayApi({ gateway: new ApiGateway(c, 'gateway', { name: 'shop' }), path: '/catalog' }), { replicas: 4 }],
  ['ingress', () => CanaryTraffic.ingress({ host: 'shop.example.com', path: '/catalog' }), { replicas: 4 }],
  ['Gateway API, autoscaled', c => CanaryTraffic.gatewayApi({ gateway: new ApiGateway(c, 'gateway', { name: 'shop' }), path: '/catalog' }), {
    autoscale: { minReplicas: 2, maxReplicas: 10 },
  }],
];

function canaryStep(traffic: Traffic, props: Partial<CanaryReleaseProps>): Manifest[] {
  const c = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
  new CanaryRelease(c, 'catalog', { serviceName: 'catalog', image, canaryImage, healthChecks, traffic: traffic(c), ...props });
  return synthValid(c);
}

function template(manifests: Manifest[], kind: string, name: string): any {
  return findOne(manifests, kind, name).spec.template;
}

describe('pod templates stay the same when only replicas or weights change', () => {
  test.each(modes)('CanaryRelease (%s): the canary track\'s template is the same at every weight it runs at', (_mode, traffic, props) => {
    // GIVEN the canary at 10%, then 20%, then 50%
    const steps = [10, 20, 50].map(weight => canaryStep(traffic, { ...props, weight }));
    // THEN its pod template never changes (only its replica count does)
    const templates = steps.map(m => template(m, 'Deployment', 'catalog-canary'));
    expect(templates[1]).toEqual(templates[0]);
    expect(templates[2]).toEqual(templates[0]);
    expect(templates[0].spec.topologySpreadConstraints).toHaveLength(1);
  });

  test.each(modes)('CanaryRelease (%s): the stable track\'s template is the same from rollback to the last step before promotion', (_mode, traffic, props) => {
    const templates = [0, 10, 20, 50].map(weight => template(canaryStep(traffic, { ...props, weight }), 'Deployment', 'catalog-stable'));
    for (const t of templates) expect(t).toEqual(templates[0]);
  });

  test.each(modes)('CanaryRelease (%s): at promotion the stable track\'s template changes in its image and version only', (_mode, traffic, props) => {
    // GIVEN the last step and the promotion
    const before = template(canaryStep(traffic, { ...props, weight: 50 }), 'Deployment', 'catalog-stable');
    const after = template(canaryStep(traffic, { ...props, weight: 100 }), 'Deployment', 'catalog-stable');
    // THEN the image (and the version label that comes from it) is all that differs
    const normalize = (t: any) => JSON.parse(JSON.stringify(t).replace(/1\.5\.0/g, '1.4.0'));
    expect(normalize(after)).toEqual(before);
    expect(after).not.toEqual(before);
  });

  test('CanaryRelease (replica ratio): the canary track at 0 pods has the template it runs with later', () => {
    const off = template(canaryStep(modes[0][1], { weight: 0 }), 'Deployment', 'catalog-canary');
    const on = template(canaryStep(modes[0][1], { weight: 10 }), 'Deployment', 'catalog-canary');
    expect(on).toEqual(off);
  });

  test('CanaryRelease (Argo Rollouts): the Rollout\'s template is the same whatever the replica count', () => {
    const rollout = (replicas: number) => template(canaryStep(() => CanaryTraffic.argoRollouts(), { replicas, steps: [50, 100] }), 'Rollout', 'catalog');
    expect(rollout(2)).toEqual(rollout(4));
    expect(rollout(2).spec.topologySpreadConstraints).toHaveLength(1);
  });

  describe('BlueGreenRelease', () => {
    function slots(props: Partial<BlueGreenReleaseProps>): Manifest[] {
      const c = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
      new BlueGreenRelease(c, 'basket', { serviceName: 'basket', blueImage: image, greenImage: canaryImage, healthChecks, ...props });
      return synthValid(c);
    }

    test('a slot keeps its template when the switch makes it active or idle', () => {
      // GIVEN blue active, then green active (the switch)
      const blueActive = slots({ activeSlot: BlueGreenSlot.BLUE });
      const greenActive = slots({ activeSlot: BlueGreenSlot.GREEN });
      // THEN neither slot's pod template changes
      expect(template(greenActive, 'Deployment', 'basket-blue')).toEqual(template(blueActive, 'Deployment', 'basket-blue'));
      expect(template(greenActive, 'Deployment', 'basket-green')).toEqual(template(blueActive, 'Deployment', 'basket-green'));
    });

    test('a slot keeps its template when the idle slot is scaled down or up', () => {
      const warm = slots({ idleReplicas: 2 });
      const cold = slots({ idleReplicas: 0 });
      const one = slots({ idleReplicas: 1 });
      expect(template(cold, 'Deployment', 'basket-green')).toEqual(template(warm, 'Deployment', 'basket-green'));
      expect(template(one, 'Deployment', 'basket-green')).toEqual(template(warm, 'Deployment', 'basket-green'));
    });

    test('the Argo Rollouts template is the same whatever the replica count', () => {
      const rollout = (replicas: number) => template(slots({ traffic: BlueGreenTraffic.argoRollouts(), replicas }), 'Rollout', 'basket');
      expect(rollout(1)).toEqual(rollout(3));
    });
  });
});
