import { Rule } from './rule';
import { restrictedViolations } from '../../core/pod-security';

/** The annotation a workload can carry instead of being listed in `podSecurityExempt`. */
const POD_SECURITY_ANNOTATION = 'k8s-course-constructs/pod-security';

/** The pods of a workload manifest. */
export interface WorkloadPod {
  readonly manifest: any;
  readonly pod: any;
}

/** The pods pass restricted Pod Security, unless the workload is exempted or the check skipped. */
export const podSecurity: Rule<WorkloadPod> = {
  id: 'pod-security',
  check({ manifest, pod }, { options }) {
    const exempt = (options.podSecurityExempt ?? []).includes(manifest.metadata?.name)
      || manifest.metadata?.annotations?.[POD_SECURITY_ANNOTATION] === 'exempt';
    if (options.skipPodSecurity || exempt) return [];
    const problems = restrictedViolations(pod);
    if (problems.length === 0) return [];
    return [`breaks restricted Pod Security: ${problems.join('; ')}; fix the security context or exempt the workload explicitly`];
  },
};
