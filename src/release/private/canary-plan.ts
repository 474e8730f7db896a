/**
 * The plan of a canary release: its steps, the weight of this synth, the images, and whether
 * whole pods can realise the weight.
 */
import { Fail } from '../../core/errors';
import { ImagePolicy, imagePropProblem } from '../../core/image-ref';

/** The props of a canary release that decide its weight. */
export interface CanaryPlanProps {
  readonly image: string;
  readonly canaryImage?: string;
  readonly imagePolicy?: ImagePolicy;
  readonly weight?: number;
  readonly steps?: number[];
  readonly step?: number;
}

/** A release plan: weights from 0 to 100, increasing, ending at 100. */
export function checkSteps(steps: number[], fail: Fail): void {
  const example = 'list the canary weights in order, such as [5, 25, 50, 100]';
  if (!Array.isArray(steps) || steps.length === 0) {
    throw fail({ prop: 'steps', rule: 'must list at least one weight', value: steps, fix: example });
  }
  steps.forEach((w, i) => {
    if (!Number.isInteger(w) || w < 0 || w > 100) {
      throw fail({ prop: `steps[${i}]`, rule: 'must be an integer from 0 to 100', value: w, fix: example });
    }
    if (i > 0 && w <= steps[i - 1]) {
      throw fail({ prop: 'steps', rule: `must increase from one step to the next (steps[${i - 1}] is ${steps[i - 1]}, steps[${i}] is ${w})`, value: steps, fix: example });
    }
  });
  if (steps[steps.length - 1] !== 100) {
    throw fail({ prop: 'steps', rule: 'must end at 100 (the promotion)', value: steps, fix: `append 100: [${[...steps, 100].join(', ')}]` });
  }
}

/** The canary weight of this synth: `weight`, `steps[step]`, or the default of the mode. */
export function resolveWeight(props: CanaryPlanProps, argo: boolean, fail: Fail): number {
  const { weight, step } = props;
  if (weight !== undefined && (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 0 || weight > 100)) {
    throw fail({ prop: 'weight', rule: 'must be an integer from 0 to 100', value: weight, fix: 'pass a percentage: 0 rolls back, 100 promotes' });
  }
  if (argo) {
    if (step !== undefined) {
      throw fail({
        prop: 'step',
        rule: 'is not used in Argo Rollouts mode, where the controller walks the steps',
        value: step,
        fix: 'drop step; move on with `kubectl argo rollouts promote`, roll back with weight: 0',
      });
    }
    if (weight !== undefined && weight !== 0 && weight !== 100) {
      throw fail({
        prop: 'weight',
        rule: 'must be 0 (roll back) or 100 in Argo Rollouts mode, where the controller sets the weights in between',
        value: weight,
        fix: 'put the weight in steps, or drop weight',
      });
    }
    return weight ?? (props.canaryImage === undefined ? 0 : 100);
  }
  if (step !== undefined) {
    if (props.steps === undefined) {
      throw fail({ prop: 'step', rule: 'needs a plan in steps', value: step, fix: 'pass steps, such as [5, 25, 50, 100], or a weight instead' });
    }
    if (weight !== undefined) {
      throw fail({ prop: 'weight', rule: `and step are exclusive (step ${step} already gives the weight)`, value: weight, fix: 'drop step to set the weight directly (weight: 0 rolls back)' });
    }
    if (!Number.isInteger(step) || step < 0 || step >= props.steps.length) {
      throw fail({
        prop: 'step',
        rule: `must be an index of steps, from 0 to ${props.steps.length - 1}`,
        value: step,
        fix: `pick a step of the plan [${props.steps.join(', ')}], or pass weight: 0 to roll back`,
      });
    }
    return props.steps[step];
  }
  if (weight !== undefined) return weight;
  return props.steps && props.canaryImage !== undefined ? props.steps[0] : 0;
}

/** A canary image that differs from the stable one, and one whenever the canary gets traffic. */
export function checkImages(props: CanaryPlanProps, weight: number, fail: Fail): void {
  const images: Array<[string, string | undefined]> = [['image', props.image], ['canaryImage', props.canaryImage]];
  for (const [prop, image] of images) {
    const problem = prop === 'canaryImage' && image === undefined ? undefined : imagePropProblem(prop, image, props.imagePolicy);
    if (problem) throw fail(problem);
  }
  if (props.canaryImage !== undefined && props.canaryImage === props.image) {
    throw fail({
      prop: 'canaryImage',
      rule: 'must differ from image: a canary of the same version tests nothing',
      value: props.canaryImage,
      fix: 'set canaryImage to the new version; after a promotion, set image to it and drop canaryImage',
    });
  }
  if (props.canaryImage === undefined && weight > 0) {
    throw fail({
      prop: 'canaryImage',
      rule: `is required to send traffic to a canary (weight ${weight})`,
      value: props.canaryImage,
      fix: 'pass canaryImage with the new version, or weight 0',
    });
  }
}

/**
 * Checks that `total` pods can realise the weight (and every step of the plan) exactly. When
 * they cannot, the message names the nearest possible weights and a total that works.
 */
export function checkExpressible(
  prop: string, total: number, weight: number, steps: number[] | undefined, fail: Fail, why?: string,
): void {
  const wanted = [...new Set([...steps ?? [], weight])];
  const bad = wanted.filter(w => w !== 100 && (total * w) % 100 !== 0);
  if (bad.length === 0) return;
  const w = bad.includes(weight) ? weight : bad[0];
  let lower = w;
  while ((total * lower) % 100 !== 0) lower--;
  let upper = w;
  while ((total * upper) % 100 !== 0) upper++;
  const needed = wanted.reduce((acc, x) => lcm(acc, 100 / gcd(x, 100)), 1);
  const suggestion = needed * Math.max(1, Math.ceil(Math.max(total, 2) / needed));
  const where = bad.includes(weight) && (steps === undefined || !steps.includes(weight)) ? 'weight' : `steps[${steps!.indexOf(w)}]`;
  throw fail({
    prop: where,
    rule: `must be a share of the pods that ${prop} ${total} can run in whole pods (${w}% of ${total} is ${total * w / 100} pods)${why ? `: ${why}` : ''}`,
    value: w,
    fix: `use weight ${lower === upper ? lower : `${lower} or ${upper}`}, or ${prop} ${suggestion}`,
  });
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function lcm(a: number, b: number): number {
  return a / gcd(a, b) * b;
}

