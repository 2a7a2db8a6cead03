import type ts from 'typescript';
import type { ChangedFile } from '../pipeline/changed-files.js';
import { parseSource, typescript } from '../pipeline/parse.js';
import { isFunctionNode } from '../rules/ast.js';

export interface ReviewUnit {
  file: string;
  /** Numbered lines shown to the model; `+` marks added lines. */
  text: string;
  /** Lines shown, for checking that a finding points into the change. */
  shown: Set<number>;
  added: number[];
}

const CONTEXT = 3;
const MAX_FUNCTION_LINES = 80;

/** Ranges of lines to show: each run of added lines, widened to its enclosing function when that is small enough. */
function ranges(file: ChangedFile): [number, number][] {
  const lines = file.text.split('\n');
  const added = [...file.added].sort((a, b) => a - b);
  const out: [number, number][] = [];
  let sf: ts.SourceFile | undefined;
  if (file.kind === 'code') sf = parseSource(file.path, file.text);
  const api = sf ? typescript() : undefined;
  const enclosing = (line: number): [number, number] | undefined => {
    if (!sf || !api) return undefined;
    const pos = sf.getPositionOfLineAndCharacter(line - 1, 0);
    let best: [number, number] | undefined;
    // Down the nodes that hold `pos`, with an explicit stack (no recursion on the tree's depth).
    const stack: ts.Node[] = [sf];
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      if (pos < node.pos || pos > node.end) continue;
      if (isFunctionNode(api, node)) {
        const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
        const end = sf.getLineAndCharacterOfPosition(node.end).line + 1;
        if (end - start + 1 <= MAX_FUNCTION_LINES) best = [start, end];
      }
      const children: ts.Node[] = [];
      api.forEachChild(node, (child) => {
        children.push(child);
      });
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
    return best;
  };
  for (const line of added) {
    const fn = enclosing(line);
    const range: [number, number] = fn ?? [Math.max(1, line - CONTEXT), Math.min(lines.length, line + CONTEXT)];
    const last = out[out.length - 1];
    if (last && range[0] <= last[1] + 1) last[1] = Math.max(last[1], range[1]);
    else out.push(range);
  }
  return out;
}

/** The change of one file as the model sees it; `lines` are the file's lines as they may be shown (secrets masked). */
export function reviewUnit(file: ChangedFile, lines: readonly string[] = file.text.split('\n')): ReviewUnit {
  const added = new Set(file.added);
  const shown = new Set<number>();
  const parts: string[] = [`### ${file.path}${file.status === 'added' ? ' (new file)' : ''}`];
  for (const [from, to] of ranges(file)) {
    if (parts.length > 1) parts.push('   ...');
    for (let n = from; n <= to; n++) {
      shown.add(n);
      parts.push(`${added.has(n) ? '+' : ' '}${String(n).padStart(5)} | ${lines[n - 1] ?? ''}`);
    }
  }
  return { file: file.path, text: parts.join('\n'), shown, added: [...added].sort((a, b) => a - b) };
}
