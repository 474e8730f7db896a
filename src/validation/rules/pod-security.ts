import { Rule } from './rule';
import { levelOfLabel, podSecurityLabel, podSecurityViolations, PodSecurityLevel } from '../../core/pod-security';

/**
 * The annotation a workload carries to say which Pod Security level it keeps to (`baseline`,
 * `privileged`; `restricted` when it is missing), or `exempt` instead of being listed in
 * `podSecurityExempt`.
 */
export const POD_SECURITY_ANNOTATION = 'k8s-course-constructs/pod-security';

/** The namespace label the pod security admission controller enforces. */
const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

/** The pods of a workload manifest. */
export interface WorkloadPod {
  readonly manifest: any;
  readonly pod: any;
}

/**
 * The pods pass the level their workload declares (restricted unless its annotation says
 * otherwise) and the level their namespace enforces, when the manifests hold the namespace;
 * unless the workload is exempted or the check skipped.
 */
export const podSecurity: Rule<WorkloadPod> = {
  id: 'pod-security',
  check({ manifest, pod }, { options, index }) {
    const declared = manifest.metadata?.annotations?.[POD_SECURITY_ANNOTATION];
    const exempt = (options.podSecurityExempt ?? []).includes(manifest.metadata?.name) || declared === 'exempt';
    if (options.skipPodSecurity || exempt) return [];
    const namespace = index.get('Namespace', '', index.namespaceOf(manifest));
    const enforced = levelOfLabel(namespace?.metadata?.labels?.[ENFORCE_LABEL]);
    const own = levelOfLabel(declared) ?? enforced ?? PodSecurityLevel.RESTRICTED;
    const findings: string[] = [];
    const ownProblems = podSecurityViolations(own, pod);
    if (ownProblems.length > 0) {
      findings.push(`breaks ${podSecurityLabel(own)} Pod Security: ${ownProblems.join('; ')}; fix the security context or exempt the workload explicitly`);
    }
    if (enforced !== undefined && enforced !== own) {
      const problems = podSecurityViolations(enforced, pod);
      if (problems.length > 0) {
        findings.push(`breaks the ${podSecurityLabel(enforced)} Pod Security its namespace "${index.namespaceOf(manifest)}" enforces: `
          + `${problems.join('; ')}; relax the namespace's ${ENFORCE_LABEL} label or harden the workload`);
      }
    }
    return findings;
  },
};
