// Web servers, proxies, identity, admin and mail tools: NGINX, httpd, Traefik, Envoy, Keycloak, Adminer, pgAdmin, MailHog, Mailpit.
//
// Research notes with citations: each entry cites the image's Dockerfile or documentation in the comment above it
// and in `cite`. GitHub links pin the commit of the file version that was read. Conventions: ../types.ts.

import type { KnownImage } from '../types';

const GH = 'https://github.com';

export const WEB_IMAGES: KnownImage[] = [
  // nginx (official): nginx user/group 101; no USER (master runs as root, workers as nginx via `user nginx;`);
  // EXPOSE 80; temp paths in /var/cache/nginx, pid in /var/run (/run on newer releases).
  // - GH/nginxinc/docker-nginx/blob/0215f8f7e23edf761913c61534ca8dcac27740df/mainline/debian/Dockerfile
  {
    name: 'NGINX (official)',
    match: ['nginx'],
    user: {
      uid: 0,
      gid: 0,
      startsAsRoot: true,
      supportsRunAsUser: false,
      note: 'master stays root; workers run as nginx (101:101) through the `user nginx;` directive',
    },
    ports: [{ port: 80, protocol: 'TCP', name: 'http' }],
    dataPaths: [],
    writablePaths: ['/var/cache/nginx', '/var/run', '/run', '/tmp'],
    probe: { tcpPort: 80 },
    restricted: {
      compatible: false,
      basis: 'documented',
      issues: [
        'listens on port 80: a non-root process cannot bind it with all capabilities dropped',
        'master writes /var/cache/nginx/*_temp and the pid file; `user` directive needs SETUID/SETGID',
      ],
      workaround: 'use nginxinc/nginx-unprivileged (UID 101, port 8080) with the same config',
    },
    stateful: false,
    verified: true,
    userNames: { nginx: { uid: 101, gid: 101 } },
    cite: [`${GH}/nginxinc/docker-nginx/blob/0215f8f7e23edf761913c61534ca8dcac27740df/mainline/debian/Dockerfile`],
  },


  // nginx-unprivileged: ARG UID=101/GID=101; listen 8080; `user` directive removed; pid /tmp/nginx.pid; *_temp_path
  // in /tmp; /var/cache/nginx and /etc/nginx owned $UID:0 g+w; EXPOSE 8080; USER $UID.
  // - GH/nginxinc/docker-nginx-unprivileged/blob/015ce722a117229a49910a394abeb6563e85018e/mainline/debian/Dockerfile
  {
    name: 'NGINX unprivileged',
    match: ['nginxinc/nginx-unprivileged'],
    user: {
      uid: 101,
      gid: 101,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 101,
      runAsGroup: 101,
      fsGroup: 101,
      arbitraryUid: true,
      note: 'files are owned 101:0 with g+w, so any UID in GID 0 also works',
    },
    ports: [{ port: 8080, protocol: 'TCP', name: 'http' }],
    dataPaths: [],
    writablePaths: ['/tmp', '/var/cache/nginx'],
    probe: { tcpPort: 8080 },
    restricted: {
      compatible: true,
      basis: 'source',
      issues: [
        '/etc/nginx/templates (envsubst) writes /etc/nginx/conf.d: mount an emptyDir there or set NGINX_ENVSUBST_OUTPUT_DIR',
        '10-listen-on-ipv6-by-default.sh skips its edit when default.conf is read-only (logs a notice only)',
      ],
    },
    stateful: false,
    verified: true,
    userNames: { nginx: { uid: 101, gid: 101 } },
    cite: [`${GH}/nginxinc/docker-nginx-unprivileged/blob/015ce722a117229a49910a394abeb6563e85018e/mainline/debian/Dockerfile`],
  },


  // httpd (official): no USER, EXPOSE 80, httpd-foreground removes logs/httpd.pid; workers as `daemon` (Debian UID 1).
  // - GH/docker-library/httpd/blob/master/2.4/Dockerfile (old stored copy read; current layout from memory)
  {
    name: 'Apache httpd (official)',
    match: ['httpd'],
    user: {
      uid: 0,
      gid: 0,
      startsAsRoot: true,
      supportsRunAsUser: false,
      note: 'parent runs as root; children run as User daemon (Debian UID 1; Alpine www-data 82)',
    },
    ports: [{ port: 80, protocol: 'TCP', name: 'http' }],
    dataPaths: [],
    writablePaths: ['/usr/local/apache2/logs', '/tmp'],
    probe: { tcpPort: 80 },
    restricted: {
      compatible: false,
      basis: 'source',
      issues: ['Listen 80 needs root or NET_BIND_SERVICE', 'User/Group directives need SETUID/SETGID'],
      workaround: 'custom httpd.conf with Listen 8080, no User/Group, PidFile under /tmp; or a different image',
    },
    stateful: false,
    verified: false,
    unverifiedReason: 'only an old stored Dockerfile was readable; worker user and pid path from memory',
    userNames: { 'www-data': { uid: 33, gid: 33 }, 'daemon': { uid: 1, gid: 1 } },
    cite: [`${GH}/docker-library/httpd/blob/master/2.4/Dockerfile`],
  },


  // traefik (official): alpine, no USER (root); EXPOSE 80; default entrypoint web on :80; dashboard/api on 8080 when
  // --api.insecure. The Traefik Helm chart runs 65532 non-root with entrypoints on 8000/8443.
  // - GH/traefik/traefik-library-image/blob/039d2d724b144fcba54ba572f3d4aa34ce286a6f/v3.3/alpine/Dockerfile
  {
    name: 'Traefik',
    match: ['traefik', 'traefik/traefik'],
    user: {
      uid: 0,
      gid: 0,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 65532,
      runAsGroup: 65532,
      arbitraryUid: true,
      note: 'works as any UID once no entrypoint listens below 1024',
    },
    ports: [
      { port: 80, protocol: 'TCP', name: 'web' },
      { port: 8080, protocol: 'TCP', name: 'traefik', when: '--api.insecure=true (dashboard)' },
    ],
    dataPaths: [],
    writablePaths: ['/tmp'],
    probe: { tcpPort: 80 },
    restricted: {
      compatible: false,
      basis: 'documented',
      issues: ['default web entrypoint binds :80; ACME storage (acme.json) needs a volume if used'],
      workaround: 'set --entryPoints.web.address=:8000 (and websecure :8443), as the official Helm chart does',
    },
    stateful: false,
    verified: true,
    cite: [`${GH}/traefik/traefik-library-image/blob/039d2d724b144fcba54ba572f3d4aa34ce286a6f/v3.3/alpine/Dockerfile`],
  },


  // envoy: Ubuntu, `adduser --group --system envoy`; docs: "default uid and gid for the envoy user are 101"; starts
  // as root and su-exec's to envoy unless ENVOY_UID=0; EXPOSE 10000; default config admin 9901.
  // - GH/envoyproxy/envoy/blob/019f458bf978aa5559491871896282c9122630a2/ci/Dockerfile-envoy
  // - GH/envoyproxy/envoy/blob/3313680ead6a806c0e5193565dd3fe29baecb337/ci/docker-entrypoint.sh
  // - GH/envoyproxy/envoy/blob/2f8eab658c5bdf0342a6588d83fb2a02a11b534d/docs/root/start/docker.rst
  {
    name: 'Envoy',
    match: ['envoyproxy/envoy'],
    user: {
      uid: 101,
      gid: 101,
      startsAsRoot: true,
      supportsRunAsUser: true,
      runAsUser: 101,
      runAsGroup: 101,
      arbitraryUid: true,
      note: 'ENVOY_UID/ENVOY_GID change the uid the entrypoint switches to; ENVOY_UID=0 means "do not switch"',
    },
    ports: [
      { port: 10000, protocol: 'TCP', name: 'listener', when: 'default /etc/envoy/envoy.yaml' },
      { port: 9901, protocol: 'TCP', name: 'admin', when: 'default /etc/envoy/envoy.yaml' },
    ],
    dataPaths: [],
    writablePaths: [],
    env: [{
      name: 'ENVOY_UID',
      value: '0',
      reason: 'makes the entrypoint exec envoy directly instead of usermod/su-exec, which fail without root',
    }],
    probe: { httpGet: { path: '/ready', port: 9901 } },
    restricted: { compatible: true, basis: 'documented', issues: ['logs to files need a writable volume'] },
    stateful: false,
    verified: true,
    cite: [
      `${GH}/envoyproxy/envoy/blob/019f458bf978aa5559491871896282c9122630a2/ci/Dockerfile-envoy`,
      `${GH}/envoyproxy/envoy/blob/3313680ead6a806c0e5193565dd3fe29baecb337/ci/docker-entrypoint.sh`,
      `${GH}/envoyproxy/envoy/blob/2f8eab658c5bdf0342a6588d83fb2a02a11b534d/docs/root/start/docker.rst`,
    ],
  },


  // envoy-distroless: stage FROM gcr.io/distroless/base-nossl-debian11:nonroot (65532); ENTRYPOINT envoy; EXPOSE 10000.
  // - GH/envoyproxy/envoy/blob/019f458bf978aa5559491871896282c9122630a2/ci/Dockerfile-envoy
  {
    name: 'Envoy (distroless)',
    match: ['envoyproxy/envoy-distroless'],
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
      { port: 10000, protocol: 'TCP', name: 'listener', when: 'default /etc/envoy/envoy.yaml' },
      { port: 9901, protocol: 'TCP', name: 'admin', when: 'default /etc/envoy/envoy.yaml' },
    ],
    dataPaths: [],
    writablePaths: [],
    probe: { httpGet: { path: '/ready', port: 9901 } },
    restricted: { compatible: true, basis: 'source' },
    stateful: false,
    verified: true,
    notes: ['no entrypoint script: ENVOY_UID/ENVOY_GID and loglevel have no effect'],
    cite: [`${GH}/envoyproxy/envoy/blob/019f458bf978aa5559491871896282c9122630a2/ci/Dockerfile-envoy`],
  },


  // keycloak: COPY --chown=1000:0 /opt/keycloak; passwd keycloak:x:1000:0; USER 1000; EXPOSE 8080 8443 (9000 management
  // since 25); ENTRYPOINT kc.sh (needs `start-dev` or `start`).
  // - GH/keycloak/keycloak/blob/1842fa971e242fde72bf973df44f6d5ae84edb2c/quarkus/container/Dockerfile
  {
    name: 'Keycloak',
    match: ['keycloak/keycloak'],
    user: {
      uid: 1000,
      gid: 0,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 1000,
      runAsGroup: 0,
      fsGroup: 1000,
      arbitraryUid: true,
      note: '/opt/keycloak is group 0 g+rwX (OpenShift style)',
    },
    ports: [
      { port: 8080, protocol: 'TCP', name: 'http' },
      { port: 8443, protocol: 'TCP', name: 'https', when: 'TLS configured' },
      { port: 9000, protocol: 'TCP', name: 'management', when: 'Keycloak 25+' },
    ],
    dataPaths: [],
    writablePaths: ['/opt/keycloak/data', '/opt/keycloak/lib/quarkus', '/tmp'],
    probe: { httpGet: { path: '/health/ready', port: 9000 }, note: 'needs KC_HEALTH_ENABLED=true' },
    requiredEnv: ['KC_BOOTSTRAP_ADMIN_USERNAME', 'KC_BOOTSTRAP_ADMIN_PASSWORD'],
    restricted: {
      compatible: false,
      basis: 'unverified',
      issues: [
        '`start`/`start-dev` without --optimized re-augments and writes /opt/keycloak/lib/quarkus',
        'start-dev keeps its H2 database in /opt/keycloak/data',
      ],
      workaround: 'build an optimized image (kc.sh build) and run `start --optimized` with emptyDirs at data and /tmp',
    },
    stateful: false,
    verified: true,
    unverifiedReason: 'stored Dockerfile is a 2022 snapshot; 9000 management port and KC_BOOTSTRAP_* (26+) from memory',
    notes: ['before 26 the admin variables were KEYCLOAK_ADMIN/KEYCLOAK_ADMIN_PASSWORD; jboss/keycloak is NOT covered'],
    cite: [`${GH}/keycloak/keycloak/blob/1842fa971e242fde72bf973df44f6d5ae84edb2c/quarkus/container/Dockerfile`],
  },


  // adminer (official): php:alpine; addgroup -S adminer; adduser -S -G adminer adminer (UID not pinned);
  // USER adminer; CMD php -S [::]:8080; EXPOSE 8080.
  // - GH/TimWolla/docker-adminer/blob/2d081254c79b0367e7bb30a851eaaef699d91253/5/Dockerfile
  {
    name: 'Adminer (official)',
    match: ['adminer'],
    user: {
      uid: 100,
      gid: 101,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 100,
      runAsGroup: 101,
      arbitraryUid: true,
    },
    ports: [{ port: 8080, protocol: 'TCP', name: 'http' }],
    dataPaths: [],
    writablePaths: ['/tmp'],
    probe: { tcpPort: 8080 },
    restricted: {
      compatible: true,
      basis: 'unverified',
      issues: ['PHP sessions go to /tmp; ADMINER_PLUGINS/ADMINER_DESIGN make the entrypoint write /var/www/html'],
    },
    stateful: false,
    verified: false,
    unverifiedReason: 'adduser -S assigns the first free system UID (100) and addgroup -S GID 101 on php:alpine; not pinned',
    cite: [`${GH}/TimWolla/docker-adminer/blob/2d081254c79b0367e7bb30a851eaaef699d91253/5/Dockerfile`],
  },


  // pgAdmin 4: USER pgadmin (UID 5050, group root); listens on 80 by giving python3 CAP_NET_BIND_SERVICE with setcap,
  // so with allowPrivilegeEscalation=false + drop ALL every python3 exec fails ("Operation not permitted").
  // - GH/pgadmin-org/pgadmin4/issues/5653
  // - GH/pgadmin-org/pgadmin4/pull/9950 and GH/pgadmin-org/pgadmin4/pull/9985 (setcap made optional, 2026)
  // - GH/pgadmin-org/pgadmin4/issues/7721
  {
    name: 'pgAdmin 4',
    match: ['dpage/pgadmin4'],
    user: {
      uid: 5050,
      gid: 0,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 5050,
      runAsGroup: 0,
      fsGroup: 5050,
    },
    ports: [
      { port: 80, protocol: 'TCP', name: 'http', when: 'PGADMIN_LISTEN_PORT (default 80)' },
      { port: 443, protocol: 'TCP', name: 'https', when: 'PGADMIN_ENABLE_TLS' },
    ],
    dataPaths: ['/var/lib/pgadmin'],
    writablePaths: ['/pgadmin4', '/tmp'],
    probe: { httpGet: { path: '/misc/ping', port: 80 } },
    requiredEnv: ['PGADMIN_DEFAULT_EMAIL', 'PGADMIN_DEFAULT_PASSWORD'],
    restricted: {
      compatible: false,
      basis: 'documented',
      issues: [
        'python3 carries file capability cap_net_bind_service: exec fails with EPERM under drop ALL + no escalation',
        'entrypoint writes /pgadmin4/config_distro.py and servers.json at start',
      ],
      workaround: 'use a release with optional setcap (pgadmin4 PR 9985) and PGADMIN_LISTEN_PORT=8080, or adminer',
    },
    stateful: true,
    verified: true,
    cite: [
      `${GH}/pgadmin-org/pgadmin4/issues/5653`,
      `${GH}/pgadmin-org/pgadmin4/pull/9950`,
      `${GH}/pgadmin-org/pgadmin4/pull/9985`,
      `${GH}/pgadmin-org/pgadmin4/issues/7721`,
    ],
  },


  // mailhog: adduser -D -u 1000 mailhog; USER mailhog; EXPOSE 1025 8025 (unmaintained since 2020).
  // - GH/mailhog/MailHog/blob/01ce555a236440434fac142892dc2895b0a257fd/Dockerfile
  {
    name: 'MailHog',
    match: ['mailhog/mailhog'],
    user: {
      uid: 1000,
      gid: 1000,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      arbitraryUid: true,
    },
    ports: [
      { port: 1025, protocol: 'TCP', name: 'smtp' },
      { port: 8025, protocol: 'TCP', name: 'http' },
    ],
    dataPaths: [],
    writablePaths: [],
    probe: { tcpPort: 8025 },
    restricted: { compatible: true, basis: 'source' },
    stateful: false,
    verified: true,
    notes: ['unmaintained; axllent/mailpit is the usual replacement'],
    cite: [`${GH}/mailhog/MailHog/blob/01ce555a236440434fac142892dc2895b0a257fd/Dockerfile`],
  },


  // mailpit: alpine, no USER (root), /mailpit chgrp 0 g=u; EXPOSE 1025 1110 8025; HEALTHCHECK /mailpit readyz.
  // - GH/axllent/mailpit/blob/13901cc87f51b7e9c2dcee2a82c21e2303ba0a3c/Dockerfile
  {
    name: 'Mailpit',
    match: ['axllent/mailpit'],
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
      { port: 1025, protocol: 'TCP', name: 'smtp' },
      { port: 8025, protocol: 'TCP', name: 'http' },
      { port: 1110, protocol: 'TCP', name: 'pop3', when: 'POP3 enabled' },
    ],
    dataPaths: [],
    writablePaths: ['/tmp'],
    probe: { exec: ['/mailpit', 'readyz'] },
    restricted: {
      compatible: true,
      basis: 'unverified',
      issues: ['without MP_DATABASE mail is kept in a temporary SQLite file under /tmp; set MP_DATABASE to persist'],
    },
    stateful: false,
    verified: true,
    cite: [`${GH}/axllent/mailpit/blob/13901cc87f51b7e9c2dcee2a82c21e2303ba0a3c/Dockerfile`],
  },
];
