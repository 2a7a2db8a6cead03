import type { FileFacts } from './context.js';

/** A comment for line-oriented rules: from the parser in code files, from comment-only lines elsewhere. */
export interface CommentLike {
  body: string;
  start: number;
  end: number;
  line: number;
}

const LINE_COMMENT = /^(\s*)(#|\/\/|\/\*+|<!--|--|;|\*)\s?(.*?)\s*(?:\*\/|-->)?\s*$/;

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
    const match = LINE_COMMENT.exec(text);
    if (!match) return;
    const start = file.offsetOfLine(line) + match[1]!.length;
    out.push({ body: match[3]!, start, end: file.offsetOfLine(line) + text.length, line });
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
