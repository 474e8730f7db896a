/**
 * The run-time types of the outputs' arguments (see core/prop-types). Not exported from the
 * package; it imports only types from this folder, so the classes can import it.
 */
import { Chart } from 'cdk8s';
import type { SkaffoldOptions } from './skaffold';
import { PropsSpec, required, types as t } from '../core/prop-types';
import { Platform } from '../platform';
import { MicroserviceStack } from '../stack';

/** The stack an output is made of. */
export const STACK = required(t.instance(MicroserviceStack, 'MicroserviceStack', 'pass the application\'s MicroserviceStack'));
/** The stacks of one application, one per platform. */
export const STACKS = required(t.arrayOf(STACK, 'MicroserviceStack values'));
/** A chart that is not a stack. */
export const CHART = required(t.instance(Chart, 'Chart', 'pass the Chart whose manifests need the prerequisites'));
/** The platform a chart runs on. */
export const PLATFORM = t.instance(Platform, 'Platform', 'pass Platform.LOCAL, Platform.AKS, Platform.GKE or a Platform.custom(...)');
/** A file or folder to write. */
export const FILE = required(t.string('dist/shop.md'));
/** Text that kubectl printed. */
export const TEXT = required(t.string('the output of Prerequisites.CHECK_COMMAND'));

export const SKAFFOLD_OPTIONS: PropsSpec<SkaffoldOptions> = {
  types: { manifestsDir: t.string('dist'), localPort: t.number({ example: 8080 }), apiVersion: t.string('skaffold/v4beta11') },
  required: false,
  example: '{ localPort: 8080 }',
};
