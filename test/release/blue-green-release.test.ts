import { Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  BlueGreenRelease, BlueGreenReleaseProps, BlueGreenSlot, BlueGreenTraffic, BlueGreenTrafficMode, HealthChecks, HealthProbe, ManifestValidator,
  ServiceExposure,
} from '../../src';
import { allOf, findOne, Manifest, podSpecOf, restrictedViolations, synthValid, toYaml } from '../support';

const blueImage = 'eshop/basket-api:2.0.0';
const greenImage = 'eshop/basket-api:2.1.0';
const healthChecks = HealthChecks.aspNetCore();
const SLOT_LABEL = 'k8s-course-constructs/slot';

function chart(): Chart {
  return new Chart(Testing.app(), 'shop', { namespace: 'shop' });
}

/** Synthesizes the release as `cdk8s synth` would for one version of the program. */
function release(props: Partial<BlueGreenReleaseProps> = {}): { manifests: Manifest[]; release: BlueGreenRelease } {
  const c = chart();
  const r = new BlueGreenRelease(c, 'basket', { serviceName: 'basket', blueImage, greenImage, healthChecks, ...props });
  return { manifests: synthValid(c), release: r };
}

function synth(props: Partial<BlueGreenReleaseProps> = {}): Manifest[] {
  return release(props).manifests;
}

function imageOf(workload: Manifest): string {
  return podSpecOf(workload).containers.find((c: any) => c.name === 'app').image;
}

/** The workloads whose pod template carries every label of a Service's selector. */
function selectedWorkloads(manifests: Manifest[], serviceName: string): Manifest[] {
  const selector: { [k: string]: string } = findOne(manifests, 'Service', serviceName).spec.selector;
  return manifests
    .filter(m => m.kind === 'Deployment' || m.kind === 'Rollout')
    .filter(m => Object.entries(selector).every(([k, v]) => m.spec.template.metadata.labels[k] === v));
}

/** Ready pods behind a Service: replicas of the selected workloads whose containers have a readiness probe. */
function readyPodsBehind(manifests: Manifest[], serviceName: string): number {
  return selectedWorkloads(manifests, serviceName)
    .filter(w => podSpecOf(w).containers.every((c: any) => c.readinessProbe))
    .reduce((sum, w) => sum + (w.spec.replicas ?? minReplicasOf(manifests, w.metadata.name)), 0);
}

function minReplicasOf(manifests: Manifest[], workload: string): number {
  return allOf(manifests, 'HorizontalPodAutoscaler').find(h => h.spec.scaleTargetRef.name === workload)?.spec.minReplicas ?? 1;
}

function deploymentsOf(manifests: Manifest[]): { [name: string]: any } {
  return Object.fromEntries(allOf(manifests, 'Deployment').map(d => [d.metadata.name, d.spec.selector]));
}

function objectNames(manifests: Manifest[]): string[] {
  return manifests.filter(m => m.kind !== 'PodDisruptionBudget').map(m => `${m.kind}/${m.metadata.name}`).sort();
}

describe('BlueGreenRelease defaults', () => {
  test('synthesizes two warm slots with blue active', () => {
    // GIVEN
    const c = chart();
    // WHEN
    new BlueGreenRelease(c, 'basket', { blueImage, greenImage, healthChecks });
    // THEN
    expect(toYaml(synthValid(c))).toMatchSnapshot();
  });

  test('keeps the idle slot warm with as many pods as the active one', () => {
    const { manifests, release: r } = release();
    expect(r.activeSlot).toBe(BlueGreenSlot.BLUE);
    expect(r.traffic.mode).toBe(BlueGreenTrafficMode.SERVICES);
    expect(findOne(manifests, 'Deployment', 'basket-blue').spec.replicas).toBe(2);
    expect(findOne(manifests, 'Deployment', 'basket-green').spec.replicas).toBe(2);
    expect(allOf(manifests, 'PodDisruptionBudget')).toHaveLength(2);
  });

  test('runs each slot\'s own image with the same probes, port and restricted security', () => {
    const manifests = synth();
    const [blue, green] = ['basket-blue', 'basket-green'].map(n => findOne(manifests, 'Deployment', n));
    expect(imageOf(blue)).toBe(blueImage);
    expect(imageOf(green)).toBe(greenImage);
    expect(podSpecOf(blue).containers[0].readinessProbe).toEqual(podSpecOf(green).containers[0].readinessProbe);
    expect(restrictedViolations(podSpecOf(blue))).toEqual([]);
    expect(restrictedViolations(podSpecOf(green))).toEqual([]);
    expect(blue.spec.template.metadata.labels[SLOT_LABEL]).toBe('blue');
    expect(green.spec.template.metadata.labels[SLOT_LABEL]).toBe('green');
  });

  test('names every object in both modes when no serviceName is given', () => {
    for (const traffic of [BlueGreenTraffic.services(), BlueGreenTraffic.argoRollouts()]) {
      expect(synth({ serviceName: undefined, traffic }).filter(m => !m.metadata.name)).toEqual([]);
    }
  });

  test('runs the other slot\'s image in a slot without one', () => {
    expect(imageOf(findOne(synth({ greenImage: undefined }), 'Deployment', 'basket-green'))).toBe(blueImage);
    expect(imageOf(findOne(synth({ blueImage: undefined }), 'Deployment', 'basket-blue'))).toBe(greenImage);
  });
});

