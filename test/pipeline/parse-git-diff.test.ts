import { describe, expect, it } from 'vitest';
import { parseGitDiff } from '../../src/pipeline/parse-git-diff.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const Z = '0'.repeat(40);

function output(raw: string[], patch: string): Buffer {
  return Buffer.from(`${raw.join('\0')}\0\0${patch}`, 'utf8');
}

describe('parseGitDiff', () => {
  it('reads raw records and -U0 hunks in order', () => {
    const out = output(
      [`:100644 100644 ${A} ${B} M`, 'src/a.ts', `:000000 100644 ${Z} ${B} A`, 'new file.ts'],
      [
        'diff --git a/src/a.ts b/src/a.ts',
        `index ${A}..${B} 100644`,
        '--- a/src/a.ts',
        '+++ b/src/a.ts',
        '@@ -2 +2,2 @@ context',
        '-old',
        '+new',
        '+diff --git looks like a header but is content',
        '@@ -10,3 +11,0 @@',
        '-x',
        '-y',
        '-z',
        'diff --git a/new file.ts b/new file.ts',
        'new file mode 100644',
        '--- /dev/null',
        '+++ b/new file.ts',
        '@@ -0,0 +1 @@',
        '+hello',
        '\\ No newline at end of file',
        '',
      ].join('\n'),
    );
    expect(parseGitDiff(out)).toEqual([
      { status: 'modified', path: 'src/a.ts', oldMode: '100644', newMode: '100644', oldOid: A, newOid: B, binary: false, added: [2, 3], removed: [2, 10, 11, 12] },
      { status: 'added', path: 'new file.ts', oldMode: '000000', newMode: '100644', oldOid: Z, newOid: B, binary: false, added: [1], removed: [] },
    ]);
  });

  it('maps renames, binary files, type changes (two sections) and unmerged paths (none)', () => {
    const out = output(
      [`:100644 100644 ${A} ${B} R087`, 'old.ts', 'new.ts', `:100644 100644 ${A} ${B} M`, 'img.png', `:100644 120000 ${A} ${B} T`, 'link', `:000000 000000 ${Z} ${Z} U`, 'conflict.ts', `:100644 100644 ${A} ${B} M`, 'last.ts'],
      [
        'diff --git a/old.ts b/new.ts',
        'similarity index 87%',
        'rename from old.ts',
        'rename to new.ts',
        '@@ -3 +3 @@',
        '-a',
        '+b',
        'diff --git a/img.png b/img.png',
        'Binary files a/img.png and b/img.png differ',
        'diff --git a/link b/link',
        'deleted file mode 100644',
        '@@ -1 +0,0 @@',
        '-x',
        'diff --git a/link b/link',
        'new file mode 120000',
        '@@ -0,0 +1 @@',
        '+target',
        '* Unmerged path conflict.ts',
        'diff --git a/last.ts b/last.ts',
        '@@ -1 +1 @@',
        '-1',
        '+2',
        '',
      ].join('\n'),
    );
    const changes = parseGitDiff(out);
    expect(changes.map((c) => [c.status, c.path, c.oldPath, c.similarity, c.binary, c.added])).toEqual([
      ['renamed', 'new.ts', 'old.ts', 87, false, [3]],
      ['modified', 'img.png', undefined, undefined, true, []],
      ['typechange', 'link', undefined, undefined, false, [1]],
      ['unmerged', 'conflict.ts', undefined, undefined, false, []],
      ['modified', 'last.ts', undefined, undefined, false, [1]],
    ]);
  });

  it('returns nothing for an empty diff and fails loudly on a truncated one', () => {
    expect(parseGitDiff(Buffer.alloc(0))).toEqual([]);
    expect(() => parseGitDiff(Buffer.from(`:100644 100644 ${A} ${B} M\0a.ts\0\0`))).toThrow('malformed git diff output: no patch section for a.ts');
  });
});
