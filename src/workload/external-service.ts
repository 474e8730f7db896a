import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { EXTERNAL_SERVICE } from './prop-types';
import { ServiceExposure } from './service-exposure';
import { createService } from './service-factory';
import { propError } from '../core/errors';
import { checkChartNamespace } from '../core/metadata';
import { hostnameProblem, isIpAddress } from '../core/names';
import { checkConstruct } from '../core/prop-types';

const TYPE = 'ExternalService';

/**
 * Props of {@link ExternalService}.
 */
export interface ExternalServiceProps {
  /**
   * The DNS name of the dependency outside the cluster (`orders-db.postgres.database.azure.com`).
   * Must be a host name: ExternalName Services resolve by CNAME and cannot point at an IP.
   */
  readonly externalName: string;

  /**
   * Name of the Service: what pods in the cluster write instead of the external host
   * (`orders-db`). A DNS-1035 label.
   *
   * @default - a name cdk8s generates from the construct path
   */
  readonly name?: string;
}

/**
 * An ExternalName Service: an in-cluster alias for a dependency outside the cluster (a managed
 * database, a SaaS API), so that pods use one stable name and only this object changes when the
 * dependency moves.
 *
 * @example
 * new ExternalService(chart, 'orders-db', {
 *   name: 'orders-db',
 *   externalName: 'orders.postgres.database.azure.com',
 * });
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#externalname
 */
export class ExternalService extends Construct {
  /** The ExternalName Service. */
  public readonly service: kplus.Service;
  /** The external host name. */
  public readonly externalName: string;

  public constructor(scope: Construct, id: string, props: ExternalServiceProps) {
    checkConstruct(scope, id, TYPE, props, EXTERNAL_SERVICE);
    super(scope, id);
    checkChartNamespace(this);
    const problem = hostnameProblem(props.externalName ?? '');
    if (problem) {
      throw propError(this, TYPE, {
        prop: 'externalName',
        rule: problem,
        value: props.externalName,
        fix: isIpAddress(props.externalName ?? '')
          ? 'ExternalName works by CNAME; for an IP use a Service without selector and an EndpointSlice'
          : 'pass the dependency\'s DNS name, such as "orders.postgres.database.azure.com"',
      });
    }
    this.externalName = props.externalName;
    // No selector and no ports: an ExternalName Service is a DNS CNAME and proxies nothing, so
    // clients connect to the external port themselves.
    this.service = createService(this, 'Resource', undefined, ServiceExposure.clusterIp({ ports: [] }), undefined, props.name, TYPE, {
      type: kplus.ServiceType.EXTERNAL_NAME,
      externalName: props.externalName,
    });
  }
}
