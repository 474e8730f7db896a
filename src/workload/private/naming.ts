/**
 * The names of a ProbedDeployment's objects: after the construct id unless the user names them, so
 * that `kubectl rollout undo deployment/catalog` works as the course writes it; and the synth-time
 * check that no other object of the app takes the same name.
 */
import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { AppIndex } from '../../core/app-registry';
import { PropProblem } from '../../core/errors';
import { dns1035LabelProblem, dns1123LabelProblem } from '../../core/names';

/**
 * The Deployment's name: `metadata.name`, else the construct id when it is a valid name (a
 * DNS-1123 label, as pod names need), else none (cdk8s generates one from the construct path).
 */
export function deploymentName(given: string | undefined, id: string): string | undefined {
  if (given !== undefined) return given;
  return dns1123LabelProblem(id) === undefined ? id : undefined;
}

/**
 * The default name of the Deployment's Service: `serviceName`, else the Deployment's own name or
 * the construct id, whichever first is a valid Service name (a DNS-1035 label).
 */
export function defaultServiceName(serviceName: string | undefined, deployment: string | undefined, id: string): string | undefined {
  if (serviceName !== undefined) return serviceName;
  return [deployment, id].find(n => n !== undefined && dns1035LabelProblem(n) === undefined);
}

/**
 * Another object of the chart with the same kind, namespace and name as `object` (one object to
 * the API server, so one would overwrite the other): a problem naming both construct paths. A
 * chart is one manifest file; charts of one app may go to different clusters (one per platform),
 * so only a chart's own objects are compared.
 */
export function nameClash(owner: IConstruct, object: ApiObject | undefined, prop: string): PropProblem | undefined {
  if (!object) return undefined;
  const chart = Chart.of(object);
  const same = AppIndex.of(owner).findAll(object.kind, object.metadata.namespace, object.name).filter(o => Chart.of(o) === chart);
  if (same.length < 2 || !same.includes(object)) return undefined;
  const others = same.filter(o => o !== object).map(o => o.node.path);
  const namespace = object.metadata.namespace ?? '(the default namespace)';
  return {
    prop,
    rule: `must be unique among the ${object.kind}s of namespace ${namespace}, but ${others.join(', ')} ${others.length > 1 ? 'are' : 'is'} named so too`,
    value: object.name,
    fix: 'name one of them otherwise (metadata.name for the Deployment, serviceName for the Service), or put them in different namespaces',
  };
}
