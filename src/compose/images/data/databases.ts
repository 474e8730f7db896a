// Databases and caches that keep data: PostgreSQL, Redis, Valkey, MySQL, MariaDB, MongoDB, SQL Server.
//
// Research notes with citations: each entry cites the image's Dockerfile or documentation in the comment above it
// and in `cite`. GitHub links pin the commit of the file version that was read. Conventions: ../types.ts.

import type { KnownImage } from '../types';

const GH = 'https://github.com';

export const DATABASE_IMAGES: KnownImage[] = [
  // postgres (official). 18+: PGDATA=/var/lib/postgresql/18/docker, VOLUME /var/lib/postgresql; <=17: /var/lib/postgresql/data.
  // Debian: useradd --uid=999; Alpine: adduser -u 70. Entrypoint: gosu step-down, nss_wrapper (mktemp in /tmp) for
  // UIDs missing from /etc/passwd, mkdir/chmod /var/run/postgresql. 18 refuses a mount at /var/lib/postgresql/data.
  // - GH/docker-library/postgres/blob/12eb5762e3cf3c44440ed078b59843b5dfbde570/18/trixie/Dockerfile
  // - GH/docker-library/postgres/blob/03e18d66ddd00497a6a7f8365747fb31386ccba6/17/bookworm/Dockerfile
  // - GH/docker-library/postgres/blob/2c751341b6454412f2048de021a1f185212939de/17/alpine3.22/Dockerfile
  // - GH/docker-library/postgres/blob/c9fa4d7c3234697f0f5abf3f6e2116e28803680d/18/alpine3.21/docker-entrypoint.sh
  // - GH/docker-library/docs/blob/00bf423fd71b6464426b89c2b803945c7d323464/postgres/content.md (PGDATA, --user)
  // - GH/docker-library/postgres/pull/1259 (18+ layout)
  {
    name: 'PostgreSQL (official)',
    match: ['postgres', 'postgis/postgis', 'pgvector/pgvector'],
    user: {
      uid: 999,
      gid: 999,
      startsAsRoot: true,
      supportsRunAsUser: true,
      runAsUser: 999,
      runAsGroup: 999,
      fsGroup: 999,
      arbitraryUid: true,
      note: 'entrypoint fakes a passwd entry with nss_wrapper for unknown UIDs (needs writable /tmp)',
    },
    ports: [{ port: 5432, protocol: 'TCP', name: 'postgres' }],
    dataPaths: ['/var/lib/postgresql'],
    writablePaths: ['/var/run/postgresql', '/tmp'],
    probe: { exec: ['pg_isready', '-h', 'localhost'] },
    requiredEnv: ['POSTGRES_PASSWORD'],
    restricted: {
      compatible: true,
      basis: 'source',
      issues: [
        'POSTGRES_PASSWORD (or POSTGRES_HOST_AUTH_METHOD=trust) is required on first init',
        '/dev/shm is a 64Mi tmpfs in Kubernetes; large parallel queries may need a memory emptyDir there',
      ],
    },
    stateful: true,
    verified: true,
    variants: [
      {
        tagPattern: '(^|[-_])(pg)?(9|1[0-7])([.-]|$)',
        reason: 'PostgreSQL <= 17 keeps PGDATA in /var/lib/postgresql/data (VOLUME); a fresh volume has lost+found',
        dataPaths: ['/var/lib/postgresql/data'],
        env: [{
          name: 'PGDATA',
          value: '/var/lib/postgresql/data/pgdata',
          reason: 'initdb refuses a non-empty directory; lost+found on a fresh volume breaks it',
        }],
      },
      {
        tagPattern: '(^|-)alpine',
        reason: 'Alpine variant uses the Alpine postgres UID/GID 70',
        user: {
          uid: 70,
          gid: 70,
          startsAsRoot: true,
          supportsRunAsUser: true,
          runAsUser: 70,
          runAsGroup: 70,
          fsGroup: 70,
          arbitraryUid: true,
        },
      },
    ],
    notes: [
      'untagged/latest is 18+: mount the volume at /var/lib/postgresql, never at /var/lib/postgresql/data',
      'postgis/postgis and pgvector/pgvector build FROM the official image (same user and paths)',
    ],
    userNames: { postgres: { uid: 999, gid: 999 } },
    cite: [
      `${GH}/docker-library/postgres/blob/12eb5762e3cf3c44440ed078b59843b5dfbde570/18/trixie/Dockerfile`,
      `${GH}/docker-library/postgres/blob/03e18d66ddd00497a6a7f8365747fb31386ccba6/17/bookworm/Dockerfile`,
      `${GH}/docker-library/postgres/blob/2c751341b6454412f2048de021a1f185212939de/17/alpine3.22/Dockerfile`,
      `${GH}/docker-library/postgres/blob/c9fa4d7c3234697f0f5abf3f6e2116e28803680d/18/alpine3.21/docker-entrypoint.sh`,
      `${GH}/docker-library/docs/blob/00bf423fd71b6464426b89c2b803945c7d323464/postgres/content.md`,
      `${GH}/docker-library/postgres/pull/1259`,
    ],
  },


  // bitnami/postgresql: USER 1001, EXPOSE 5432, VOLUME /bitnami/postgresql.
  // - GH/bitnami/containers/blob/0293904cf4e5d8585b9ff3c4032325953be97e76/bitnami/postgresql/17/debian-12/Dockerfile
  {
    name: 'PostgreSQL (Bitnami)',
    match: ['bitnami/postgresql', 'bitnamilegacy/postgresql'],
    user: {
      uid: 1001,
      gid: 0,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 1001,
      runAsGroup: 1001,
      fsGroup: 1001,
      arbitraryUid: true,
      note: 'USER 1001 has no passwd entry, so GID is 0; the Bitnami charts use 1001:1001 with fsGroup 1001',
    },
    ports: [{ port: 5432, protocol: 'TCP', name: 'postgres' }],
    dataPaths: ['/bitnami/postgresql'],
    writablePaths: ['/opt/bitnami/postgresql/conf', '/opt/bitnami/postgresql/tmp', '/opt/bitnami/postgresql/logs', '/tmp'],
    probe: { exec: ['pg_isready', '-h', 'localhost'] },
    requiredEnv: ['POSTGRESQL_PASSWORD'],
    restricted: {
      compatible: false,
      basis: 'unverified',
      issues: ['config is generated under /opt/bitnami/postgresql/conf; an emptyDir there hides the shipped defaults'],
      workaround: 'copy /opt/bitnami/postgresql into the emptyDirs with an init container, as the Bitnami chart does',
    },
    stateful: true,
    verified: true,
    unverifiedReason: 'writable paths come from the Bitnami Helm chart, not from the Dockerfile',
    notes: ['Bitnami stopped publishing free versioned images on Docker Hub in 2025 (moved to bitnamilegacy)'],
    cite: [`${GH}/bitnami/containers/blob/0293904cf4e5d8585b9ff3c4032325953be97e76/bitnami/postgresql/17/debian-12/Dockerfile`],
  },


  // redis (official, now redis/docker-library-redis): groupadd/useradd 999 (alpine: gid 1000, uid 999); WORKDIR /data;
  // EXPOSE 6379; entrypoint drops with setpriv only when uid 0 and SETUID/SETGID caps exist. Redis <=7 had VOLUME /data.
  // - GH/redis/docker-library-redis/blob/0076c90a8028d29b25313f7272fa2d1245c3be76/debian/Dockerfile
  // - GH/redis/docker-library-redis/blob/0d55be9aa67b917c2a45cadabf07518f356443b0/debian/docker-entrypoint.sh
  // - GH/docker-library/repo-info (redis:alpine3.23 history: addgroup -S -g 1000 redis; adduser -S -G redis -u 999)
  {
    name: 'Redis (official)',
    match: ['redis'],
    user: {
      uid: 999,
      gid: 999,
      startsAsRoot: true,
      supportsRunAsUser: true,
      runAsUser: 999,
      runAsGroup: 999,
      fsGroup: 999,
      arbitraryUid: true,
      note: 'non-root start skips the chown/setpriv block; /data must be writable by the UID',
    },
    ports: [{ port: 6379, protocol: 'TCP', name: 'redis' }],
    dataPaths: ['/data'],
    writablePaths: [],
    probe: { exec: ['redis-cli', 'ping'], note: 'with requirepass add -a or use REDISCLI_AUTH' },
    restricted: { compatible: true, basis: 'source' },
    stateful: true,
    verified: true,
    variants: [{
      tagPattern: '(^|-)alpine',
      reason: 'Alpine already has GID 999, so the redis group is 1000',
      user: {
        uid: 999,
        gid: 1000,
        startsAsRoot: true,
        supportsRunAsUser: true,
        runAsUser: 999,
        runAsGroup: 1000,
        fsGroup: 1000,
        arbitraryUid: true,
      },
    }],
    userNames: { redis: { uid: 999, gid: 999 } },
    cite: [
      `${GH}/redis/docker-library-redis/blob/0076c90a8028d29b25313f7272fa2d1245c3be76/debian/Dockerfile`,
      `${GH}/redis/docker-library-redis/blob/0d55be9aa67b917c2a45cadabf07518f356443b0/debian/docker-entrypoint.sh`,
      `${GH}/docker-library/repo-info/tree/master/repos/redis/remote`,
    ],
  },


  // bitnami/redis: USER 1001, EXPOSE 6379.
  // - GH/bitnami/containers/blob/02a6e6c6f970409d653ae613eae034a1ea66e879/bitnami/redis/7.4/debian-12/Dockerfile
  {
    name: 'Redis (Bitnami)',
    match: ['bitnami/redis', 'bitnamilegacy/redis'],
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
    ports: [{ port: 6379, protocol: 'TCP', name: 'redis' }],
    dataPaths: ['/bitnami/redis/data'],
    writablePaths: ['/opt/bitnami/redis/etc', '/opt/bitnami/redis/tmp', '/opt/bitnami/redis/logs', '/tmp'],
    probe: { exec: ['redis-cli', 'ping'] },
    requiredEnv: ['REDIS_PASSWORD'],
    restricted: {
      compatible: false,
      basis: 'unverified',
      issues: ['redis.conf is copied/edited under /opt/bitnami/redis/etc at start; an emptyDir hides the default'],
      workaround: 'init container copying the default etc dir, as the Bitnami chart does',
    },
    stateful: true,
    verified: true,
    unverifiedReason: 'data and writable paths from the Bitnami chart (the 7.4 Dockerfile has no VOLUME line)',
    notes: ['ALLOW_EMPTY_PASSWORD=yes replaces REDIS_PASSWORD for development'],
    cite: [`${GH}/bitnami/containers/blob/02a6e6c6f970409d653ae613eae034a1ea66e879/bitnami/redis/7.4/debian-12/Dockerfile`],
  },


  // valkey (official): groupadd -g 999 / useradd -u 999 (alpine: addgroup -g 1000, adduser -u 999); /data 1777; no VOLUME
  // line in 8.1; entrypoint: setpriv when root, otherwise fails fast if /data is not writable.
  // - GH/valkey-io/valkey-container/blob/00a2b211887fd46775bba37c554167a19783cca4/8.1/debian/Dockerfile
  // - GH/valkey-io/valkey-container/blob/00a2b211887fd46775bba37c554167a19783cca4/8.1/alpine/Dockerfile
  // - GH/valkey-io/valkey-container/blob/2a80026d51102f32b36b249542027cb11223a7f1/docker-entrypoint.sh
  {
    name: 'Valkey',
    match: ['valkey', 'valkey/valkey'],
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
    ports: [{ port: 6379, protocol: 'TCP', name: 'valkey' }],
    dataPaths: ['/data'],
    writablePaths: [],
    probe: { exec: ['valkey-cli', 'ping'] },
    restricted: { compatible: true, basis: 'source', issues: ['entrypoint exits if /data is not writable by the UID'] },
    stateful: true,
    verified: true,
    variants: [{
      tagPattern: '(^|-)alpine',
      reason: 'Alpine variant: valkey group is GID 1000',
      user: {
        uid: 999,
        gid: 1000,
        startsAsRoot: true,
        supportsRunAsUser: true,
        runAsUser: 999,
        runAsGroup: 1000,
        fsGroup: 1000,
        arbitraryUid: true,
      },
    }],
    cite: [
      `${GH}/valkey-io/valkey-container/blob/00a2b211887fd46775bba37c554167a19783cca4/8.1/debian/Dockerfile`,
      `${GH}/valkey-io/valkey-container/blob/00a2b211887fd46775bba37c554167a19783cca4/8.1/alpine/Dockerfile`,
      `${GH}/valkey-io/valkey-container/blob/2a80026d51102f32b36b249542027cb11223a7f1/docker-entrypoint.sh`,
    ],
  },


  // mysql (official, Oracle Linux): groupadd --gid 999 / useradd --uid 999; gosu; /var/lib/mysql and /var/run/mysqld 1777
  // ("writable regardless of the UID"); VOLUME /var/lib/mysql; EXPOSE 3306 33060.
  // - GH/docker-library/mysql/blob/3447d2db9bc3084a226381b97ea852f8f9d96406/8.4/Dockerfile.oracle
  // - https://kubernetes.io/docs/tasks/run-application/run-replicated-stateful-application/ (subPath: mysql)
  {
    name: 'MySQL (official)',
    match: ['mysql'],
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
      { port: 3306, protocol: 'TCP', name: 'mysql' },
      { port: 33060, protocol: 'TCP', name: 'mysqlx' },
    ],
    dataPaths: ['/var/lib/mysql'],
    writablePaths: ['/var/run/mysqld', '/var/lib/mysql-files', '/tmp'],
    volumeSubPath: 'mysql',
    probe: { exec: ['mysqladmin', 'ping', '-h', '127.0.0.1'], note: 'exit 0 whenever the server answers' },
    requiredEnv: ['MYSQL_ROOT_PASSWORD'],
    restricted: {
      compatible: true,
      basis: 'source',
      issues: [
        'one of MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD or MYSQL_RANDOM_ROOT_PASSWORD is required',
        '/var/lib/mysql-files (secure_file_priv) is an empty image dir; an emptyDir there is harmless',
      ],
    },
    stateful: true,
    verified: true,
    notes: ['mysql/mysql-server (Oracle RPM image) is NOT covered: its RPM mysql user is not 999'],
    cite: [
      `${GH}/docker-library/mysql/blob/3447d2db9bc3084a226381b97ea852f8f9d96406/8.4/Dockerfile.oracle`,
      'https://kubernetes.io/docs/tasks/run-application/run-replicated-stateful-application/',
    ],
  },


  // mariadb (official, Ubuntu): groupadd -r mysql && useradd -r (UID not pinned; 999 on ubuntu:noble); UBI variants pin
  // --gid 999 / --uid 999; /run/mysqld 1777; VOLUME /var/lib/mysql; EXPOSE 3306; healthcheck.sh shipped.
  // - GH/MariaDB/mariadb-docker/blob/15e640e948cccd9c05f7149f3d22ef1abd952de5/11.8/Dockerfile
  // - GH/MariaDB/mariadb-docker/blob/main/11.8/healthcheck.sh
  {
    name: 'MariaDB (official)',
    match: ['mariadb'],
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
    ports: [{ port: 3306, protocol: 'TCP', name: 'mysql' }],
    dataPaths: ['/var/lib/mysql'],
    writablePaths: ['/run/mysqld', '/tmp'],
    volumeSubPath: 'mysql',
    probe: { exec: ['healthcheck.sh', '--connect', '--innodb_initialized'] },
    requiredEnv: ['MARIADB_ROOT_PASSWORD'],
    restricted: {
      compatible: true,
      basis: 'source',
      issues: ['one of MARIADB_ROOT_PASSWORD, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD, MARIADB_RANDOM_ROOT_PASSWORD is required'],
    },
    stateful: true,
    verified: false,
    unverifiedReason: 'Ubuntu Dockerfile uses useradd -r without --uid; 999 is what useradd assigns (UBI builds pin 999)',
    cite: [
      `${GH}/MariaDB/mariadb-docker/blob/15e640e948cccd9c05f7149f3d22ef1abd952de5/11.8/Dockerfile`,
      `${GH}/MariaDB/mariadb-docker/blob/main/11.8/healthcheck.sh`,
    ],
  },


  // mongo (official): groupadd --gid 999 / useradd --uid 999 mongodb; gosu; VOLUME /data/db /data/configdb; HOME=/data/db
  // (for --user runs); EXPOSE 27017. mongod creates its unix socket in /tmp.
  // - GH/docker-library/mongo/blob/0223203c85f9e026c05e4f34794f2f5dc719f9b3/8.0/Dockerfile
  {
    name: 'MongoDB (official)',
    match: ['mongo'],
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
    ports: [{ port: 27017, protocol: 'TCP', name: 'mongodb' }],
    dataPaths: ['/data/db', '/data/configdb'],
    writablePaths: ['/tmp'],
    probe: { exec: ['mongosh', '--quiet', '--eval', "db.adminCommand('ping')"], note: 'mongo <= 5 ships `mongo`, not mongosh' },
    restricted: { compatible: true, basis: 'source', issues: ['mongod writes /tmp/mongodb-27017.sock'] },
    stateful: true,
    verified: true,
    notes: ['mongodb/mongodb-community-server (MongoDB Inc.) is NOT covered: not read'],
    cite: [`${GH}/docker-library/mongo/blob/0223203c85f9e026c05e4f34794f2f5dc719f9b3/8.0/Dockerfile`],
  },


  // mssql/server: 2019+ run as user mssql, UID 10001 GID 0 ("SQL Server 2019 will run as non-root by default");
  // port 1433; all state under /var/opt/mssql (data, log, secrets, .system).
  // - GH/microsoft/mssql-docker/blob/master/linux/preview/examples/mssql-server-linux-non-root/Dockerfile-2019
  // - GH/microsoft/mssql-docker/issues/615 (volume permissions; chgrp 0)
  {
    name: 'Microsoft SQL Server',
    match: ['mssql/server'],
    user: {
      uid: 10001,
      gid: 0,
      startsAsRoot: false,
      supportsRunAsUser: true,
      runAsUser: 10001,
      runAsGroup: 0,
      fsGroup: 10001,
    },
    ports: [{ port: 1433, protocol: 'TCP', name: 'mssql' }],
    dataPaths: ['/var/opt/mssql'],
    writablePaths: ['/tmp'],
    requiredEnv: ['ACCEPT_EULA', 'MSSQL_SA_PASSWORD'],
    probe: { tcpPort: 1433, note: 'sqlcmd lives in /opt/mssql-tools18/bin (2022+) or /opt/mssql-tools/bin; path varies by tag' },
    restricted: {
      compatible: false,
      basis: 'unverified',
      issues: [
        'runs as 10001 non-root, but read-only root filesystem and drop ALL are not known to work (not documented)',
        'needs about 2 GiB of memory; SA password must meet the complexity policy',
      ],
      workaround: 'keep readOnlyRootFilesystem off for this container until tested',
    },
    stateful: true,
    verified: false,
    unverifiedReason: 'no product Dockerfile is public; UID 10001/GID 0 from Microsoft example Dockerfile and container logs',
    notes: ['SQL Server 2017 images run as root'],
    cite: [
      `${GH}/microsoft/mssql-docker/blob/master/linux/preview/examples/mssql-server-linux-non-root/Dockerfile-2019`,
      `${GH}/microsoft/mssql-docker/issues/615`,
    ],
  },
];
