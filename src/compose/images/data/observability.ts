// Search, metrics, logs and traces: Elasticsearch, OpenSearch, Grafana, Prometheus, Jaeger, OpenTelemetry, Zipkin, Loki, Tempo, Seq.
//
// Research notes with citations: each entry cites the image's Dockerfile or documentation in the comment above it
// and in `cite`. GitHub links pin the commit of the file version that was read. Conventions: ../types.ts.

import type { KnownImage } from '../types';

const GH = 'https://github.com';

export const OBSERVABILITY_IMAGES: KnownImage[] = [
  // elasticsearch: groupadd -g 1000 / adduser --uid 1000 --gid 1000, added to group root; USER 1000:0; EXPOSE 9200 9300;
  // bin, config, data, logs, plugins chown elasticsearch and 0775; tini + docker-entrypoint.sh.
  // - GH/elastic/elasticsearch/blob/0729e2cac0970fa2ec1cc438cc2a58ddc1b1c3d4/distribution/docker/src/docker/dockerfiles/default/Dockerfile
  {
    name: 'Elasticsearch',
    match: ['elasticsearch', 'elasticsearch/elasticsearch', 'elastic/elasticsearch'],
    user: {
      uid: 1000,
      gid: 0,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 1000,
      runAsGroup: 0,
      fsGroup: 1000,
      arbitraryUid: true,
      note: 'arbitrary UIDs must keep GID 0 (files are group-root; /etc/passwd is g=u)',
    },
    ports: [
      { port: 9200, protocol: 'TCP', name: 'http' },
      { port: 9300, protocol: 'TCP', name: 'transport' },
    ],
    dataPaths: ['/usr/share/elasticsearch/data'],
    writablePaths: ['/usr/share/elasticsearch/config', '/usr/share/elasticsearch/logs', '/tmp'],
    probe: { tcpPort: 9200, note: 'HTTP checks need credentials when security is on (default in 8.x)' },
    restricted: {
      compatible: false,
      basis: 'source',
      issues: [
        'writes the keystore and (8.x) auto-generated TLS certs and settings into config/: an emptyDir hides the shipped config',
        'production mode (non-loopback bind, no single-node discovery) needs vm.max_map_count >= 262144 on the node',
      ],
      workaround: 'keep the root filesystem writable, or copy config/ into an emptyDir with an init container (ECK does this)',
    },
    stateful: true,
    verified: true,
    notes: ['discovery.type=single-node and xpack.security.* are user configuration: do not add them'],
    cite: [
      `${GH}/elastic/elasticsearch/blob/0729e2cac0970fa2ec1cc438cc2a58ddc1b1c3d4/distribution/docker/src/docker/` +
        'dockerfiles/default/Dockerfile',
    ],
  },


  // opensearch: ARG UID=1000 GID=1000; groupadd/adduser; USER $UID; EXPOSE 9200 9300 9600 9650; data dir chowned.
  // - GH/opensearch-project/opensearch-build/blob/176ece0786e54fbbd091ce4995995acf0f97e25e/docker/release/dockerfiles/opensearch.al2023.dockerfile
  {
    name: 'OpenSearch',
    match: ['opensearchproject/opensearch'],
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
      { port: 9200, protocol: 'TCP', name: 'http' },
      { port: 9300, protocol: 'TCP', name: 'transport' },
      { port: 9600, protocol: 'TCP', name: 'perf-analyzer' },
      { port: 9650, protocol: 'TCP', name: 'perf-rca' },
    ],
    dataPaths: ['/usr/share/opensearch/data'],
    writablePaths: ['/usr/share/opensearch/config', '/usr/share/opensearch/logs', '/tmp'],
    probe: { tcpPort: 9200 },
    requiredEnv: ['OPENSEARCH_INITIAL_ADMIN_PASSWORD'],
    restricted: {
      compatible: false,
      basis: 'unverified',
      issues: [
        'security demo setup writes certificates into config/ at start unless DISABLE_INSTALL_DEMO_CONFIG=true',
        'needs vm.max_map_count >= 262144 on the node in production mode',
      ],
      workaround: 'keep the root filesystem writable, or pre-populate config/ through an init container',
    },
    stateful: true,
    verified: true,
    unverifiedReason: 'OPENSEARCH_INITIAL_ADMIN_PASSWORD requirement (2.12+, unless the demo config is disabled) is from memory',
    cite: [
      `${GH}/opensearch-project/opensearch-build/blob/176ece0786e54fbbd091ce4995995acf0f97e25e/docker/release/` +
        'dockerfiles/opensearch.al2023.dockerfile',
    ],
  },


  // grafana: ARG GF_UID=472 GF_GID=0; GF_PATHS_DATA=/var/lib/grafana, LOGS=/var/log/grafana; EXPOSE 3000; USER 472.
  // - GH/grafana/grafana/blob/main/Dockerfile (read through copies of it; the stored upstream copy was an old fork)
  {
    name: 'Grafana',
    match: ['grafana/grafana', 'grafana/grafana-oss', 'grafana/grafana-enterprise'],
    user: {
      uid: 472,
      gid: 0,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 472,
      runAsGroup: 472,
      fsGroup: 472,
      arbitraryUid: true,
    },
    ports: [{ port: 3000, protocol: 'TCP', name: 'http' }],
    dataPaths: ['/var/lib/grafana'],
    writablePaths: ['/var/log/grafana', '/tmp'],
    probe: { httpGet: { path: '/api/health', port: 3000 } },
    restricted: { compatible: true, basis: 'source', issues: ['plugins installed at start (GF_INSTALL_PLUGINS) go to /var/lib/grafana/plugins'] },
    stateful: true,
    verified: true,
    unverifiedReason: 'grafana/grafana Dockerfile read via verbatim copies, not the upstream file itself',
    cite: [`${GH}/grafana/grafana/blob/main/Dockerfile`],
  },


  // prometheus: busybox base; chown nobody:nobody /etc/prometheus /prometheus; USER nobody (65534); EXPOSE 9090;
  // VOLUME /prometheus.
  // - GH/prometheus/prometheus/blob/main/Dockerfile
  {
    name: 'Prometheus',
    match: ['prom/prometheus', 'prometheus/prometheus'],
    user: {
      uid: 65534,
      gid: 65534,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 65534,
      runAsGroup: 65534,
      fsGroup: 65534,
      arbitraryUid: true,
    },
    ports: [{ port: 9090, protocol: 'TCP', name: 'http' }],
    dataPaths: ['/prometheus'],
    writablePaths: [],
    probe: { httpGet: { path: '/-/ready', port: 9090 } },
    restricted: { compatible: true, basis: 'source' },
    stateful: true,
    verified: true,
    cite: [`${GH}/prometheus/prometheus/blob/main/Dockerfile`],
  },


  // Jaeger v2 (jaegertracing/jaeger): ARG USER_UID=10001; USER ${USER_UID}; VOLUME /tmp; EXPOSE listed below.
  // - GH/jaegertracing/jaeger/blob/2e134ebf45a37d9f894ba400678a013146d09a9c/cmd/jaeger/Dockerfile
  {
    name: 'Jaeger v2',
    match: ['jaegertracing/jaeger'],
    user: {
      uid: 10001,
      gid: 0,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      arbitraryUid: true,
    },
    ports: [
      { port: 16686, protocol: 'TCP', name: 'ui' },
      { port: 4317, protocol: 'TCP', name: 'otlp-grpc' },
      { port: 4318, protocol: 'TCP', name: 'otlp-http' },
      { port: 5778, protocol: 'TCP', name: 'sampling-http' },
      { port: 5779, protocol: 'TCP', name: 'sampling-grpc' },
      { port: 9411, protocol: 'TCP', name: 'zipkin' },
      { port: 14250, protocol: 'TCP', name: 'jaeger-grpc' },
      { port: 14268, protocol: 'TCP', name: 'jaeger-http' },
      { port: 13133, protocol: 'TCP', name: 'health' },
    ],
    dataPaths: [],
    writablePaths: ['/tmp'],
    probe: { tcpPort: 16686, note: 'health extension on 13133 depends on the config in use' },
    restricted: { compatible: true, basis: 'source' },
    stateful: false,
    verified: true,
    cite: [`${GH}/jaegertracing/jaeger/blob/2e134ebf45a37d9f894ba400678a013146d09a9c/cmd/jaeger/Dockerfile`],
  },


  // Jaeger v1 all-in-one: EXPOSE 5775/udp 6831/udp 6832/udp 5778 14268 14250 16686; VOLUME /tmp; in-memory storage.
  // - GH/jaegertracing/jaeger/blob/4cb42638f74b794ef3f489c90a42f5bca0165499/cmd/all-in-one/Dockerfile
  {
    name: 'Jaeger v1 all-in-one',
    match: ['jaegertracing/all-in-one'],
    user: {
      uid: 10001,
      gid: 0,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      arbitraryUid: true,
      note: 'older 1.x images had no USER (root); the binary needs no privileges, so runAsUser 10001 is safe either way',
    },
    ports: [
      { port: 16686, protocol: 'TCP', name: 'ui' },
      { port: 14268, protocol: 'TCP', name: 'jaeger-http' },
      { port: 14250, protocol: 'TCP', name: 'jaeger-grpc' },
      { port: 5778, protocol: 'TCP', name: 'sampling-http' },
      { port: 6831, protocol: 'UDP', name: 'jaeger-compact' },
      { port: 6832, protocol: 'UDP', name: 'jaeger-binary' },
      { port: 5775, protocol: 'UDP', name: 'zipkin-compact', when: 'deprecated agent port' },
      { port: 14269, protocol: 'TCP', name: 'admin' },
      { port: 4317, protocol: 'TCP', name: 'otlp-grpc', when: 'OTLP enabled (default since 1.35)' },
      { port: 4318, protocol: 'TCP', name: 'otlp-http', when: 'OTLP enabled (default since 1.35)' },
      { port: 9411, protocol: 'TCP', name: 'zipkin', when: 'COLLECTOR_ZIPKIN_HOST_PORT=:9411' },
    ],
    dataPaths: [],
    writablePaths: ['/tmp'],
    probe: { httpGet: { path: '/', port: 14269 } },
    restricted: { compatible: true, basis: 'unverified' },
    stateful: false,
    verified: false,
    unverifiedReason: 'stored Dockerfiles show no USER; USER 10001 in late 1.x is from memory; 14269/4317/4318 not in EXPOSE',
    notes: ['Jaeger v1 reached end of life at the end of 2025; prefer jaegertracing/jaeger (v2)'],
    cite: [`${GH}/jaegertracing/jaeger/blob/4cb42638f74b794ef3f489c90a42f5bca0165499/cmd/all-in-one/Dockerfile`],
  },


  // OpenTelemetry Collector (core/contrib/k8s): FROM scratch; USER 10001:10001; EXPOSE 4317 4318 55679.
  // - GH/open-telemetry/opentelemetry-collector-releases/blob/07ac0202df945df487957ec8411aceb83f673b36/distributions/otelcol-contrib/Dockerfile
  {
    name: 'OpenTelemetry Collector',
    match: [
      'otel/opentelemetry-collector', 'otel/opentelemetry-collector-contrib', 'otel/opentelemetry-collector-k8s',
      'open-telemetry/opentelemetry-collector-releases/opentelemetry-collector',
      'open-telemetry/opentelemetry-collector-releases/opentelemetry-collector-contrib',
    ],
    user: {
      uid: 10001,
      gid: 10001,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      arbitraryUid: true,
    },
    ports: [
      { port: 4317, protocol: 'TCP', name: 'otlp-grpc' },
      { port: 4318, protocol: 'TCP', name: 'otlp-http' },
      { port: 55679, protocol: 'TCP', name: 'zpages', when: 'zpages extension enabled' },
      { port: 13133, protocol: 'TCP', name: 'health', when: 'health_check extension enabled' },
      { port: 8888, protocol: 'TCP', name: 'metrics', when: 'internal telemetry on its default address' },
    ],
    dataPaths: [],
    writablePaths: [],
    probe: { httpGet: { path: '/', port: 13133 }, note: 'only with the health_check extension; else tcpPort 4317' },
    restricted: { compatible: true, basis: 'source', issues: ['file_storage / filelog need their own volumes'] },
    stateful: false,
    verified: true,
    cite: [
      `${GH}/open-telemetry/opentelemetry-collector-releases/blob/07ac0202df945df487957ec8411aceb83f673b36/` +
        'distributions/otelcol-contrib/Dockerfile',
    ],
  },


  // zipkin: `adduser -g '' -h /zipkin -D zipkin` (UID not pinned, 1000 on the alpine JRE base); USER zipkin;
  // EXPOSE 9411 (9410 scribe in old images); HEALTHCHECK wget :9411/health.
  // - GH/openzipkin/zipkin/blob/07b4243b9306437bb37524d21db3cbff703dfffe/docker/Dockerfile
  {
    name: 'Zipkin',
    match: ['openzipkin/zipkin', 'openzipkin/zipkin-slim'],
    user: {
      uid: 1000,
      gid: 1000,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      arbitraryUid: true,
    },
    ports: [{ port: 9411, protocol: 'TCP', name: 'http' }],
    dataPaths: [],
    writablePaths: ['/tmp'],
    probe: { httpGet: { path: '/health', port: 9411 } },
    restricted: { compatible: true, basis: 'unverified', issues: ['the JVM writes hsperfdata under /tmp'] },
    stateful: false,
    verified: false,
    unverifiedReason: 'zipkin UID assigned by adduser (1000 in practice), not pinned',
    cite: [`${GH}/openzipkin/zipkin/blob/07b4243b9306437bb37524d21db3cbff703dfffe/docker/Dockerfile`],
  },


  // loki: addgroup -g 10001 / adduser -u 10001 loki; /loki and /etc/loki chowned; USER 10001; EXPOSE 3100.
  // - GH/grafana/loki/blob/0230065a10abdce767a9c3b84a9e43cdf61a1b87/cmd/loki/Dockerfile
  {
    name: 'Grafana Loki',
    match: ['grafana/loki'],
    user: {
      uid: 10001,
      gid: 10001,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      fsGroup: 10001,
    },
    ports: [
      { port: 3100, protocol: 'TCP', name: 'http' },
      { port: 9095, protocol: 'TCP', name: 'grpc', when: 'grpc_listen_port default (the docker config may change it)' },
    ],
    dataPaths: ['/loki'],
    writablePaths: ['/tmp'],
    probe: { httpGet: { path: '/ready', port: 3100 } },
    restricted: { compatible: true, basis: 'source' },
    stateful: true,
    verified: true,
    cite: [`${GH}/grafana/loki/blob/0230065a10abdce767a9c3b84a9e43cdf61a1b87/cmd/loki/Dockerfile`],
  },


  // tempo: addgroup -g 10001 / adduser -u 10001 tempo; /var/tempo chowned; USER 10001:10001; no CMD (needs
  // -config.file); HTTP default 3200 since Tempo 2.0.
  // - GH/grafana/tempo/blob/04b7a5af682257abb84c89a94920b40f12267c26/cmd/tempo/Dockerfile
  {
    name: 'Grafana Tempo',
    match: ['grafana/tempo'],
    user: {
      uid: 10001,
      gid: 10001,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      fsGroup: 10001,
    },
    ports: [
      { port: 3200, protocol: 'TCP', name: 'http' },
      { port: 9095, protocol: 'TCP', name: 'grpc' },
      { port: 4317, protocol: 'TCP', name: 'otlp-grpc', when: 'otlp receiver configured' },
      { port: 4318, protocol: 'TCP', name: 'otlp-http', when: 'otlp receiver configured' },
    ],
    dataPaths: ['/var/tempo'],
    writablePaths: ['/tmp'],
    probe: { httpGet: { path: '/ready', port: 3200 } },
    restricted: { compatible: true, basis: 'source' },
    stateful: true,
    verified: false,
    unverifiedReason: 'UID and /var/tempo read from the Dockerfile; ports are Tempo defaults from memory (no EXPOSE)',
    cite: [`${GH}/grafana/tempo/blob/04b7a5af682257abb84c89a94920b40f12267c26/cmd/tempo/Dockerfile`],
  },


  // seq (datalust/seq): UI/API on 80, ingestion-only on 5341; data in /data; ACCEPT_EULA=Y required. The vendor Helm
  // chart runs it with runAsUser 0 and NET_BIND_SERVICE (helm.datalust.co issue 66).
  // - https://datalust.co/docs/deployment-with-docker
  // - GH/datalust/helm.datalust.co/issues/66
  // - GH/datalust/seq-tickets/issues/903
  {
    name: 'Seq',
    match: ['datalust/seq'],
    user: { uid: 0, gid: 0, startsAsRoot: false, supportsRunAsUser: false, note: 'vendor chart uses runAsUser 0' },
    ports: [
      { port: 80, protocol: 'TCP', name: 'http' },
      { port: 5341, protocol: 'TCP', name: 'ingestion' },
    ],
    dataPaths: ['/data'],
    writablePaths: ['/tmp'],
    requiredEnv: ['ACCEPT_EULA'],
    probe: { tcpPort: 80 },
    restricted: {
      compatible: false,
      basis: 'documented',
      issues: ['runs as root and serves the UI on port 80 (chart adds NET_BIND_SERVICE)'],
    },
    stateful: true,
    verified: true,
    cite: [
      'https://datalust.co/docs/deployment-with-docker',
      `${GH}/datalust/helm.datalust.co/issues/66`,
      `${GH}/datalust/seq-tickets/issues/903`,
    ],
  },
];
