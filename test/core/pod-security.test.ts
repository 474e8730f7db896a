import {
  baselineViolations, containerSecurityContext, containerSecurityProblems, finishSecurityContext, levelOfLabel, podSecurityLabel,
  podSecurityViolations, PodSecurityLevel, restrictedViolations, weakestLevel,
} from '../../src/core/pod-security';

describe('Pod Security levels', () => {
  test('a restricted container runs as the .NET app user, non-root, read-only, with every capability dropped', () => {
    expect(containerSecurityContext({})).toEqual({
      ensureNonRoot: true,
      user: 1654,
      group: 1654,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('a restricted container takes its user, group, filesystem and NET_BIND_SERVICE from the options', () => {
    const ctx = containerSecurityContext({ runAsUser: 1000, readOnlyRootFilesystem: false, addCapabilities: ['cap_net_bind_service'] });
    expect(ctx).toMatchObject({ user: 1000, group: 1000, readOnlyRootFilesystem: false, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } });
  });

  test('a baseline container keeps the image\'s user, a writable root filesystem and the runtime\'s capabilities', () => {
    const ctx = containerSecurityContext({ podSecurity: PodSecurityLevel.BASELINE, addCapabilities: ['CHOWN'] });
    expect(ctx).toEqual({
      ensureNonRoot: false,
      user: undefined,
      group: undefined,
      readOnlyRootFilesystem: false,
      privileged: false,
      capabilities: { add: ['CHOWN'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('a privileged container runs privileged and unconfined only when asked', () => {
    const privileged = containerSecurityContext({ podSecurity: PodSecurityLevel.PRIVILEGED, privileged: true });
    expect(privileged).toMatchObject({ privileged: true, seccompProfile: undefined });
    expect(containerSecurityContext({ podSecurity: PodSecurityLevel.PRIVILEGED })).toMatchObject({ privileged: false, seccompProfile: { type: 'RuntimeDefault' } });
  });

  test('finishing a weaker level leaves runAsNonRoot and allowPrivilegeEscalation to the image and the runtime', () => {
    const rendered = { runAsNonRoot: false, allowPrivilegeEscalation: false, privileged: false };
    expect(finishSecurityContext(PodSecurityLevel.BASELINE, { ...rendered })).toEqual({ privileged: false });
    const asked = finishSecurityContext(PodSecurityLevel.BASELINE, { ...rendered }, { allowPrivilegeEscalation: false });
    expect(asked).toEqual({ allowPrivilegeEscalation: false, privileged: false });
    expect(finishSecurityContext(PodSecurityLevel.RESTRICTED, { ...rendered })).toEqual(rendered);
  });

  test('the weakest level is what a namespace running them all must allow', () => {
    expect(weakestLevel([])).toBe(PodSecurityLevel.RESTRICTED);
    expect(weakestLevel([PodSecurityLevel.RESTRICTED, PodSecurityLevel.BASELINE])).toBe(PodSecurityLevel.BASELINE);
    expect(weakestLevel([PodSecurityLevel.PRIVILEGED, PodSecurityLevel.BASELINE])).toBe(PodSecurityLevel.PRIVILEGED);
    expect(podSecurityLabel(PodSecurityLevel.BASELINE)).toBe('baseline');
    expect(levelOfLabel('privileged')).toBe(PodSecurityLevel.PRIVILEGED);
    expect(levelOfLabel('exempt')).toBeUndefined();
  });
});

describe('Pod Security checks of options', () => {
  test.each([
    [{ addCapabilities: ['CHOWN'] }, 'addCapabilities', 'needs PodSecurityLevel.BASELINE'],
    [{ podSecurity: PodSecurityLevel.BASELINE, addCapabilities: ['NET_ADMIN'] }, 'addCapabilities', 'needs PodSecurityLevel.PRIVILEGED'],
    [{ podSecurity: PodSecurityLevel.BASELINE, privileged: true }, 'privileged', 'needs PodSecurityLevel.PRIVILEGED'],
    [{ runAsUser: 0 }, 'runAsUser', 'must not be 0'],
    [{ runAsGroup: -1 }, 'runAsGroup', 'must be a numeric id'],
    [{ addCapabilities: ['FLY'] }, 'addCapabilities', 'must name Linux capabilities'],
  ])('%j breaks %s', (options, prop, rule) => {
    const [problem] = containerSecurityProblems(options, 'addService("web")');
    expect(problem.prop).toBe(`addService("web").${prop}`);
    expect(problem.rule).toContain(rule);
    expect(problem.fix).toBeTruthy();
  });

  test('the baseline list and NET_BIND_SERVICE under restricted are allowed', () => {
    expect(containerSecurityProblems({ addCapabilities: ['NET_BIND_SERVICE'] }, '')).toEqual([]);
    expect(containerSecurityProblems({ podSecurity: PodSecurityLevel.BASELINE, addCapabilities: ['CHOWN', 'SETUID', 'SETGID'] }, '')).toEqual([]);
    expect(containerSecurityProblems({ podSecurity: PodSecurityLevel.PRIVILEGED, privileged: true, addCapabilities: ['SYS_ADMIN'] }, '')).toEqual([]);
  });
});

describe('Pod Security Standards over pod specs', () => {
  const baselinePod = { containers: [{ name: 'web', securityContext: { capabilities: { add: ['CHOWN'] }, seccompProfile: { type: 'RuntimeDefault' } } }] };

  test('a baseline pod passes baseline and not restricted', () => {
    expect(baselineViolations(baselinePod)).toEqual([]);
    expect(restrictedViolations(baselinePod)).toContain('container "web" adds capabilities CHOWN');
    expect(podSecurityViolations(PodSecurityLevel.PRIVILEGED, baselinePod)).toEqual([]);
  });

  test('baseline refuses privileged containers, host access, unsafe sysctls and capabilities beyond its list', () => {
    const pod = {
      hostNetwork: true,
      securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '1' }, { name: 'net.ipv4.tcp_syncookies', value: '1' }] },
      volumes: [{ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }],
      containers: [{ name: 'app', ports: [{ containerPort: 80, hostPort: 80 }], securityContext: { privileged: true, capabilities: { add: ['NET_ADMIN'] }, procMount: 'Unmasked' } }],
    };
    expect(baselineViolations(pod)).toEqual([
      'volume "docker" is a hostPath',
      'the pod uses host namespaces',
      'container "app" is privileged',
      'container "app" adds capabilities NET_ADMIN',
      'container "app" uses hostPort 80',
      'the pod sets unsafe sysctls kernel.msgmax',
      'container "app" sets procMount Unmasked',
    ]);
  });
});