describe('BlueGreenRelease with every prop', () => {
  test('synthesizes every prop', () => {
    // GIVEN
    const c = chart();
    // WHEN
    new BlueGreenRelease(c, 'basket', {
      serviceName: 'basket',
      blueImage,
      greenImage,
      activeSlot: BlueGreenSlot.GREEN,
      replicas: 3,
      idleReplicas: 1,
      traffic: BlueGreenTraffic.services(),
      containerName: 'basket',
      port: 5000,
      portName: 'web',
      env: { ASPNETCORE_ENVIRONMENT: 'Production' },
      command: ['dotnet'],
      args: ['Basket.API.dll'],
      liveness: HealthProbe.httpGet('/alive'),
      readiness: HealthProbe.httpGet('/health'),
      startup: HealthProbe.httpGet('/alive', { failureThreshold: 30 }),
      maxSurge: kplus.PercentOrAbsolute.absolute(1),
      minReady: Duration.seconds(10),
      revisionHistoryLimit: 3,
      topologySpread: false,
      exposure: ServiceExposure.loadBalancer({ ports: [{ port: 8080, name: 'http' }] }),
    });
    // THEN
    expect(toYaml(synthValid(c))).toMatchSnapshot();
  });
});

describe('BlueGreenRelease switching slots', () => {
  test.each([BlueGreenSlot.BLUE, BlueGreenSlot.GREEN])('synthesizes %s active', (activeSlot) => {
    expect(toYaml(synth({ activeSlot }))).toMatchSnapshot();
  });

  test('points the Service at the active slot and the preview Service at the other one', () => {
    const names = (manifests: Manifest[], service: string) => selectedWorkloads(manifests, service).map(w => w.metadata.name);
    const blue = synth({ activeSlot: BlueGreenSlot.BLUE });
    expect(names(blue, 'basket')).toEqual(['basket-blue']);
    expect(names(blue, 'basket-preview')).toEqual(['basket-green']);
    const green = synth({ activeSlot: BlueGreenSlot.GREEN });
    expect(names(green, 'basket')).toEqual(['basket-green']);
    expect(names(green, 'basket-preview')).toEqual(['basket-blue']);
  });

  test('selects each slot by its own Deployment selector, so the Services never select both', () => {
    const manifests = synth();
    expect(findOne(manifests, 'Service', 'basket').spec.selector).toEqual(findOne(manifests, 'Deployment', 'basket-blue').spec.selector.matchLabels);
    expect(findOne(manifests, 'Service', 'basket-preview').spec.selector).toEqual(findOne(manifests, 'Deployment', 'basket-green').spec.selector.matchLabels);
  });

  test('gives the preview Service the same ports, inside the cluster only', () => {
    const manifests = synth({ exposure: ServiceExposure.nodePort(30081) });
    expect(findOne(manifests, 'Service', 'basket').spec.type).toBe('NodePort');
    expect(findOne(manifests, 'Service', 'basket-preview').spec).toMatchObject({ type: 'ClusterIP', ports: [{ port: 80, targetPort: 8080 }] });
    expect(findOne(manifests, 'Service', 'basket-preview').spec.ports[0].nodePort).toBeUndefined();
  });

  test('keeps every name and Deployment selector, and ready pods behind the Service, in both slots and on rollback', () => {
    const steps = [BlueGreenSlot.BLUE, BlueGreenSlot.GREEN, BlueGreenSlot.BLUE].map(activeSlot => synth({ activeSlot }));
    for (const manifests of steps) {
      expect(objectNames(manifests)).toEqual(objectNames(steps[0]));
      expect(deploymentsOf(manifests)).toEqual(deploymentsOf(steps[0]));
      expect(readyPodsBehind(manifests, 'basket')).toBe(2);
      expect(ManifestValidator.validateManifests(manifests)).toEqual([]);
    }
  });

  test('renders the rollback (switching back) exactly as before the switch', () => {
    const slots = [BlueGreenSlot.BLUE, BlueGreenSlot.GREEN, BlueGreenSlot.BLUE];
    const [before, switched, rolledBack] = slots.map(activeSlot => toYaml(synth({ activeSlot })));
    expect(switched).not.toBe(before);
    expect(rolledBack).toBe(before);
  });

  test('scales the idle slot down with idleReplicas, and drops its PodDisruptionBudget below 2 pods', () => {
    const manifests = synth({ activeSlot: BlueGreenSlot.GREEN, replicas: 4, idleReplicas: 0 });
    expect(findOne(manifests, 'Deployment', 'basket-green').spec.replicas).toBe(4);
    expect(findOne(manifests, 'Deployment', 'basket-blue').spec.replicas).toBe(0);
    expect(allOf(manifests, 'PodDisruptionBudget').map(p => p.spec.selector.matchLabels))
      .toEqual([findOne(manifests, 'Deployment', 'basket-green').spec.selector.matchLabels]);
    expect(readyPodsBehind(manifests, 'basket')).toBe(4);
    expect(readyPodsBehind(manifests, 'basket-preview')).toBe(0);
  });

  test('autoscales both slots alike, so the idle slot stays warm at minReplicas', () => {
    const manifests = synth({ autoscale: { minReplicas: 3, maxReplicas: 9 } });
    const hpas = allOf(manifests, 'HorizontalPodAutoscaler');
    expect(hpas.map(h => h.spec.scaleTargetRef.name).sort()).toEqual(['basket-blue', 'basket-green']);
    expect(hpas.every(h => h.spec.minReplicas === 3 && h.spec.maxReplicas === 9)).toBe(true);
    expect(allOf(manifests, 'Deployment').every(d => d.spec.replicas === undefined)).toBe(true);
    expect(ManifestValidator.validateManifests(manifests)).toEqual([]);
  });
});

