import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readRegularFile } from '../util/safe-read.js';
import { classifyContent } from './content.js';
import { join } from 'node:path';
import { GitError, UsageError } from '../errors.js';
import { git, gitMaybe, gitSync, readBlobs, type BlobResult } from '../git/run-git.js';
import type { ProjectView } from '../rules/context.js';
import { installedView, isInstalledPath } from './installed.js';
import { isUnsafePath, parseGitDiff, patchLines, type RawChange } from './parse-git-diff.js';

/** What to compare. `staged` = HEAD vs the index; `range` = two commits; `base` = merge-base(ref, HEAD)...HEAD. */
export type DiffTarget = { kind: 'staged' } | { kind: 'range'; range: string } | { kind: 'base'; ref: string };

export interface ResolvedDiff {
  root: string;
  /** For staged changes made while replaying a commit (rebase, cherry-pick): that commit. */
  replaying?: string;
  /** Notes about what was deliberately left out (a merge's clean files). */
  notes: string[];
  mode: 'staged' | 'range';
  /** Human-readable description of what is compared. */
  label: string;
  /** Old side: a commit or tree id. */
  oldRev: string;
  /** New side: a commit id, or null for the index. */
  newRev: string | null;
  changes: RawChange[];
}

const DIFF_FLAGS = [
  // Files over 1 MiB count as binary without being read whole; the loader reads their head itself.
  '-c',
  'core.bigFileThreshold=1m',
  'diff',
  '--patch-with-raw',
  '-z',
  '--no-abbrev',
  '--full-index',
  '-U0',
  '-M',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--no-relative',
  '--ignore-submodules=none',
  '--src-prefix=a/',
  '--dst-prefix=b/',
];

/** The repository's top-level directory; a UsageError when cwd is not inside a work tree. */
export async function repositoryRoot(cwd: string): Promise<string> {
  return (await repository(cwd)).root;
}

/** The work tree's top level and its (per-worktree) git directory. */
export async function repository(cwd: string): Promise<{ root: string; gitDir: string }> {
  if (!existsSync(cwd)) throw new UsageError(`Directory not found: ${cwd}`);
  let out: Buffer;
  try {
    out = await git(cwd, ['rev-parse', '--show-toplevel', '--absolute-git-dir']);
  } catch (error) {
    if (error instanceof GitError && /must be run in a work tree|bare repository/i.test(error.stderr)) {
      throw new UsageError(`${cwd} is inside a bare repository or a .git folder; run diffwarden in a work tree.`);
    }
    throw error;
  }
  const [root = '', gitDir = ''] = out.toString('utf8').replace(/\n$/, '').split('\n');
  return { root, gitDir };
}

