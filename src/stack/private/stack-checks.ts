import { StackRegistry } from './stack-registry';
import { validationMessage } from '../../core/errors';

const TYPE = 'MicroserviceStack';

/**
 * What the stack checks once every service is added: each `talksTo` names a part of the stack
 * other than the service itself. (Environment variable names are checked by each service's
 * ProbedDeployment, over all of its containers.)
 */
export function stackProblems(registry: StackRegistry): string[] {
  const errors: string[] = [];
  const known = new Set(registry.names());
  for (const svc of registry.services.values()) {
    const prop = `addService("${svc.name}")`;
    for (const target of svc.talksTo) {
      if (!known.has(target)) {
        errors.push(validationMessage(TYPE, {
          prop: `${prop}.talksTo`,
          rule: `must name services of the stack (${[...known].sort().join(', ') || 'none'})`,
          value: target,
          fix: `add "${target}" with addService, addBackingService or addExternal, or fix the name`,
        }));
      }
      if (target === svc.name) {
        errors.push(validationMessage(TYPE, { prop: `${prop}.talksTo`, rule: 'must not name the service itself', value: target, fix: 'drop it' }));
      }
    }
  }
  return errors;
}
