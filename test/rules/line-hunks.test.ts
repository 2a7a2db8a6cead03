import { describe, expect, it } from 'vitest';
import { hunksOf } from '../../src/rules/line-hunks.js';
import { lineChanges } from '../../src/testing/run-rule.js';

const hunks = (before: string, after: string) => {
  const { added, removed } = lineChanges(before, after);
  return hunksOf({ addedLines: added, removedLines: removed, lines: () => after.split('\n'), oldLines: () => before.split('\n') });
};

describe('hunksOf', () => {
  it('pairs each removal with the additions between the same unchanged lines', () => {
    const before = 'a\nb\nc\nd\ne\n';
    const after = 'a\nB\nc\nd\nE1\nE2\n';
    expect(hunks(before, after)).toEqual([
      { removed: [2], added: [2] },
      { removed: [5], added: [5, 6] },
    ]);
  });

  it('keeps pure insertions and pure deletions as their own hunks', () => {
    expect(hunks('a\nb\nc\n', 'a\nnew\nb\n')).toEqual([
      { removed: [], added: [2] },
      { removed: [3], added: [] },
    ]);
  });
});
