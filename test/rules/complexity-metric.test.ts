import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { complexityOf } from '../../src/rules/complexity.js';

/** Complexity of the first function in `code` (a .tsx file, so JSX parses). */
function measure(code: string) {
  const sf = ts.createSourceFile('probe.tsx', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  let fn: ts.Node | undefined;
  const find = (node: ts.Node): void => {
    if (fn) return;
    if (ts.isFunctionDeclaration(node) || ts.isArrowFunction(node)) fn = node;
    else ts.forEachChild(node, find);
  };
  find(sf);
  return complexityOf(ts, fn!);
}

describe('cognitive complexity follows the published definition', () => {
  it('counts a switch once, however many cases it has', () => {
    const cases = Array.from({ length: 12 }, (_, i) => `    case ${i}: return 'k${i}';`).join('\n');
    expect(measure(`function label(kind: number) {\n  switch (kind) {\n${cases}\n    default: return 'other';\n  }\n}\n`)).toEqual({ cognitive: 1, nested: 0, maxNesting: 1 });
  });

  it('counts a run of like boolean operators once, through parentheses, and each change of operator', () => {
    expect(measure('function ok(a, b, c, d) {\n  return a && (b && c) && d;\n}\n').cognitive).toBe(1);
    expect(measure('function ok(a, b, c, d) {\n  return a && b || c && d;\n}\n').cognitive).toBe(3);
    expect(measure('function ok(a, b, c) {\n  return a && !(b && c);\n}\n').cognitive).toBe(2);
  });

  it('leaves out defaults: `??` and `||` with a literal fallback', () => {
    expect(measure("function title(post) {\n  const name = post.title ?? post.slug ?? 'untitled';\n  return (post.lang || 'en') + name + (post.tags || []).length;\n}\n").cognitive).toBe(0);
    // A fallback after a real condition still counts the condition.
    expect(measure("function tag(a, b) {\n  return (a && b) || '';\n}\n").cognitive).toBe(1);
  });

  it('does not count a uniform guard that JSX renders or an object spreads, but counts a mixed one and ternaries', () => {
    const card = [
      'const Card = ({ user, admin, onEdit }: Props) => (',
      '  <div>',
      '    {user.avatar && <img src={user.avatar} />}',
      '    {admin && onEdit && <button onClick={onEdit}>edit</button>}',
      '    {(user.bio || user.note) && <p>{user.bio}</p>}',
      '    {user.name ? <b>{user.name}</b> : <i>anonymous</i>}',
      '  </div>',
      ');',
    ].join('\n');
    // Only the mixed guard (`||` then `&&`: 2) and the ternary (1) count.
    expect(measure(card)).toEqual({ cognitive: 3, nested: 0, maxNesting: 1 });
    expect(measure('function body(id, tags) {\n  return { ...(id && { id }), ...(tags && tags.length && { tags }) };\n}\n').cognitive).toBe(0);
  });

  it('nests loop bodies, switch cases, catch blocks and ternary branches, not their heads', () => {
    const code = [
      'function scan(rows, pick) {',
      '  for (const row of pick ? rows : []) {', // loop +1; the ternary in its head +1 at depth 0
      '    try {',
      '      if (row.ok) send(row);', // +2
      '    } catch (error) {', // +2
      '      log(row.id ? error : null);', // +3
      '    }',
      '  }',
      '}',
    ].join('\n');
    expect(measure(code)).toEqual({ cognitive: 9, nested: 4, maxNesting: 3 });
  });
});
