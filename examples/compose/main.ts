/**
 * Course pattern: from docker-compose to Kubernetes. The shop's compose files (a gateway, three
 * services, a broker, a cache, a database and an NFS volume) become a MicroserviceStack: the
 * gateway routed at `/`, the services with their probes, configuration and secrets, the
 * databases as StatefulSets with their own claims, the NFS export as a PersistentVolume, and
 * NetworkPolicies from depends_on and the host names in the environment. Everything compose says
 * that the stack does not do is printed as a warning with its file, line, service and key.
 *
 * `k8s-course-constructs init -f docker-compose.yml -f docker-compose.override.yml` writes the
 * same stack as TypeScript, for a team that wants to own it instead of the compose file.
 */
import { join } from 'path';
import { App } from 'cdk8s';
import { ComposeImport, MicroserviceStack, Platform, Prerequisites, Warnings } from '../../src';

/** Builds the example's charts into `app` (the example test snapshots this). */
export function build(app: App): MicroserviceStack {
  return ComposeImport.toStack(app, 'eshop', {
    files: [join(__dirname, 'docker-compose.yml'), join(__dirname, 'docker-compose.override.yml')],
    namespace: 'compose',
    platform: Platform.LOCAL,
    // The compose gateway is the single entry: route all traffic to it.
    routes: { webapigw: '/' },
    // Interpolation reads these, not the machine's environment, so every run gives the same YAML.
    variables: { TAG: '1.0.0' },
  });
}

if (require.main === module) {
  const app = new App();
  const stack = build(app);
  app.synth();
  Prerequisites.of(stack).writeBeside(app.outdir);
  // The library keeps its warnings in the construct tree; the app prints them.
  for (const w of Warnings.collect(app)) console.warn(`warning: ${w}`);
}
