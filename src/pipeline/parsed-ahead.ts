import type ts from 'typescript';
import type { ChangeView } from '../rules/context.js';

/** At most this many trees wait for their file's turn: a bound on memory, not on correctness. */
const LIMIT = 64;

/**
 * Files parsed before their own turn, because a rule read another file's exports from them. The
 * file's analysis takes the tree instead of parsing the same text again; an audit analyses such
 * files next, so that few trees wait at a time.
 */
export function parsedAhead(change: ChangeView): Map<string, ts.SourceFile> {
  return change.memo('parsed-ahead', () => new Map<string, ts.SourceFile>());
}

export function keepParsed(change: ChangeView, path: string, sf: ts.SourceFile): void {
  const trees = parsedAhead(change);
  if (trees.size >= LIMIT) trees.delete(trees.keys().next().value!);
  trees.set(path, sf);
}

/** The tree parsed ahead for `path`, if it was parsed from exactly `text`. */
export function takeParsed(change: ChangeView, path: string, text: string): ts.SourceFile | undefined {
  const trees = parsedAhead(change);
  const sf = trees.get(path);
  if (sf === undefined) return undefined;
  trees.delete(path);
  return sf.text === text ? sf : undefined;
}
