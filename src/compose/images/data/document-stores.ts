// Databases that keep data outside SQL and key-value stores: CouchDB, Cassandra, InfluxDB.
//
// Research notes with citations: each entry cites the image's Dockerfile or documentation in the comment above it
// and in `cite`. GitHub links pin the commit of the file version that was read. Conventions: ../types.ts.

import type { KnownImage } from '../types';

const GH = 'https://github.com';

export const DOCUMENT_STORE_IMAGES: KnownImage[] = [
  // couchdb (official): groupadd -g 5984 / useradd -u 5984; data and log 777; etc/local.d 0777 "only local.d needs to
  // be writable for the docker_entrypoint.sh"; VOLUME /opt/couchdb/data; EXPOSE 5984 4369 9100.
  // - GH/apache/couchdb-docker/blob/be5f3068985973dc626aeaa979499cbf45927633/3.4.3/Dockerfile
  {
    name: 'Apache CouchDB (official)',
    match: ['couchdb', 'apache/couchdb'],
    user: {
      uid: 5984,
      gid: 5984,
      startsAsRoot: true,
      supportsRunAsUser: true,
      runAsUser: 5984,
      runAsGroup: 5984,
      fsGroup: 5984,
    },
    ports: [
      { port: 5984, protocol: 'TCP', name: 'http' },
      { port: 4369, protocol: 'TCP', name: 'epmd' },
      { port: 9100, protocol: 'TCP', name: 'erlang-dist' },
    ],
    dataPaths: ['/opt/couchdb/data'],
    writablePaths: ['/opt/couchdb/etc/local.d', '/tmp'],
    probe: { httpGet: { path: '/_up', port: 5984 } },
    requiredEnv: ['COUCHDB_USER', 'COUCHDB_PASSWORD'],
    restricted: {
      compatible: true,
      basis: 'unverified',
      issues: ['NODENAME/ERL_FLAGS make the entrypoint edit /opt/couchdb/etc/vm.args (a file, not an emptyDir-able dir)'],
    },
    stateful: true,
    verified: true,
    unverifiedReason: 'entrypoint behaviour (vm.args, docker.ini in local.d) from memory; Dockerfile read',
    cite: [`${GH}/apache/couchdb-docker/blob/be5f3068985973dc626aeaa979499cbf45927633/3.4.3/Dockerfile`],
  },


  // cassandra (official): groupadd --gid=999 / useradd --uid=999; gosu; CASSANDRA_CONF=/etc/cassandra (1777, a+rwX);
  // VOLUME /var/lib/cassandra; EXPOSE 7000 7001 7199 9042 9160. The entrypoint seds cassandra.yaml at start.
  // - GH/docker-library/cassandra/blob/01dffce9d5d205f61733cbffaaf8973cc586219b/5.0/Dockerfile
  {
    name: 'Apache Cassandra (official)',
    match: ['cassandra'],
    user: {
      uid: 999,
      gid: 999,
      startsAsRoot: true,
      supportsRunAsUser: true,
      runAsUser: 999,
      runAsGroup: 999,
      fsGroup: 999,
      arbitraryUid: true,
    },
    ports: [
      { port: 9042, protocol: 'TCP', name: 'cql' },
      { port: 7000, protocol: 'TCP', name: 'intra-node' },
      { port: 7001, protocol: 'TCP', name: 'intra-node-tls' },
      { port: 7199, protocol: 'TCP', name: 'jmx' },
      { port: 9160, protocol: 'TCP', name: 'thrift', when: 'Cassandra < 4.0 (still in EXPOSE)' },
    ],
    dataPaths: ['/var/lib/cassandra'],
    writablePaths: ['/etc/cassandra', '/var/log/cassandra', '/tmp'],
    probe: { tcpPort: 9042 },
    restricted: {
      compatible: false,
      basis: 'source',
      issues: ['entrypoint edits /etc/cassandra/cassandra.yaml in place; an emptyDir there hides the shipped config'],
      workaround: 'keep the root filesystem writable, or copy /etc/cassandra into an emptyDir with an init container',
    },
    stateful: true,
    verified: true,
    cite: [`${GH}/docker-library/cassandra/blob/01dffce9d5d205f61733cbffaaf8973cc586219b/5.0/Dockerfile`],
  },


  // influxdb 2.x (official): groupadd --gid=1000 / useradd --uid=1000 influxdb; gosu; VOLUME /var/lib/influxdb2
  // /etc/influxdb2; EXPOSE 8086.
  // - GH/influxdata/influxdata-docker/blob/046b771067f49927d5434889a0f128b5989681b6/influxdb/2.7/Dockerfile
  {
    name: 'InfluxDB 2 (official)',
    match: ['influxdb'],
    user: {
      uid: 1000,
      gid: 1000,
      startsAsRoot: true,
      supportsRunAsUser: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
    },
    ports: [{ port: 8086, protocol: 'TCP', name: 'http' }],
    dataPaths: ['/var/lib/influxdb2', '/etc/influxdb2'],
    writablePaths: ['/tmp'],
    probe: { httpGet: { path: '/health', port: 8086 } },
    restricted: { compatible: true, basis: 'unverified' },
    stateful: true,
    verified: true,
    notes: ['influxdb:1.x uses /var/lib/influxdb; influxdb:3-core uses a different layout: this entry is for 2.x'],
    cite: [`${GH}/influxdata/influxdata-docker/blob/046b771067f49927d5434889a0f128b5989681b6/influxdb/2.7/Dockerfile`],
  },
];
