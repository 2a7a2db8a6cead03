import { describe, expect, it } from 'vitest';
import rule from '../../rules/chat-artifact.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';

const run = (file: string, code: string) => runRule(rule as Rule<unknown>, { file, code }).map((f) => [f.line, f.severity]);

describe('chat-artifact', () => {
  it('does not fire on framework template comments', () => {
    // The middleware matcher comment that auth and i18n starter templates ship with.
    const middleware = "export const config = {\n  matcher: [\n    // Skip framework internals and static files. Feel free to modify this pattern to include more paths.\n    '/((?!_next|favicon.ico).*)',\n  ],\n};\n";
    expect(run('src/middleware.ts', middleware)).toEqual([]);
    expect(run('vite.config.ts', "// Feel free to change the port below.\nexport default { server: { port: 3000 } };\n")).toEqual([]);
  });

  it('blocks near-certain artifacts and warns on phrases people also write', () => {
    const code = [
      "// Here's the updated code with the retry fix:",
      '// As an AI language model, I cannot run this.',
      '// Let me know if you need any further changes!',
      '// Let me know if this breaks the nightly job.',
      "// I've added a guard because the API sometimes returns 204.",
      '// Sure! This handles the empty case.',
      'export const a = 1;',
    ].join('\n');
    expect(run('src/retry.ts', code)).toEqual([
      [1, 'block'],
      [2, 'block'],
      [3, 'block'],
      [4, 'warn'],
      [5, 'warn'],
      [6, 'warn'],
    ]);
  });

  it('reads Cursor rule files (.mdc) as Markdown, where fences are content', () => {
    expect(run('.cursor/rules/style.mdc', '---\ndescription: House style\n---\nPrefer:\n\n```ts\nconst a = 1;\n```\n')).toEqual([]);
  });
});
