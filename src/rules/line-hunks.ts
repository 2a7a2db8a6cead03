import type { FileFacts } from './context.js';

/** One place the change edited: the old lines it removed and the new lines it put there. */
export interface Hunk {
  removed: number[];
  added: number[];
}

/**
 * The change's hunks, rebuilt from the removed and added line numbers: lines neither removed nor added
 * are the same line on both sides, in order, so walking both texts at once pairs every removal with the
 * additions between the same two unchanged lines.
 */
export function hunksOf(file: Pick<FileFacts, 'addedLines' | 'removedLines' | 'lines' | 'oldLines'>): Hunk[] {
  const removed = new Set(file.removedLines);
  const added = new Set(file.addedLines);
  const oldCount = file.oldLines().length;
  const newCount = file.lines().length;
  const out: Hunk[] = [];
  let current: Hunk = { removed: [], added: [] };
  const flush = (): void => {
    if (current.removed.length > 0 || current.added.length > 0) out.push(current);
    current = { removed: [], added: [] };
  };
  let i = 1;
  let j = 1;
  while (i <= oldCount || j <= newCount) {
    if (i <= oldCount && removed.has(i)) current.removed.push(i++);
    else if (j <= newCount && added.has(j)) current.added.push(j++);
    else {
      flush();
      i++;
      j++;
    }
  }
  flush();
  return out;
}
