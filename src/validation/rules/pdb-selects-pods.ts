import { Rule } from './rule';

/** A PodDisruptionBudget selects the pods of some workload. */
export const pdbSelectsPods: Rule<any> = {
  id: 'pdb-selects-pods',
  check(pdb, { index }) {
    const selector = pdb.spec?.selector?.matchLabels;
    if (index.selectedWorkloads(index.namespaceOf(pdb), selector).length > 0) return [];
    return [`selects no pods of any workload (selector ${JSON.stringify(selector ?? {})}); match the workload's pod labels`];
  },
};
