import { describe, expect, it } from 'vitest';
import { findComments, inLiteral, parseSource } from '../../src/pipeline/parse.js';

function comments(path: string, code: string) {
  return findComments(parseSource(path, code)).map((c) => [c.line, c.kind, c.body]);
}

describe('findComments', () => {
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
    const sf = parseSource('a.ts', code);
    expect([code.indexOf("'x'"), code.indexOf('`y'), code.indexOf('z`'), code.indexOf('const b'), code.indexOf('a}')].map((o) => inLiteral(sf, o))).toEqual([true, true, true, false, false]);
  });

  it('keeps the exact extent of each comment and skips what lies inside one', () => {
    const code = [
      "const a = 'http://x' + '//y'; // see http://example.com/*x*/",
      '/* one // two',
      '   three */ const b = a /* c */ / 2;',
      'const el = <p>/* text */</p>; /* unterminated',
    ].join('\n');
    const found = findComments(parseSource('a.tsx', code)).map((c) => c.text);
    expect(found).toEqual(['// see http://example.com/*x*/', '/* one // two\n   three */', '/* c */', '/* unterminated']);
  });
});
