import type { FileFacts } from './context.js';

/** A comment for line-oriented rules: from the parser in code files, from comment-only lines elsewhere. */
export interface CommentLike {
  body: string;
  start: number;
  end: number;
  line: number;
}

// Only the opening is a regular expression; the rest is cut by hand: a lazy body followed by
// optional closers and `\s*$` backtracked cubically on long runs of spaces.
const OPENING = /^(\s*)(?:#|\/\/|\/\*+|<!--|--|;|\*)/;

/** The body of a comment after its opening: one space, trailing blanks and a closing `*\/` or `-->` dropped. */
export function commentBody(rest: string, closers: readonly string[] = ['*/', '-->']): string {
  let body = rest.trimEnd();
  for (const closer of closers) {
    if (body.endsWith(closer)) {
      body = body.slice(0, -closer.length).trimEnd();
      break;
    }
  }
  const first = body.charCodeAt(0);
  return first === 32 || first === 9 || (first >= 10 && first <= 13) || (first > 127 && /^\s/.test(body)) ? body.slice(1) : body;
}

/**
 * Comment-only lines of a non-code text file (YAML, shell, Python, CSS...). Markdown and JSON have
 * no comments worth judging, so they yield nothing.
 */
export function textComments(file: FileFacts): CommentLike[] {
  if (file.kind === 'markdown' || file.kind === 'json' || file.kind === 'code') return [];
  const out: CommentLike[] = [];
  file.lines().forEach((text, index) => {
    const line = index + 1;
    if (!file.isAddedLine(line)) return;
    const match = OPENING.exec(text);
    if (!match) return;
    const start = file.offsetOfLine(line) + match[1]!.length;
    out.push({ body: commentBody(text.slice(match[0].length)), start, end: file.offsetOfLine(line) + text.length, line });
  });
  return out;
}

/** Comments on added lines: parsed comments in code, comment-only lines in other text files. */
export function addedComments(file: FileFacts): CommentLike[] {
  if (file.kind !== 'code') return textComments(file);
  return file.comments().filter((c) => {
    for (let l = c.line; l <= c.endLine; l++) if (file.isAddedLine(l)) return true;
    return false;
  });
}
