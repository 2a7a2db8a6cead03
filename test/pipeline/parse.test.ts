import { describe, expect, it } from 'vitest';
import { inRanges, parseSource, scanTrivia } from '../../src/pipeline/parse.js';

function comments(path: string, code: string) {
  return scanTrivia(parseSource(path, code)).comments.map((c) => [c.line, c.kind, c.body]);
}

describe('scanTrivia', () => {
  it('finds line, block and JSDoc comments everywhere, including empty blocks and JSX', () => {
    const code = [
      '/** Adds. */',
      'export function add(a: number /* left */, b: number): number {',
      '  try { return a + b; } catch { /* ignore */ }',
      '  // trailing',
      '}',
      'const el = <div>{/* jsx */}<p>// text, not a comment</p></div>;',
      '// end of file',
    ].join('\n');
    expect(comments('a.tsx', code)).toEqual([
      [1, 'block', 'Adds.'],
      [2, 'block', 'left'],
      [3, 'block', 'ignore'],
      [4, 'line', 'trailing'],
      [6, 'block', 'jsx'],
      [7, 'line', 'end of file'],
    ]);
  });

  it('never mistakes strings, templates or regular expressions for comments', () => {
    const code = [
      "const url = 'https://example.com/path';",
      'const re = /\\/\\/ not a comment/g;',
      'const t = `/* not ${1 /* real */} either */`;',
      'const d = 4 / 2 / 1; // real',
    ].join('\n');
    expect(comments('a.ts', code)).toEqual([
      [3, 'block', 'real'],
      [4, 'line', 'real'],
    ]);
  });

  it('knows which offsets are inside literals', () => {
    const code = "const a = 'x'; const b = `y${a}z`;";
    const { literals } = scanTrivia(parseSource('a.ts', code));
    expect([code.indexOf("'x'"), code.indexOf('`y'), code.indexOf('z`'), code.indexOf('const b')].map((o) => inRanges(literals, o))).toEqual([true, true, true, false]);
  });
});
