import type { FileKind } from '../rules/context.js';
import type { SkippedFile } from '../types.js';
import { classifyContent, linesNotIn, printableText } from './content.js';
import { blobLines, readObjects, type ResolvedDiff } from './diff-source.js';
import { kindOf } from './file-kind.js';
import { isUnsafePath, type ChangeStatus, type RawChange } from './parse-git-diff.js';

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
  /** A file diffwarden could not read as text (binary, too large): only the secret rules see its printable bytes. */
  secretsOnly?: boolean;
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

export { decodeText, looksBinary } from './content.js';

type Side = { kind: 'none' } | { kind: 'missing' } | { kind: 'full'; data: Buffer } | { kind: 'head'; data: Buffer; size: number };

function routeOf(change: RawChange, isIgnored: (path: string) => boolean): SkippedFile | null {
  if (isUnsafePath(change.path) || (change.oldPath !== undefined && isUnsafePath(change.oldPath))) {
    return { file: change.path.split('/').map((s) => (s === '' || s === '.' || s === '..' ? encodeURIComponent(s).replace(/\./g, '%2E') || '%00' : s)).join('/'), reason: 'unreadable', detail: 'invalid path (segments "", "." or ".." that git refuses to check out)' };
  }
  if (isIgnored(change.path)) return { file: change.path, reason: 'ignored' };
  if (change.newMode === SUBMODULE || (change.status === 'deleted' && change.oldMode === SUBMODULE)) return { file: change.path, reason: 'submodule' };
  if (change.newMode === SYMLINK || (change.status === 'deleted' && change.oldMode === SYMLINK)) return { file: change.path, reason: 'symlink' };
  return null;
}

export async function loadChangedFiles(diff: ResolvedDiff, options: LoadOptions): Promise<LoadedChange> {
  const skipped: SkippedFile[] = [];
  const notes: string[] = [];
  const wanted: RawChange[] = [];
  let linesAdded = 0;
  let linesRemoved = 0;

  for (const change of diff.changes) {
    if (change.status === 'unmerged') {
      notes.push(`${change.path} has unresolved merge conflicts and was not analysed.`);
      continue;
    }
    linesAdded += change.added.length;
    linesRemoved += change.removed.length;
    const route = routeOf(change, options.isIgnored);
    if (route) skipped.push(route);
    else wanted.push(change);
  }

  const oids = new Set<string>();
  for (const change of wanted) {
    if (!NULL_OID.test(change.newOid)) oids.add(change.newOid);
    if (!NULL_OID.test(change.oldOid) && change.oldMode !== SYMLINK && change.oldMode !== SUBMODULE) oids.add(change.oldOid);
  }
  const blobs = await readObjects(diff.root, [...oids], options.maxFileBytes);
  const side = (oid: string): Side => {
    if (NULL_OID.test(oid)) return { kind: 'none' };
    const blob = blobs.get(oid);
    if (!blob || blob.kind === 'missing') return { kind: 'missing' };
    return blob.kind === 'ok' ? { kind: 'full', data: blob.data } : { kind: 'head', data: blob.head, size: blob.size };
  };

  const files: ChangedFile[] = [];
  for (const change of wanted) {
    const loaded = await loadOne(diff.root, change, side, options.maxFileBytes);
    if (loaded.skipped) skipped.push(loaded.skipped);
    if (loaded.note) notes.push(loaded.note);
    if (loaded.file) files.push(loaded.file);
    if (loaded.file && !loaded.file.secretsOnly && change.binary) {
      linesAdded += loaded.file.added.length;
      linesRemoved += loaded.file.removed.length;
    }
  }
  return { files, skipped, notes, linesAdded, linesRemoved };
}

interface Loaded {
  file?: ChangedFile;
  skipped?: SkippedFile;
  note?: string;
}

function textOf(s: Side, path: string): string | null {
  if (s.kind !== 'full') return null;
  const content = classifyContent(s.data, path);
  return content.kind === 'text' ? content.text : null;
}

/** One change: text by content, or (binary, too large) a skip plus a secret scan of its printable bytes. */
async function loadOne(root: string, change: RawChange, side: (oid: string) => Side, maxBytes: number): Promise<Loaded> {
  const base = { path: change.path, status: change.status, kind: kindOf(change.path), allAdded: false, ...(change.oldPath !== undefined ? { oldPath: change.oldPath } : {}) };
  const oldSide = change.status === 'added' ? ({ kind: 'none' } as Side) : side(change.oldOid);
  if (change.status === 'deleted') {
    const oldText = textOf(oldSide, change.oldPath ?? change.path);
    if (oldText === null) return { skipped: problem(change.path, oldSide, maxBytes, false) };
    return { file: { ...base, text: '', oldText, added: [], removed: change.removed } };
  }
  const newSide = side(change.newOid);
  if (newSide.kind === 'missing' || newSide.kind === 'none') return { skipped: problem(change.path, newSide, maxBytes, false) };
  const content = newSide.kind === 'full' ? classifyContent(newSide.data, change.path) : ({ kind: 'binary' } as const);
  if (content.kind === 'binary') {
    // Not analysable as text: said so in every output, and its printable bytes still scanned for secrets.
    const text = printableText(newSide.data);
    const oldText = oldSide.kind === 'full' || oldSide.kind === 'head' ? printableText(oldSide.data) : null;
    const added = linesNotIn(text, oldText);
    return { skipped: problem(change.path, newSide, maxBytes, true), file: { ...base, kind: 'text', text, oldText, added, removed: [], secretsOnly: true } };
  }
  const oldText = textOf(oldSide, change.oldPath ?? change.path);
  let { added, removed } = change;
  if (change.binary) {
    // git printed "Binary files differ" (a NUL byte, UTF-16): diffwarden reads it as text, so it needs the lines.
    ({ added, removed } = oldSide.kind === 'none' ? { added: lineNumbers(content.text), removed: [] } : await blobLines(root, change.oldOid, change.newOid));
  }
  const note = !content.valid ? `${change.path} is not valid UTF-8; it was analysed with replacement characters.` : content.encoding !== 'utf-8' ? `${change.path} is ${content.encoding.toUpperCase()}; it was decoded and analysed as text.` : undefined;
  return { file: { ...base, text: content.text, oldText, added, removed }, ...(note ? { note } : {}) };
}

function lineNumbers(text: string): number[] {
  const count = text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  return Array.from({ length: count }, (_, i) => i + 1);
}

function problem(file: string, s: Side, maxBytes: number, scanned: boolean): SkippedFile {
  const also = scanned ? '; its printable text was still scanned for secrets' : '';
  if (s.kind === 'head') return { file, reason: 'too-large', detail: `${s.size} bytes > maxFileBytes ${maxBytes}${scanned ? '; its first maxFileBytes were still scanned for secrets' : ''}` };
  if (s.kind === 'full') return { file, reason: 'binary', ...(also ? { detail: `binary by content${also}` } : {}) };
  return { file, reason: 'unreadable', detail: 'object is missing' };
}
