// Base images of applications and sidecars: .NET, Node.js, Python, PHP, Consul, Dapr.
//
// Research notes with citations: each entry cites the image's Dockerfile or documentation in the comment above it
// and in `cite`. GitHub links pin the commit of the file version that was read. Conventions: ../types.ts.

import type { KnownImage } from '../types';

const GH = 'https://github.com';

export const RUNTIME_IMAGES: KnownImage[] = [
  // .NET (mcr.microsoft.com/dotnet/aspnet|runtime|runtime-deps): since 8.0 an `app` user with APP_UID=1654 exists and
  // ASPNETCORE_HTTP_PORTS=8080; Debian/Ubuntu/Alpine tags keep root as default user, chiseled/distroless tags set
  // USER $APP_UID. 8.0 previews used UID 64198.
  // - GH/dotnet/dotnet-docker/blob/8eaf5912bcac1b06a070546d096bf90f1aafa222/src/runtime-deps/8.0/jammy-chiseled/amd64/Dockerfile
  // - GH/dotnet/dotnet-docker/blob/main/src/runtime-deps/8.0/bookworm-slim/amd64/Dockerfile
  // - https://devblogs.microsoft.com/dotnet/securing-containers-with-rootless/
  {
    name: '.NET runtime images (aspnet/runtime/runtime-deps)',
    match: ['dotnet/aspnet', 'dotnet/runtime', 'dotnet/runtime-deps', 'dotnet/sdk'],
    user: {
      uid: 0,
      gid: 0,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 1654,
      runAsGroup: 1654,
      fsGroup: 1654,
      arbitraryUid: true,
      note: 'the app user (APP_UID=1654) exists but is not the default USER on Debian/Ubuntu/Alpine tags',
    },
    ports: [{ port: 8080, protocol: 'TCP', name: 'http' }],
    dataPaths: [],
    writablePaths: ['/tmp'],
    restricted: {
      compatible: true,
      basis: 'documented',
      issues: ['the runtime creates diagnostics IPC sockets in /tmp (or set DOTNET_EnableDiagnostics=0)'],
    },
    stateful: false,
    verified: true,
    variants: [
      {
        tagPattern: 'chiseled|distroless',
        reason: 'chiseled/distroless tags run as USER $APP_UID (1654)',
        user: {
          uid: 1654,
          gid: 1654,
          startsAsRoot: false,
          supportsRunAsUser: true,
          runAsUser: 1654,
          runAsGroup: 1654,
          fsGroup: 1654,
          arbitraryUid: true,
        },
      },
      {
        tagPattern: '^[1-7]\\.',
        reason: '.NET 7 and older: no app user, ASPNETCORE_URLS=http://+:80',
        user: { uid: 0, gid: 0, startsAsRoot: false, supportsRunAsUser: true, runAsUser: 1654, runAsGroup: 1654 },
        ports: [{ port: 80, protocol: 'TCP', name: 'http' }],
        userNames: {},
        env: [{ name: 'ASPNETCORE_URLS', value: 'http://+:8080', reason: 'port 80 cannot be bound without root' }],
        restricted: { compatible: true, basis: 'source', issues: ['only after moving the port off 80 with ASPNETCORE_URLS'] },
      },
    ],
    userNames: { app: { uid: 1654, gid: 1654 } },
    cite: [
      `${GH}/dotnet/dotnet-docker/blob/8eaf5912bcac1b06a070546d096bf90f1aafa222/src/runtime-deps/8.0/jammy-chiseled/amd64/Dockerfile`,
      `${GH}/dotnet/dotnet-docker/blob/main/src/runtime-deps/8.0/bookworm-slim/amd64/Dockerfile`,
      'https://devblogs.microsoft.com/dotnet/securing-containers-with-rootless/',
    ],
  },


  // node (official): groupadd --gid 1000 node / useradd --uid 1000 node; no USER (root); CMD node.
  // - GH/docker-library/repo-info (node history: groupadd --gid 1000 node && useradd --uid 1000 --gid node)
  // - GH/nodejs/docker-node/blob/main/docs/BestPractices.md (USER node)
  {
    name: 'Node.js (official)',
    match: ['node'],
    user: {
      uid: 0,
      gid: 0,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
      arbitraryUid: true,
      note: 'a `node` user (1000:1000) exists but the image default is root',
    },
    ports: [],
    dataPaths: [],
    writablePaths: ['/tmp', '/home/node'],
    restricted: {
      compatible: true,
      basis: 'unverified',
      issues: ['npm/yarn at run time write caches under $HOME (/home/node); app-specific writes unknown'],
    },
    stateful: false,
    verified: true,
    notes: ['base image: ports and data come from the application'],
    userNames: { node: { uid: 1000, gid: 1000 } },
    cite: [
      `${GH}/docker-library/repo-info/tree/master/repos/node/remote`,
      `${GH}/nodejs/docker-node/blob/main/docs/BestPractices.md`,
    ],
  },


  // python (official): no non-root user, no USER; base image only.
  // - GH/docker-library/python (Dockerfiles create no user)
  {
    name: 'Python (official)',
    match: ['python'],
    user: {
      uid: 0,
      gid: 0,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
      arbitraryUid: true,
      note: 'no non-root user exists; a numeric UID works but HOME falls back to /',
    },
    ports: [],
    dataPaths: [],
    writablePaths: ['/tmp'],
    env: [{ name: 'HOME', value: '/tmp', reason: 'pip/caches write under $HOME, which is / for an unknown UID' }],
    restricted: { compatible: true, basis: 'unverified', issues: ['app-specific writes unknown'] },
    stateful: false,
    verified: false,
    unverifiedReason: 'python Dockerfiles not re-read this session (known to define no USER)',
    cite: [`${GH}/docker-library/python`],
  },


  // php (official): fpm tags EXPOSE 9000, zz-docker.conf `listen = 9000`, master root + pool user www-data (Debian 33,
  // Alpine 82); apache tags run Apache on 80; cli tags have no port.
  // - GH/docker-library/php/blob/092d7bdebba2a4e204a349280e54a59f78cfc327/8.3/bookworm/fpm/Dockerfile
  {
    name: 'PHP (official)',
    match: ['php'],
    user: {
      uid: 0,
      gid: 0,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 33,
      runAsGroup: 33,
      fsGroup: 33,
      arbitraryUid: true,
      note: 'www-data is 33:33 on Debian tags, 82:82 on Alpine tags',
    },
    ports: [],
    dataPaths: [],
    writablePaths: ['/tmp'],
    restricted: { compatible: true, basis: 'unverified' },
    stateful: false,
    verified: true,
    variants: [
      {
        tagPattern: '(^|-)fpm',
        reason: 'php-fpm: master root, workers www-data; listen = 9000',
        user: {
          uid: 0,
          gid: 0,
          startsAsRoot: true,
          supportsRunAsUser: true,
          runAsUser: 33,
          runAsGroup: 33,
          fsGroup: 33,
          arbitraryUid: true,
          note: 'as non-root the pool `user` directive is ignored with a notice; workers keep the master UID',
        },
        ports: [{ port: 9000, protocol: 'TCP', name: 'fastcgi' }],
        probe: { tcpPort: 9000 },
        restricted: { compatible: true, basis: 'source', issues: ['sessions and uploads default to /tmp'] },
      },
      {
        tagPattern: '(^|-)apache',
        reason: 'php:*-apache runs Apache httpd on port 80',
        user: { uid: 0, gid: 0, startsAsRoot: true, supportsRunAsUser: false, note: 'Apache children run as www-data' },
        ports: [{ port: 80, protocol: 'TCP', name: 'http' }],
        probe: { tcpPort: 80 },
        writablePaths: ['/var/run/apache2', '/var/lock/apache2', '/tmp'],
        restricted: {
          compatible: false,
          basis: 'source',
          issues: ['Listen 80 and User/Group need root capabilities'],
          workaround: 'use an fpm tag behind nginx-unprivileged, or change Listen to 8080',
        },
      },
      {
        tagPattern: '(^|-)alpine',
        reason: 'Alpine: www-data is 82:82',
        user: {
          uid: 0,
          gid: 0,
          startsAsRoot: true,
          supportsRunAsUser: true,
          runAsUser: 82,
          runAsGroup: 82,
          fsGroup: 82,
          arbitraryUid: true,
        },
        userNames: { 'www-data': { uid: 82, gid: 82 } },
      },
    ],
    userNames: { 'www-data': { uid: 33, gid: 33 } },
    cite: [`${GH}/docker-library/php/blob/092d7bdebba2a4e204a349280e54a59f78cfc327/8.3/bookworm/fpm/Dockerfile`],
  },


  // consul: alpine `addgroup consul && adduser -S -G consul consul` (UID 100, GID 1000); su-exec in entrypoint;
  // VOLUME /consul/data; EXPOSE 8300 8301(+udp) 8302(+udp) 8500 8600(+udp); CMD agent -dev -client 0.0.0.0.
  // UBI target pins --uid 100 and USER 100. consul-k8s chart: runAsUser 100, runAsGroup 1000, fsGroup 1000.
  // - GH/hashicorp/consul/blob/03658a093a6e785221f04380a4d86f87e9c0792a/Dockerfile
  {
    name: 'HashiCorp Consul',
    match: ['hashicorp/consul', 'consul'],
    user: {
      uid: 100,
      gid: 1000,
      startsAsRoot: true,
      supportsRunAsUser: true,
      runAsUser: 100,
      runAsGroup: 1000,
      fsGroup: 1000,
    },
    ports: [
      { port: 8500, protocol: 'TCP', name: 'http' },
      { port: 8600, protocol: 'TCP', name: 'dns' },
      { port: 8600, protocol: 'UDP', name: 'dns-udp' },
      { port: 8300, protocol: 'TCP', name: 'server-rpc' },
      { port: 8301, protocol: 'TCP', name: 'serf-lan' },
      { port: 8301, protocol: 'UDP', name: 'serf-lan-udp' },
      { port: 8302, protocol: 'TCP', name: 'serf-wan' },
      { port: 8302, protocol: 'UDP', name: 'serf-wan-udp' },
    ],
    dataPaths: ['/consul/data'],
    writablePaths: [],
    probe: { httpGet: { path: '/v1/status/leader', port: 8500 } },
    restricted: { compatible: true, basis: 'documented', issues: ['default CMD is a -dev agent that keeps state in memory'] },
    stateful: true,
    verified: false,
    unverifiedReason: 'alpine UID is assigned by adduser -S (100); GID 1000 and the chart values seen in a copy of the chart',
    notes: ['the Docker Hub library `consul` image is deprecated; hashicorp/consul is current'],
    cite: [`${GH}/hashicorp/consul/blob/03658a093a6e785221f04380a4d86f87e9c0792a/Dockerfile`],
  },


  // daprd (sidecar): FROM scratch in the stored docker/Dockerfile; later builds use gcr.io/distroless/static:nonroot
  // (65532). The sidecar injector runs daprd with runAsNonRoot and readOnlyRootFilesystem.
  // - GH/dapr/dapr/blob/1ea865225cf3c1aa4361e0192f736213bf287c9d/docker/Dockerfile
  {
    name: 'Dapr sidecar (daprd)',
    match: ['daprio/daprd', 'dapr/daprd'],
    user: {
      uid: 65532,
      gid: 65532,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 65532,
      runAsGroup: 65532,
      arbitraryUid: true,
    },
    ports: [
      { port: 3500, protocol: 'TCP', name: 'dapr-http' },
      { port: 50001, protocol: 'TCP', name: 'dapr-grpc' },
      { port: 50002, protocol: 'TCP', name: 'dapr-internal' },
      { port: 9090, protocol: 'TCP', name: 'metrics' },
    ],
    dataPaths: [],
    writablePaths: [],
    probe: { httpGet: { path: '/v1.0/healthz', port: 3500 } },
    restricted: { compatible: true, basis: 'documented' },
    stateful: false,
    verified: false,
    unverifiedReason: 'USER depends on the build (scratch=root vs distroless nonroot); ports are daprd defaults from memory',
    cite: [`${GH}/dapr/dapr/blob/1ea865225cf3c1aa4361e0192f736213bf287c9d/docker/Dockerfile`],
  },


  // dapr placement: same image build as daprd (binary `placement`).
  // - GH/dapr/dapr/blob/1ea865225cf3c1aa4361e0192f736213bf287c9d/docker/Dockerfile
  {
    name: 'Dapr placement',
    match: ['daprio/placement', 'dapr/placement'],
    user: {
      uid: 65532,
      gid: 65532,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 65532,
      runAsGroup: 65532,
      arbitraryUid: true,
    },
    ports: [
      { port: 50005, protocol: 'TCP', name: 'placement' },
      { port: 8080, protocol: 'TCP', name: 'healthz' },
      { port: 9090, protocol: 'TCP', name: 'metrics' },
      { port: 8201, protocol: 'TCP', name: 'raft', when: 'HA mode' },
    ],
    dataPaths: [],
    writablePaths: [],
    probe: { httpGet: { path: '/healthz', port: 8080 } },
    restricted: { compatible: true, basis: 'unverified' },
    stateful: false,
    verified: false,
    unverifiedReason: 'ports are placement defaults from memory',
    cite: [`${GH}/dapr/dapr/blob/1ea865225cf3c1aa4361e0192f736213bf287c9d/docker/Dockerfile`],
  },
];
