// The library's own restricted Pod Security check, so tests and the cross-object checks agree.
export { restrictedViolations } from '../../src/core/pod-security';
