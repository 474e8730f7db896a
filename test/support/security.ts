// The library's own Pod Security checks, so tests and the cross-object checks agree.
export { baselineViolations, restrictedViolations } from '../../src/core/pod-security';
