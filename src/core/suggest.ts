/**
 * "Did you mean" for names: the candidate a misspelt name most likely meant.
 */

/**
 * The candidate closest to `word` (case-insensitive, a swap of two neighbouring letters counting
 * as one edit), when it is close enough to be a typo of it: at most 2 edits, or a third of the
 * word's length for long words. Undefined when nothing is that close, or `word` is a candidate.
 */
export function closestName(word: string, candidates: Iterable<string>): string | undefined {
  const target = String(word).toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === word) return undefined;
    const distance = editDistance(target, candidate.toLowerCase());
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.max(2, Math.floor(target.length / 3));
  return best !== undefined && bestDistance <= limit && bestDistance < target.length ? best : undefined;
}

/** ` (did you mean "x"?)` for the closest candidate, or an empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const best = closestName(word, candidates);
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0].push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i].push(d);
    }
  }
  return rows[a.length][b.length];
}
