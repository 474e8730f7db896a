/**
 * The docs' YAML is the examples' output: every ```yaml block of the README and the course guides
 * claims to be copied from what the examples synthesize, trimmed, with `# ...` where lines are left
 * out (see excerpt.ts). Each must be a sub-tree of one synthesized object, so the docs cannot
 * drift from the code. Input YAML (a compose file) is fenced as ```yml instead, and is not checked.
 */
import { MicroserviceStack, Skaffold } from '../../src';
import { exampleNames, parseManifests, synthExample } from '../support';
import { excerptPatterns, likeness, matches, mismatch, nodesOf, Pattern } from './excerpt';
import { DOCUMENTS, Fence, fences, where } from './markdown';

/**
 * Everything the examples write that an excerpt may show: their Kubernetes objects, and the
 * Skaffold configuration of the stacks they build (as their main writes it beside the YAML).
 */
function synthesizedObjects(): unknown[] {
  const objects: unknown[] = [];
  for (const name of exampleNames()) {
    const { yaml, built } = synthExample(name);
    objects.push(...parseManifests(yaml));
    const stacks = (Array.isArray(built) ? built : [built])
      // Not instanceof: cdk8s makes every Chart an instance of each Chart subclass (Symbol.hasInstance).
      .filter((b): b is MicroserviceStack => MicroserviceStack.prototype.isPrototypeOf(b as object));
    if (stacks.length > 0) objects.push(Skaffold.forStacks(stacks, { manifestsDir: 'dist' }).toJson());
  }
  return objects;
}

/** Why no object has the excerpt: the nearest object's first difference. */
function nearestMiss(pattern: Pattern, objects: unknown[]): string {
  let best: { node: unknown; score: number } | undefined;
  for (const object of objects) {
    for (const node of nodesOf(object)) {
      const score = likeness(pattern, node);
      if (best === undefined || score > best.score) best = { node, score };
    }
  }
  return best ? mismatch(pattern, best.node, '') ?? 'matches' : 'no objects';
}

const excerpts: Fence[] = DOCUMENTS.flatMap(fences).filter(f => f.info === 'yaml');
const objects = synthesizedObjects();

test('the docs have YAML excerpts to check', () => {
  // One README-sized mistake (a fence renamed) would otherwise check nothing.
  expect(excerpts.length).toBeGreaterThanOrEqual(40);
});

test.each(excerpts.map(f => [where(f), f] as const))('the YAML excerpt at %s is a sub-tree of an object the examples synthesize', (_where, fence) => {
  // GIVEN the excerpt's documents as patterns
  excerptPatterns(fence.text).forEach((pattern, i) => {
    // WHEN each is looked for in every object of every example (at any depth)
    const found = objects.some(o => [...nodesOf(o)].some(node => matches(pattern, node)));
    // THEN one object has it, or the nearest object says what differs
    if (!found) {
      throw new Error(`${where(fence)}: no synthesized object has document ${i + 1} of this excerpt; the nearest differs at ${nearestMiss(pattern, objects)}`);
    }
  });
});
