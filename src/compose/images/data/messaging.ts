// Brokers, coordination and object storage: RabbitMQ, Kafka, ZooKeeper, NATS, Memcached, MinIO, Azurite.
//
// Research notes with citations: each entry cites the image's Dockerfile or documentation in the comment above it
// and in `cite`. GitHub links pin the commit of the file version that was read. Conventions: ../types.ts.

import type { KnownImage } from '../types';

const GH = 'https://github.com';

export const MESSAGING_IMAGES: KnownImage[] = [
  // rabbitmq (official): Ubuntu groupadd --gid 999 / useradd --uid 999; Alpine addgroup -g 101 / adduser -u 100; gosu;
  // RABBITMQ_DATA_DIR=/var/lib/rabbitmq = HOME (Erlang cookie) = VOLUME; /etc/rabbitmq, /tmp/rabbitmq-ssl,
  // /var/log/rabbitmq 1777; EXPOSE 4369 5671 5672 15691 15692 25672; -management adds EXPOSE 15671 15672.
  // - GH/docker-library/rabbitmq/blob/00309be9729cd54aa525c35ac924fa026ee5e8a2/4.1/ubuntu/Dockerfile
  // - GH/docker-library/rabbitmq/blob/02f754e4cf04553c800942f765926f21ccdb2a9f/4.1/ubuntu/management/Dockerfile
  // - GH/docker-library/repo-info (rabbitmq alpine history: addgroup -g 101 -S rabbitmq; adduser -u 100 -S)
  {
    name: 'RabbitMQ (official)',
    match: ['rabbitmq'],
    user: {
      uid: 999,
      gid: 999,
      startsAsRoot: true,
      supportsRunAsUser: true,
      runAsUser: 999,
      runAsGroup: 999,
      fsGroup: 999,
      arbitraryUid: true,
      note: 'HOME=/var/lib/rabbitmq so any UID finds the Erlang cookie in the data volume',
    },
    ports: [
      { port: 5672, protocol: 'TCP', name: 'amqp' },
      { port: 5671, protocol: 'TCP', name: 'amqps', when: 'TLS configured' },
      { port: 4369, protocol: 'TCP', name: 'epmd' },
      { port: 25672, protocol: 'TCP', name: 'erlang-dist' },
      { port: 15692, protocol: 'TCP', name: 'prometheus' },
      { port: 15691, protocol: 'TCP', name: 'prometheus-tls', when: 'TLS configured' },
    ],
    dataPaths: ['/var/lib/rabbitmq'],
    writablePaths: ['/var/log/rabbitmq', '/tmp'],
    probe: { exec: ['rabbitmq-diagnostics', '-q', 'ping'] },
    restricted: {
      compatible: true,
      basis: 'unverified',
      issues: ['rabbitmq-plugins enable at run time writes /etc/rabbitmq/enabled_plugins (enable plugins at build time)'],
    },
    stateful: true,
    verified: true,
    variants: [
      {
        tagPattern: '(^|-)management',
        reason: 'management tags enable rabbitmq_management and EXPOSE 15671 15672',
        addPorts: [
          { port: 15672, protocol: 'TCP', name: 'management' },
          { port: 15671, protocol: 'TCP', name: 'management-tls', when: 'TLS configured' },
        ],
      },
      {
        tagPattern: '(^|-)alpine',
        reason: 'Alpine variant: rabbitmq is UID 100, GID 101',
        user: {
          uid: 100,
          gid: 101,
          startsAsRoot: true,
          supportsRunAsUser: true,
          runAsUser: 100,
          runAsGroup: 101,
          fsGroup: 101,
          arbitraryUid: true,
        },
      },
    ],
    notes: ['a StatefulSet needs a stable hostname: the node name rabbit@<hostname> is stored in the data dir'],
    cite: [
      `${GH}/docker-library/rabbitmq/blob/00309be9729cd54aa525c35ac924fa026ee5e8a2/4.1/ubuntu/Dockerfile`,
      `${GH}/docker-library/rabbitmq/blob/02f754e4cf04553c800942f765926f21ccdb2a9f/4.1/ubuntu/management/Dockerfile`,
      `${GH}/docker-library/repo-info/tree/master/repos/rabbitmq/remote`,
    ],
  },


  // apache/kafka: alpine `adduser -h /home/appuser -D appuser` (UID not pinned: 1000); USER appuser; EXPOSE 9092;
  // VOLUME /etc/kafka/secrets /var/lib/kafka/data /mnt/shared/config; configure requires /opt/kafka/config writable
  // and copies log4j/server.properties there from /etc/kafka/docker.
  // - GH/apache/kafka/blob/120d52df7d4a1e7eaf90e4e069b9c49c27e3d0de/docker/jvm/Dockerfile
  // - GH/apache/kafka/blob/070305685295c4104e47a64d49b2b7b22368e4e0/docker/resources/common-scripts/configure
  {
    name: 'Apache Kafka (apache/kafka)',
    match: ['apache/kafka'],
    user: {
      uid: 1000,
      gid: 1000,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
    },
    ports: [
      { port: 9092, protocol: 'TCP', name: 'kafka' },
      { port: 9093, protocol: 'TCP', name: 'controller', when: 'default KRaft combined config' },
    ],
    dataPaths: ['/var/lib/kafka/data'],
    writablePaths: ['/opt/kafka/config', '/opt/kafka/logs', '/tmp'],
    env: [{
      name: 'KAFKA_LOG_DIRS',
      value: '/var/lib/kafka/data',
      reason: 'the bundled KRaft server.properties keeps logs in /tmp/kraft-combined-logs, not in the volume',
    }],
    probe: { tcpPort: 9092 },
    restricted: {
      compatible: true,
      basis: 'unverified',
      issues: ['configure exits if /opt/kafka/config is not writable; an emptyDir is fine (it copies what it needs)'],
    },
    stateful: true,
    verified: false,
    unverifiedReason: 'appuser UID is assigned by adduser (1000 on the temurin alpine base), not pinned; KAFKA_LOG_DIRS default from memory',
    cite: [
      `${GH}/apache/kafka/blob/120d52df7d4a1e7eaf90e4e069b9c49c27e3d0de/docker/jvm/Dockerfile`,
      `${GH}/apache/kafka/blob/070305685295c4104e47a64d49b2b7b22368e4e0/docker/resources/common-scripts/configure`,
    ],
  },


  // confluentinc/cp-kafka: USER appuser; EXPOSE 9092; VOLUME /var/lib/kafka/data /etc/kafka/secrets; /etc/kafka,
  // /var/log/kafka chown appuser:root ug+w (the run script renders kafka.properties into /etc/kafka).
  // - GH/confluentinc/kafka-images/blob/04fffe0680d60cc1b615219d71e419ccef7eb947/kafka/Dockerfile.ubi9
  {
    name: 'Confluent Kafka (cp-kafka)',
    match: ['confluentinc/cp-kafka'],
    user: {
      uid: 1000,
      gid: 1000,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
      arbitraryUid: true,
      note: 'dirs are appuser:root g+w, so GID 0 with any UID also works',
    },
    ports: [{ port: 9092, protocol: 'TCP', name: 'kafka' }],
    dataPaths: ['/var/lib/kafka/data'],
    writablePaths: ['/etc/kafka', '/var/log/kafka', '/tmp'],
    probe: { tcpPort: 9092 },
    restricted: {
      compatible: true,
      basis: 'unverified',
      issues: ['an emptyDir at /etc/kafka hides shipped sample configs; the run script renders the ones it uses'],
    },
    stateful: true,
    verified: false,
    unverifiedReason: 'appuser UID comes from the confluentinc/common-docker base (useradd without --uid; 1000)',
    cite: [`${GH}/confluentinc/kafka-images/blob/04fffe0680d60cc1b615219d71e419ccef7eb947/kafka/Dockerfile.ubi9`],
  },


  // bitnami/kafka: USER 1001; EXPOSE 9092.
  // - GH/bitnami/containers/blob/03e48181f563bb8869b47d8a40508a56486096a5/bitnami/kafka/3.9/debian-12/Dockerfile
  {
    name: 'Kafka (Bitnami)',
    match: ['bitnami/kafka', 'bitnamilegacy/kafka'],
    user: {
      uid: 1001,
      gid: 0,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 1001,
      runAsGroup: 1001,
      fsGroup: 1001,
      arbitraryUid: true,
    },
    ports: [{ port: 9092, protocol: 'TCP', name: 'kafka' }],
    dataPaths: ['/bitnami/kafka'],
    writablePaths: ['/opt/bitnami/kafka/config', '/opt/bitnami/kafka/logs', '/tmp'],
    probe: { tcpPort: 9092 },
    restricted: {
      compatible: false,
      basis: 'unverified',
      issues: ['server.properties is edited in /opt/bitnami/kafka/config; an emptyDir hides the defaults'],
      workaround: 'init container copying the config dir, as the Bitnami chart does',
    },
    stateful: true,
    verified: true,
    unverifiedReason: 'data/writable paths from the Bitnami chart (no VOLUME line in the 3.9 Dockerfile)',
    cite: [`${GH}/bitnami/containers/blob/03e48181f563bb8869b47d8a40508a56486096a5/bitnami/kafka/3.9/debian-12/Dockerfile`],
  },


  // zookeeper (official, 31z4/zookeeper-docker): groupadd --gid=1000 / useradd --uid=1000; gosu; VOLUME /data /datalog
  // /logs; EXPOSE 2181 2888 3888 8080; entrypoint writes $ZOO_CONF_DIR/zoo.cfg if absent and $ZOO_DATA_DIR/myid.
  // - GH/31z4/zookeeper-docker/blob/17bab0d161a64b968b29b39a434d27c62e53e34d/3.9.3/Dockerfile
  // - GH/31z4/zookeeper-docker/blob/1f3422846b2ed58039ec8222823251115f223091/3.9.3/docker-entrypoint.sh
  {
    name: 'Apache ZooKeeper (official)',
    match: ['zookeeper'],
    user: {
      uid: 1000,
      gid: 1000,
      startsAsRoot: true,
      supportsRunAsUser: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
    },
    ports: [
      { port: 2181, protocol: 'TCP', name: 'client' },
      { port: 2888, protocol: 'TCP', name: 'follower' },
      { port: 3888, protocol: 'TCP', name: 'election' },
      { port: 8080, protocol: 'TCP', name: 'admin', when: 'ZOO_ADMINSERVER_ENABLED=true (default)' },
    ],
    dataPaths: ['/data', '/datalog'],
    writablePaths: ['/conf', '/logs', '/tmp'],
    probe: { tcpPort: 2181 },
    restricted: {
      compatible: true,
      basis: 'source',
      issues: ['zoo.cfg is generated into /conf; an emptyDir there hides the shipped logback.xml (falls back to default logging)'],
    },
    stateful: true,
    verified: true,
    cite: [
      `${GH}/31z4/zookeeper-docker/blob/17bab0d161a64b968b29b39a434d27c62e53e34d/3.9.3/Dockerfile`,
      `${GH}/31z4/zookeeper-docker/blob/1f3422846b2ed58039ec8222823251115f223091/3.9.3/docker-entrypoint.sh`,
    ],
  },


  // nats (official): FROM scratch, no USER (root, needs nothing); EXPOSE 4222 8222 6222; --config nats-server.conf.
  // - GH/nats-io/nats-docker/blob/030935a2771a1de30456f3c5b16c1366e37e6448/2.11.x/scratch/Dockerfile
  {
    name: 'NATS (official)',
    match: ['nats'],
    user: {
      uid: 0,
      gid: 0,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
      arbitraryUid: true,
    },
    ports: [
      { port: 4222, protocol: 'TCP', name: 'client' },
      { port: 6222, protocol: 'TCP', name: 'cluster' },
      { port: 8222, protocol: 'TCP', name: 'monitor' },
    ],
    dataPaths: [],
    writablePaths: ['/tmp'],
    probe: { httpGet: { path: '/healthz', port: 8222 } },
    restricted: {
      compatible: true,
      basis: 'source',
      issues: ['JetStream (-js) stores under /tmp/nats/jetstream unless store_dir is set: give it a volume'],
    },
    stateful: false,
    verified: true,
    cite: [`${GH}/nats-io/nats-docker/blob/030935a2771a1de30456f3c5b16c1366e37e6448/2.11.x/scratch/Dockerfile`],
  },


  // memcached (official): groupadd --gid 11211 / useradd --uid 11211 memcache; USER memcache; EXPOSE 11211; no VOLUME.
  // - GH/docker-library/memcached/blob/0215dbaa543d98b7e54eee9162906d31fcb8677e/1/debian/Dockerfile
  {
    name: 'Memcached (official)',
    match: ['memcached'],
    user: {
      uid: 11211,
      gid: 11211,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 11211,
      runAsGroup: 11211,
      arbitraryUid: true,
    },
    ports: [{ port: 11211, protocol: 'TCP', name: 'memcached' }],
    dataPaths: [],
    writablePaths: [],
    probe: { tcpPort: 11211 },
    restricted: { compatible: true, basis: 'source' },
    stateful: false,
    verified: true,
    cite: [`${GH}/docker-library/memcached/blob/0215dbaa543d98b7e54eee9162906d31fcb8677e/1/debian/Dockerfile`],
  },


  // minio: no USER (root); EXPOSE 9000; VOLUME /data; console on --console-address (9001 by convention);
  // creates ${HOME}/.minio/certs at start and dies on a read-only root (issue 14763: mount an emptyDir at /.minio).
  // - GH/minio/minio/blob/0031b1205fe3af70a9d80465736fae5ed0ac9003/Dockerfile.release
  // - GH/minio/minio/issues/14763
  {
    name: 'MinIO',
    match: ['minio/minio'],
    user: {
      uid: 0,
      gid: 0,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
      arbitraryUid: true,
      note: 'image runs as root but needs no privileges; any UID that can write /data works',
    },
    ports: [
      { port: 9000, protocol: 'TCP', name: 'api' },
      { port: 9001, protocol: 'TCP', name: 'console', when: 'started with --console-address :9001' },
    ],
    dataPaths: ['/data'],
    writablePaths: ['/.minio', '/tmp'],
    probe: { httpGet: { path: '/minio/health/live', port: 9000 } },
    restricted: {
      compatible: true,
      basis: 'documented',
      issues: ['HOME is / for a UID without a passwd entry; minio mkdirs $HOME/.minio/certs and fails on a read-only root'],
      workaround: 'emptyDir at /.minio (or pass --certs-dir to a writable path)',
    },
    stateful: true,
    verified: true,
    notes: ['bitnami/minio is NOT covered (UID 1001, /bitnami/minio/data)', 'MinIO stopped publishing community images in 2025'],
    cite: [
      `${GH}/minio/minio/blob/0031b1205fe3af70a9d80465736fae5ed0ac9003/Dockerfile.release`,
      `${GH}/minio/minio/issues/14763`,
    ],
  },


  // azurite: alpine, no USER (root); VOLUME /data; EXPOSE 10000 10001 10002; CMD azurite -l /data --*Host 0.0.0.0.
  // - GH/Azure/Azurite/blob/01c172b910f800ae051363afdbe86c6d9c7000f3/Dockerfile
  {
    name: 'Azurite',
    match: ['azure-storage/azurite'],
    user: {
      uid: 0,
      gid: 0,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
      arbitraryUid: true,
    },
    ports: [
      { port: 10000, protocol: 'TCP', name: 'blob' },
      { port: 10001, protocol: 'TCP', name: 'queue' },
      { port: 10002, protocol: 'TCP', name: 'table' },
    ],
    dataPaths: ['/data'],
    writablePaths: ['/tmp'],
    probe: { tcpPort: 10000 },
    restricted: { compatible: true, basis: 'unverified', issues: ['runs as root by default but writes only /data'] },
    stateful: true,
    verified: true,
    cite: [`${GH}/Azure/Azurite/blob/01c172b910f800ae051363afdbe86c6d9c7000f3/Dockerfile`],
  },
];
