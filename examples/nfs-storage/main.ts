/**
 * Course pattern: persistent storage on an NFS server. The course keeps uploads on a VM with a
 * data disk that exports /srv/nfs/uploads to the cluster's private network (10.0.1.15). One
 * service writes uploads; another serves them read-only. Both run as non-root and can use the
 * export because it belongs to GID 2000 (see "Preparing the NFS export" in the README).
 */
import { App, Chart, Size } from 'cdk8s';
import { HealthChecks, NfsVolume, Prerequisites, ProbedDeployment, ServiceExposure } from '../../src';

/** Builds the example's charts into `app` (the example test snapshots this). */
export function build(app: App): Chart {
  const chart = new Chart(app, 'nfs-storage', { namespace: 'nfs-storage' });
  const healthChecks = HealthChecks.aspNetCore();

  // A PersistentVolume on the export and its claim, pre-bound to each other, retained when the
  // claim is deleted. Names are fixed so that operators find them with kubectl.
  const uploads = new NfsVolume(chart, 'uploads', {
    server: '10.0.1.15',
    path: '/srv/nfs/uploads',
    capacity: Size.gibibytes(20),
    persistentVolumeName: 'course-uploads',
    claimName: 'uploads',
    groupId: 2000,
  });

  // The writer: stores uploaded files under /app/uploads.
  const uploadApi = new ProbedDeployment(chart, 'upload-api', {
    image: 'eshop/upload-api:1.0.0',
    healthChecks,
    env: { Storage__UploadsPath: '/app/uploads' },
    exposure: ServiceExposure.clusterIp(),
    serviceName: 'upload-api',
  });
  uploads.mount(uploadApi, '/app/uploads');

  // The reader: serves the same files, and cannot change them.
  const gallery = new ProbedDeployment(chart, 'gallery', {
    image: 'eshop/gallery:1.0.0',
    healthChecks,
    env: { Gallery__ImagesPath: '/app/images' },
    exposure: ServiceExposure.clusterIp(),
    serviceName: 'gallery',
  });
  uploads.mount(gallery, '/app/images', { readOnly: true });
  return chart;
}

if (require.main === module) {
  const app = new App();
  const chart = build(app);
  app.synth();
  // What the chart needs from the cluster, beside its YAML.
  Prerequisites.ofChart(chart).writeBeside(app.outdir);
}