describe('BlueGreenRelease in Argo Rollouts mode', () => {
  const traffic = BlueGreenTraffic.argoRollouts();

  test.each([BlueGreenSlot.BLUE, BlueGreenSlot.GREEN])('synthesizes %s active', (activeSlot) => {
    expect(toYaml(synth({ activeSlot, traffic }))).toMatchSnapshot();
  });

  test('writes one Rollout with the active slot\'s pod template and a blueGreen strategy, and no Deployment', () => {
    const manifests = synth({ activeSlot: BlueGreenSlot.GREEN, traffic });
    expect(allOf(manifests, 'Deployment')).toEqual([]);
    const rollout = findOne(manifests, 'Rollout', 'basket');
    expect(imageOf(rollout)).toBe(greenImage);
    expect(restrictedViolations(podSpecOf(rollout))).toEqual([]);
    expect(rollout.spec.strategy).toEqual({
      blueGreen: { activeService: 'basket', previewService: 'basket-preview', autoPromotionEnabled: false, scaleDownDelaySeconds: 30 },
    });
    expect(rollout.spec.replicas).toBe(2);
  });

  test('passes the Argo options through', () => {
    const rollout = findOne(synth({
      traffic: BlueGreenTraffic.argoRollouts({ autoPromotionEnabled: true, scaleDownDelay: Duration.minutes(5), previewReplicas: 1 }),
    }), 'Rollout', 'basket');
    expect(rollout.spec.strategy.blueGreen).toEqual({
      activeService: 'basket', previewService: 'basket-preview', autoPromotionEnabled: true, scaleDownDelaySeconds: 300, previewReplicaCount: 1,
    });
  });

  test('keeps the Rollout\'s selector and the Services\' selectors when the slot switches', () => {
    const [blue, green] = [BlueGreenSlot.BLUE, BlueGreenSlot.GREEN].map(activeSlot => synth({ activeSlot, traffic }));
    expect(objectNames(green)).toEqual(objectNames(blue));
    expect(findOne(green, 'Rollout', 'basket').spec.selector).toEqual(findOne(blue, 'Rollout', 'basket').spec.selector);
    for (const service of ['basket', 'basket-preview']) {
      expect(findOne(green, 'Service', service).spec.selector).toEqual(findOne(blue, 'Service', service).spec.selector);
    }
    for (const manifests of [blue, green]) {
      expect(readyPodsBehind(manifests, 'basket')).toBe(2);
      expect(ManifestValidator.validateManifests(manifests)).toEqual([]);
    }
  });

  test('covers the Rollout\'s pods of either slot with one PodDisruptionBudget', () => {
    const manifests = synth({ traffic });
    const pdb = findOne(manifests, 'PodDisruptionBudget');
    expect(pdb.spec).toEqual({ maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow', selector: findOne(manifests, 'Rollout', 'basket').spec.selector });
  });

  test('autoscales the Rollout', () => {
    const manifests = synth({ traffic, autoscale: { minReplicas: 2, maxReplicas: 6 } });
    expect(findOne(manifests, 'Rollout', 'basket').spec.replicas).toBeUndefined();
    expect(findOne(manifests, 'HorizontalPodAutoscaler').spec.scaleTargetRef).toEqual({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'basket' });
    expect(ManifestValidator.validateManifests(manifests)).toEqual([]);
  });
});

describe('BlueGreenRelease errors', () => {
  const make = (props: Partial<BlueGreenReleaseProps>) => () => new BlueGreenRelease(chart(), 'basket', { blueImage, greenImage, healthChecks, ...props });

  test('throws when blue and green both miss an image', () => {
    expect(make({ blueImage: undefined, greenImage: undefined }))
      .toThrow(/^\[shop\/basket\] BlueGreenRelease: blueImage or greenImage is required: a release needs a version to run \(got nothing\); pass blueImage \(and greenImage for the next version\)/);
  });

  test('throws for idleReplicas in Argo Rollouts mode, where the controller scales the old version', () => {
    expect(make({ traffic: BlueGreenTraffic.argoRollouts(), idleReplicas: 0 }))
      .toThrow(/^\[shop\/basket\] BlueGreenRelease: idleReplicas is not used in Argo Rollouts mode.*\(got 0\); drop idleReplicas; set BlueGreenTraffic\.argoRollouts\(\{ scaleDownDelay, previewReplicas \}\) instead$/);
  });

  test('throws for a plain-mode option inside the Argo Rollouts options (options from JavaScript or a JSON plan)', () => {
    const plan = JSON.parse('{ "autoPromotionEnabled": true, "idleReplicas": 0 }');
    expect(make({ traffic: BlueGreenTraffic.argoRollouts(plan) }))
      .toThrow(/^\[shop\/basket\] BlueGreenRelease: traffic\.idleReplicas is an option of BlueGreenReleaseProps, not of BlueGreenTraffic\.argoRollouts\(\) \(got 0\); use BlueGreenReleaseProps to set idleReplicas, or drop it$/);
  });

  test.each(['replicas', 'idleReplicas'] as const)('throws for a negative %s', (key) => {
    expect(make({ [key]: -1 })).toThrow(new RegExp(`^\\[shop\\/basket\\] BlueGreenRelease: ${key} must be an integer of 0 or more \\(got -1\\)`));
  });

  test('throws for idleReplicas with autoscale', () => {
    expect(make({ autoscale: { maxReplicas: 4 }, idleReplicas: 1 }))
      .toThrow(/^\[shop\/basket\] BlueGreenRelease: idleReplicas must not be set with autoscale .*\(got 1\); drop idleReplicas, or autoscale$/);
  });

  test('throws for a preview of fewer than one pod', () => {
    expect(make({ traffic: BlueGreenTraffic.argoRollouts({ previewReplicas: 0 }) }))
      .toThrow(/^\[shop\/basket\] BlueGreenRelease: traffic\.previewReplicas must be an integer of at least 1 \(got 0\)/);
  });

  test('throws for a serviceName that leaves no room for the preview Service', () => {
    expect(make({ serviceName: 'b'.repeat(60) }))
      .toThrow(/^\[shop\/basket\] BlueGreenRelease: serviceName must leave room for the "-preview" Service: .*; shorten serviceName to at most 55 characters$/);
  });
});
