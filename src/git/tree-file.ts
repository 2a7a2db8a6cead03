import { gitMaybe, readBlobs } from './run-git.js';

export type CommittedFile = { kind: 'ok'; data: Buffer } | { kind: 'missing' } | { kind: 'symlink' } | { kind: 'not-a-file' } | { kind: 'too-large'; size: number };

/**
 * One file as committed at `rev`, by its tree entry: a symlink (mode 120000) or a submodule is
 * reported as such and never followed, and nothing larger than `maxBytes` is read.
 */
export async function readCommittedFile(root: string, rev: string, path: string, maxBytes: number): Promise<CommittedFile> {
  const listing = await gitMaybe(root, ['ls-tree', '-z', '--full-tree', '--end-of-options', rev, '--', path]);
  const entry = listing?.toString('utf8').split('\0').find((e) => e.slice(e.indexOf('\t') + 1) === path);
  if (!entry) return { kind: 'missing' };
  const [mode, type, oid] = entry.slice(0, entry.indexOf('\t')).split(' ');
  if (mode === '120000') return { kind: 'symlink' };
  if (type !== 'blob' || !oid) return { kind: 'not-a-file' };
  const blob = (await readBlobs(root, [oid], maxBytes)).get(oid);
  if (!blob || blob.kind === 'missing') return { kind: 'missing' };
  return blob;
}
