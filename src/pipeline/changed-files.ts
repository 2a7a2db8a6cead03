import type { FileKind } from '../rules/context.js';
import type { SkippedFile } from '../types.js';
import { readObjects, type ResolvedDiff } from './diff-source.js';
import { kindOf } from './file-kind.js';
import type { ChangeStatus } from './parse-git-diff.js';

/** One file of the change, ready for the rules. */
export interface ChangedFile {
  path: string;
  oldPath?: string;
  status: ChangeStatus;
  kind: FileKind;
  /** New content; '' for a deleted file. */
  text: string;
  /** Old content; null when the file is new (or in an audit). */
  oldText: string | null;
  /** Sorted added line numbers (new side). Ignored when allAdded. */
  added: number[];
  /** Sorted removed line numbers (old side). */
  removed: number[];
  allAdded: boolean;
}

export interface LoadedChange {
  files: ChangedFile[];
  skipped: SkippedFile[];
  notes: string[];
  linesAdded: number;
  linesRemoved: number;
}

export interface LoadOptions {
  maxFileBytes: number;
  isIgnored: (path: string) => boolean;
}

const SYMLINK = '120000';
const SUBMODULE = '160000';
const NULL_OID = /^0+$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

/** Git's own heuristic: a NUL byte in the first 8000 bytes means binary. */
export function looksBinary(data: Uint8Array): boolean {
  return data.subarray(0, 8000).includes(0);
}

/** Decodes UTF-8; invalid sequences become U+FFFD and the caller is told. */
export function decodeText(data: Uint8Array): { text: string; valid: boolean } {
  try {
    return { text: utf8.decode(data), valid: true };
  } catch {
    return { text: lenient.decode(data), valid: false };
  }
}

export async function loadChangedFiles(diff: ResolvedDiff, options: LoadOptions): Promise<LoadedChange> {
  const skipped: SkippedFile[] = [];
  const notes: string[] = [];
  const wanted: typeof diff.changes = [];
  let linesAdded = 0;
  let linesRemoved = 0;

  for (const change of diff.changes) {
    if (change.status === 'unmerged') {
      notes.push(`${change.path} has unresolved merge conflicts and was not analysed.`);
      continue;
    }
    linesAdded += change.added.length;
    linesRemoved += change.removed.length;
    if (options.isIgnored(change.path)) skipped.push({ file: change.path, reason: 'ignored' });
    else if (change.newMode === SUBMODULE || (change.status === 'deleted' && change.oldMode === SUBMODULE)) skipped.push({ file: change.path, reason: 'submodule' });
    else if (change.newMode === SYMLINK || (change.status === 'deleted' && change.oldMode === SYMLINK)) skipped.push({ file: change.path, reason: 'symlink' });
    else if (change.binary) skipped.push({ file: change.path, reason: 'binary' });
    else wanted.push(change);
  }

  const oids = new Set<string>();
  for (const change of wanted) {
    if (!NULL_OID.test(change.newOid)) oids.add(change.newOid);
    if (!NULL_OID.test(change.oldOid) && change.oldMode !== SYMLINK && change.oldMode !== SUBMODULE) oids.add(change.oldOid);
  }
  const blobs = await readObjects(diff.root, [...oids], options.maxFileBytes);

  const files: ChangedFile[] = [];
  for (const change of wanted) {
    const read = (oid: string): { text: string | null; problem?: SkippedFile } => {
      if (NULL_OID.test(oid)) return { text: null };
      const blob = blobs.get(oid);
      if (!blob || blob.kind === 'missing') return { text: null, problem: { file: change.path, reason: 'unreadable', detail: `object ${oid} is missing` } };
      if (blob.kind === 'too-large') return { text: null, problem: { file: change.path, reason: 'too-large', detail: `${blob.size} bytes > maxFileBytes ${options.maxFileBytes}` } };
      if (looksBinary(blob.data)) return { text: null, problem: { file: change.path, reason: 'binary' } };
      const { text, valid } = decodeText(blob.data);
      if (!valid) notes.push(`${change.path} is not valid UTF-8; it was analysed with replacement characters.`);
      return { text };
    };
    const isDeleted = change.status === 'deleted';
    const newSide = isDeleted ? { text: '' } : read(change.newOid);
    if (newSide.problem) {
      skipped.push(newSide.problem);
      continue;
    }
    const oldSide = change.status === 'added' ? { text: null } : read(change.oldOid);
    if (isDeleted && oldSide.problem) {
      skipped.push(oldSide.problem);
      continue;
    }
    const file: ChangedFile = {
      path: change.path,
      status: change.status,
      kind: kindOf(change.path),
      text: newSide.text ?? '',
      oldText: oldSide.problem ? null : oldSide.text,
      added: change.added,
      removed: change.removed,
      allAdded: false,
    };
    if (change.oldPath !== undefined) file.oldPath = change.oldPath;
    files.push(file);
  }
  return { files, skipped, notes, linesAdded, linesRemoved };
}
