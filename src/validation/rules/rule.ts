import type { ManifestIndex } from '../manifest-index';
import type { ManifestValidatorOptions } from '../options';

/** What a rule reads besides its subject: the lookups and what is declared external. */
export interface RuleContext {
  readonly index: ManifestIndex;
  readonly options: ManifestValidatorOptions;
}

/**
 * One manifest rule: its stable id (the `rule` of each finding) and a pure check of one subject
 * (an object, a backend, a container, a reference), which says what is wrong: a message per
 * problem, none when the rule holds.
 */
export interface Rule<S> {
  readonly id: string;
  check(subject: S, context: RuleContext): string[];
}
