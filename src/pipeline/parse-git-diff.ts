/*
 * Parses `git diff --patch-with-raw -z --no-abbrev -U0` output. The raw part is NUL-separated
 * (git-diff(1), "Raw output format"):
 *
 *   :100644 100644 <old-oid> <new-oid> M\0src/a.ts\0
 *   :100644 100644 <old-oid> <new-oid> R087\0old name.ts\0new name.ts\0
 *   \0                                              (one empty record ends the raw part)
 *
 * followed by the text patch, one `diff --git` section per record in the same order, except that a
 * type change (T, file -> symlink) is printed as a deletion section plus an addition section and an
 * unmerged path (U) as a `* Unmerged path` line. With -U0 every hunk header
 * `@@ -a[,b] +c[,d] @@` lists exactly the removed lines a..a+b-1 and the added lines c..c+d-1.
 */

export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'typechange' | 'unmerged';

export interface RawChange {
  status: ChangeStatus;
  /** Path on the new side (the old path for deletions). */
  path: string;
  /** Path on the old side when it differs (renames, copies). */
  oldPath?: string;
  oldMode: string;
  newMode: string;
  oldOid: string;
  newOid: string;
  similarity?: number;
  binary: boolean;
  /** 1-based line numbers on the new side that were added. */
  added: number[];
  /** 1-based line numbers on the old side that were removed. */
  removed: number[];
}

const STATUS: Record<string, ChangeStatus> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  T: 'typechange',
  U: 'unmerged',
};

interface Section {
  binary: boolean;
  added: number[];
  removed: number[];
}

export function parseGitDiff(output: Buffer): RawChange[] {
  const changes: RawChange[] = [];
  let pos = 0;
  const readField = (): string => {
    const end = output.indexOf(0, pos);
    if (end < 0) throw new Error(`malformed git diff output: unterminated field at byte ${pos}`);
    const field = output.toString('utf8', pos, end);
    pos = end + 1;
    return field;
  };

  while (pos < output.length && output[pos] === 0x3a /* ':' */) {
    const header = readField().slice(1).split(' ');
    const [oldMode = '', newMode = '', oldOid = '', newOid = '', statusField = ''] = header;
    const letter = statusField.charAt(0);
    const status = STATUS[letter];
    if (!status) throw new Error(`malformed git diff output: unknown status "${statusField}"`);
    const first = readField();
    const change: RawChange = { status, path: first, oldMode, newMode, oldOid, newOid, binary: false, added: [], removed: [] };
    if (status === 'renamed' || status === 'copied') {
      change.oldPath = first;
      change.path = readField();
      change.similarity = Number(statusField.slice(1));
    }
    changes.push(change);
  }
  if (pos < output.length && output[pos] === 0) pos++;

  const sections = parseSections(output.toString('latin1', pos));
  let next = 0;
  for (const change of changes) {
    if (change.status === 'unmerged') continue;
    const section = change.status === 'typechange' ? (next++, sections[next++]) : sections[next++];
    if (!section) throw new Error(`malformed git diff output: no patch section for ${change.path}`);
    change.binary = section.binary;
    change.added = section.added;
    change.removed = section.removed;
  }
  return changes;
}

/** Added and removed line numbers of a `git diff -U0` patch between two blobs (one section). */
export function patchLines(output: Buffer): { added: number[]; removed: number[] } {
  const [section] = parseSections(output.toString('latin1'));
  return { added: section?.added ?? [], removed: section?.removed ?? [] };
}

/**
 * A path git printed that could leave the repository or name it (segments `..`, `.`, empty, a
 * leading `/`): git refuses to check such a tree entry out, but a crafted commit can hold one.
 */
export function isUnsafePath(path: string): boolean {
  return path.split('/').some((segment) => segment === '' || segment === '.' || segment === '..');
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

function parseSections(patch: string): Section[] {
  const sections: Section[] = [];
  let current: Section | null = null;
  let inHunk = false;
  let start = 0;
  while (start < patch.length) {
    let end = patch.indexOf('\n', start);
    if (end < 0) end = patch.length;
    const line = patch.slice(start, end);
    start = end + 1;
    if (line.startsWith('diff --git ')) {
      current = { binary: false, added: [], removed: [] };
      sections.push(current);
      inHunk = false;
      continue;
    }
    if (!current) continue;
    const first = line.charCodeAt(0);
    // Inside a hunk, '+', '-', ' ' and '\' start content lines, so only '@' can start a header.
    if (inHunk && first !== 0x40 /* @ */) continue;
    const hunk = HUNK.exec(line);
    if (hunk) {
      inHunk = true;
      const oldStart = Number(hunk[1]);
      const oldCount = hunk[2] === undefined ? 1 : Number(hunk[2]);
      const newStart = Number(hunk[3]);
      const newCount = hunk[4] === undefined ? 1 : Number(hunk[4]);
      for (let i = 0; i < oldCount; i++) current.removed.push(oldStart + i);
      for (let i = 0; i < newCount; i++) current.added.push(newStart + i);
      continue;
    }
    if (!inHunk && (line.startsWith('Binary files ') || line === 'GIT binary patch')) current.binary = true;
  }
  return sections;
}