/** Paths listed under "# Conflicts:" in MERGE_MSG: the files whose merge needed a human. */
export function conflictedPaths(mergeMsg: string): string[] {
  const lines = mergeMsg.split('\n');
  const start = lines.findIndex((l) => /^#\s*Conflicts:\s*$/.test(l));
  if (start < 0) return [];
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const m = /^#\t(.+)$/.exec(line);
    if (m) out.push(m[1]!);
    else if (line !== '#') break;
  }
  return out;
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function assertRefSyntax(ref: string, where: string): void {
  if (ref.startsWith('-') || /[\0\n\r]/.test(ref)) {
    throw new UsageError(`Invalid revision "${ref}" in ${where}: a revision cannot start with "-" or contain control characters.`);
  }
}

async function commitOf(root: string, ref: string, where: string): Promise<string> {
  assertRefSyntax(ref, where);
  const out = await gitMaybe(root, ['rev-parse', '-q', '--verify', '--end-of-options', `${ref}^{commit}`]);
  if (!out) {
    throw new UsageError(
      `Unknown revision "${ref}" in ${where}. Check it with \`git log -1 ${ref}\`; in CI, fetch it first (actions/checkout with fetch-depth: 0).`,
    );
  }
  return out.toString('utf8').trim();
}

async function emptyTree(root: string): Promise<string> {
  return (await git(root, ['hash-object', '-t', 'tree', '--stdin'], '')).toString('utf8').trim();
}

async function headCommit(root: string): Promise<string | null> {
  const out = await gitMaybe(root, ['rev-parse', '-q', '--verify', 'HEAD^{commit}']);
  return out ? out.toString('utf8').trim() : null;
}

async function mergeBase(root: string, a: string, b: string, where: string): Promise<string> {
  const out = await gitMaybe(root, ['merge-base', a, b]);
  if (!out) {
    const shallow = (await git(root, ['rev-parse', '--is-shallow-repository'])).toString('utf8').trim() === 'true';
    throw new UsageError(
      shallow
        ? `No merge base for ${where}: this clone is shallow. Fetch more history (actions/checkout with fetch-depth: 0, or \`git fetch --unshallow\`).`
        : `No merge base for ${where}: the two histories are unrelated. Use --range A..B to compare them directly.`,
    );
  }
  return out.toString('utf8').trim();
}

async function firstParentOrEmpty(root: string, commit: string): Promise<string> {
  const out = await gitMaybe(root, ['rev-parse', '-q', '--verify', `${commit}^1`]);
  return out ? out.toString('utf8').trim() : emptyTree(root);
}

async function resolveRange(root: string, range: string): Promise<{ oldRev: string; newRev: string; label: string }> {
  const where = `--range ${range}`;
  const three = range.indexOf('...');
  const two = range.indexOf('..');
  if (three >= 0) {
    const newRev = await commitOf(root, range.slice(three + 3) || 'HEAD', where);
    const other = await commitOf(root, range.slice(0, three) || 'HEAD', where);
    return { oldRev: await mergeBase(root, other, newRev, where), newRev, label: range };
  }
  if (two >= 0) {
    const oldRev = await commitOf(root, range.slice(0, two) || 'HEAD', where);
    const newRev = await commitOf(root, range.slice(two + 2) || 'HEAD', where);
    return { oldRev, newRev, label: range };
  }
  if (range === '') throw new UsageError('--range needs a value such as main..HEAD, origin/main...HEAD or a single commit.');
  const newRev = await commitOf(root, range, where);
  return { oldRev: await firstParentOrEmpty(root, newRev), newRev, label: `${range} (one commit)` };
}

/** Resolves the target to two sides and lists what changed between them. */
export async function readDiff(root: string, target: DiffTarget, gitDir?: string): Promise<ResolvedDiff> {
  if (target.kind === 'staged') {
    const head = await headCommit(root);
    const oldRev = head ?? (await emptyTree(root));
    const out = await git(root, [...DIFF_FLAGS, '--cached', '--end-of-options', oldRev]);
    const diff: ResolvedDiff = { root, mode: 'staged', label: head ? 'staged changes' : 'staged changes (initial commit)', oldRev, newRev: null, changes: parseGitDiff(out), notes: [] };
    if (gitDir && existsSync(join(gitDir, 'MERGE_HEAD'))) {
      // Committing a merge: what came from the merged branch was checked there; only the files
      // whose conflicts someone resolved by hand are new work.
      const conflicts = new Set(conflictedPaths(readIfExists(join(gitDir, 'MERGE_MSG')) ?? ''));
      const kept = diff.changes.filter((c) => conflicts.has(c.path));
      diff.notes.push(
        conflicts.size === 0
          ? 'Merge commit without conflicts: its changes come from the merged branch, so nothing new is analysed.'
          : `Merge commit: only the ${kept.length} file${kept.length === 1 ? '' : 's'} with resolved conflicts ${kept.length === 1 ? 'is' : 'are'} analysed.`,
      );
      diff.label = 'staged merge resolution';
      diff.changes = kept;
    }
    const replaying = gitDir ? (readIfExists(join(gitDir, 'REBASE_HEAD')) ?? readIfExists(join(gitDir, 'CHERRY_PICK_HEAD')))?.trim() : undefined;
    if (replaying && /^[0-9a-f]{40,64}$/.test(replaying)) diff.replaying = replaying;
    return diff;
  }
  let sides: { oldRev: string; newRev: string; label: string };
  if (target.kind === 'range') {
    sides = await resolveRange(root, target.range);
  } else {
    const where = `--base ${target.ref}`;
    const base = await commitOf(root, target.ref, where);
    const head = await headCommit(root);
    if (!head) throw new UsageError(`--base ${target.ref}: this repository has no commits yet. Commit first, or check staged changes with \`diffwarden check --staged\`.`);
    sides = { oldRev: await mergeBase(root, base, head, where), newRev: head, label: `${target.ref}...HEAD` };
  }
  const out = await git(root, [...DIFF_FLAGS, '--end-of-options', sides.oldRev, sides.newRev]);
  return { root, mode: 'range', label: sides.label, oldRev: sides.oldRev, newRev: sides.newRev, changes: parseGitDiff(out), notes: [] };
}

/**
 * Added and removed lines between two blobs, diffed as text whatever their bytes (`--text`): for
 * the files git called binary but diffwarden reads as text. Blobs carry no path, so no attribute applies.
 */
export async function blobLines(root: string, oldOid: string, newOid: string): Promise<{ added: number[]; removed: number[] }> {
  const out = await git(root, ['diff', '--text', '-U0', '--no-color', '--no-ext-diff', '--no-textconv', '--end-of-options', oldOid, newOid]);
  return patchLines(out);
}

export function readObjects(root: string, oids: readonly string[], maxBytes: number): Promise<Map<string, BlobResult>> {
  return readBlobs(root, oids, maxBytes);
}

/** The id git gives a blob with this content (sha1, or sha256 in repositories that use it). */
export function blobId(data: Buffer, algorithm: 'sha1' | 'sha256'): string {
  return createHash(algorithm).update(`blob ${data.length}\0`).update(data).digest('hex');
}

/**
 * Files on the new side of the diff: the index for staged changes, else the new commit's tree.
 * Reading a file serves the working-tree copy when its blob id matches the listed one (a hash
 * check, so still exactly the index or commit content) and asks git only otherwise: one
 * `git cat-file` per look-up cost ~10 ms, hashing a file costs microseconds.
 */
/** The largest file the project view reads for rules (package.json, tsconfig, imported modules). */
const PROJECT_READ_BYTES = 4 * 1024 * 1024;

export function gitProjectView(root: string, newRev: string | null): ProjectView {
  let ids: Map<string, string> | undefined;
  let list: string[] | undefined;
  const texts = new Map<string, string | undefined>();
  const dirs = new Map<string, boolean>();
  const load = (): Map<string, string> => {
    if (ids) return ids;
    ids = new Map();
    // ls-files -s: "<mode> <oid> <stage>\t<path>"; ls-tree -r: "<mode> <type> <oid>\t<path>"
    const out = newRev === null ? gitSync(root, ['ls-files', '-s', '-z']) : gitSync(root, ['ls-tree', '-r', '-z', '--end-of-options', newRev]);
    for (const entry of out ? out.toString('utf8').split('\0') : []) {
      const tab = entry.indexOf('\t');
      if (tab < 0) continue;
      const fields = entry.slice(0, tab).split(' ');
      const path = entry.slice(tab + 1);
      // Only regular files: a symbolic link's blob is its target's name, a submodule has no blob.
      if (!fields[0]?.startsWith('100') || isUnsafePath(path)) continue;
      const oid = newRev === null ? fields[1] : fields[2];
      if (oid && (newRev !== null || fields[2] === '0' || !ids.has(path))) ids.set(path, oid);
    }
    return ids;
  };
  const installed = installedView(root);
  const read = (path: string, oid: string): Buffer | null => {
    const disk = readRegularFile(root, path, PROJECT_READ_BYTES, dirs);
    if (disk.kind === 'ok' && blobId(disk.data, oid.length === 64 ? 'sha256' : 'sha1') === oid) return disk.data;
    // Not in the working tree as it is in the index or commit: ask git, within the same limit.
    return gitSync(root, ['cat-file', 'blob', oid], PROJECT_READ_BYTES);
  };
  return {
    files() {
      list ??= [...load().keys()].sort();
      return list;
    },
    exists(path) {
      return load().has(path) || installed.exists(path);
    },
    directoryExists: installed.directoryExists,
    readText(path) {
      if (texts.has(path)) return texts.get(path);
      const oid = load().get(path);
      if (oid === undefined && isInstalledPath(path)) return installed.readText(path);
      const data = oid === undefined ? null : read(path, oid);
      const content = data ? classifyContent(data, path) : undefined;
      const text = content?.kind === 'text' ? content.text : undefined;
      texts.set(path, text);
      return text;
    },
  };
}
