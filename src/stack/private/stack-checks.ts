import { requireRestrictedProblem } from './pod-security';
import { StackRegistry } from './stack-registry';
import { PropProblem, validationMessage } from '../../core/errors';
import { closestName } from '../../core/suggest';

const TYPE = 'MicroserviceStack';

/**
 * What the stack checks once every part is added: each `talksTo` names another part of the stack
 * that can be called and, with `requireRestricted`, every workload is RESTRICTED. (Environment
 * variable names are checked by each workload's ProbedDeployment, over all of its containers.)
 */
export function stackProblems(registry: StackRegistry, requireRestricted: boolean): string[] {
  const problems: PropProblem[] = [];
  const known = new Set(registry.names());
  for (const member of registry.members.values()) {
    const prop = `${member.method}("${member.name}")`;
    for (const target of member.talksTo) problems.push(...talksToProblems(registry, known, prop, member.name, target));
    for (const target of member.waitFor) problems.push(...waitForProblems(registry, prop, member.name, target));
  }
  const restricted = requireRestricted ? requireRestrictedProblem(registry.members.values()) : undefined;
  if (restricted) problems.push(restricted);
  return problems.map(p => validationMessage(TYPE, p));
}

function talksToProblems(registry: StackRegistry, known: Set<string>, prop: string, name: string, target: string): PropProblem[] {
  if (!known.has(target)) {
    const meant = closestName(target, known);
    return [{
      prop: `${prop}.talksTo`,
      rule: `must name services of the stack (${[...known].sort().join(', ') || 'none'})`,
      value: target,
      fix: meant !== undefined
        ? `did you mean "${meant}"? Or add "${target}" with addService, addBackingService or addExternal`
        : `add "${target}" with addService, addBackingService or addExternal, or fix the name`,
    }];
  }
  if (target === name) return [{ prop: `${prop}.talksTo`, rule: 'must not name the service itself', value: target, fix: 'drop it' }];
  const callee = registry.members.get(target);
  if (callee && callee.urlPort === undefined) {
    return [{
      prop: `${prop}.talksTo`,
      rule: `must name a part that listens on a port, but ${callee.method}("${target}") listens on none`,
      value: target,
      fix: 'drop it, or give it the ports it listens on',
    }];
  }
  return [];
}

/** A part waited for must be a workload of the stack that listens on a port: its init container dials it. */
function waitForProblems(registry: StackRegistry, prop: string, name: string, target: string): PropProblem[] {
  const callee = registry.members.get(target);
  if (!callee || target === name) {
    return [{
      prop: `${prop}.waitFor`,
      rule: `must name another workload of the stack (${[...registry.members.keys()].filter(n => n !== name).sort().join(', ') || 'none'})`,
      value: target,
      fix: 'name a service, backing service or job added to the stack, or drop it',
    }];
  }
  if (callee.urlPort === undefined) {
    return [{ prop: `${prop}.waitFor`, rule: `must name a part that listens on a port, but ${callee.method}("${target}") listens on none`, value: target, fix: 'drop it' }];
  }
  return [];
}
