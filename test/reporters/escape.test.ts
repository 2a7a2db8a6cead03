import { describe, expect, it } from 'vitest';
import { markdownInline, markdownText, terminal, workflowData } from '../../src/reporters/escape.js';
import { loadReporter } from '../../src/reporters/types.js';
import { builtInRules } from '../../src/rules/registry.js';
import type { Finding, Report } from '../../src/types.js';
import { report } from './fixture.js';

const ZW = '\u200b';
const ESC = '\u001b';
const meta = { rules: builtInRules(), color: false };

const hostile: Finding = {
  ruleId: 'llm-review',
  severity: 'warn',
  category: 'review',
  file: `src/${ESC}[2Jevil${ESC}]0;title\u0007.ts`,
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 5,
  message: `looks fine${ESC}[8m hidden\r\n::warning::forged`,
  source: 'llm',
  confidence: 'medium',
  fix: 'Use a guard:\n::error file=src/a.ts,line=1::forged\n  ##[error]also forged\n\u009b31mred',
  snippet: `const a = 1;${ESC}[1A\u202Ereversed`,
  fingerprint: 'bbbbbbbbbbbbbbbbbbbbbbbb',
};
const attack: Report = { ...report, findings: [hostile], target: `main...feature-${ESC}[31m{{hunks}}`, notes: [`note ${ESC}[5m`] };

describe('escaping per medium', () => {
  it('text: no control character, and no line a GitHub runner would take for a workflow command', async () => {
    const out = (await loadReporter('text'))(attack, meta);
    expect(out).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202E]/);
    expect(out.split('\n').filter((l) => l.trimStart().startsWith('::') || l.includes('##['))).toEqual([]);
    expect(out.split('\n').slice(0, 5)).toEqual([
      'src/[2Jevil]0;title.ts',
      '  1:1     warn   looks fine[8m hidden ::warning::forged  llm-review',
      '    1 | const a = 1;[1Areversed',
      '      | ^^^^',
      `    fix: Use a guard:\n         :${ZW}:error file=src/a.ts,line=1::forged\n           ##${ZW}[error]also forged\n         31mred`.split('\n')[0],
    ]);
    expect(out).toContain(`\n         :${ZW}:error file=src/a.ts,line=1::forged\n           ##${ZW}[error]also forged\n         31mred\n`);
    expect(out).toContain(`main...feature-[31m{{hunks}}`);
  });

  it('github: messages are %-encoded data on the command line; nothing else starts a command', async () => {
    const out = (await loadReporter('github'))(attack, meta);
    expect(out).toBe(
      '::warning file=src/[2Jevil]0;title.ts,line=1,endLine=1,col=1,endColumn=5,title=diffwarden llm-review::looks fine[8m hidden%0D%0A::warning::forged Use a guard:%0A::error file=src/a.ts,line=1::forged%0A  ##[error]also forged%0A31mred\n' +
        'diffwarden: block (risk 100/100, 1 findings)\n',
    );
    expect(workflowData('100%\r\n')).toBe('100%25%0D%0A');
  });

  it('markdown: mentions, HTML, links, images, headings, tables and fences are inert; code spans stay', async () => {
    expect(markdownText('# pass\n@team see [x](https://e.example) ![i](y) <b>hi</b> | a | `@ok <no>` `code`\n```\n===\n- item\n--- ')).toBe(
      `\\# pass\n@${ZW}team see \\[x\\](https:${ZW}//e.example) !\\[i\\](y) &lt;b&gt;hi&lt;/b&gt; \\| a \\| \\\`@${ZW}ok &lt;no&gt;\` \`code\\\`\n\\\`\\\`\\\`\n\\===\n- item\n\\--- `,
    );
    expect(markdownInline('a|b\n#1 www.evil.example `x|y`')).toBe(`a\\|b \\#${ZW}1 www${ZW}.evil.example \`x\\|y\``);
    const out = (await loadReporter('markdown'))(attack, meta);
    expect(out).toContain(`| warn | \`src/[2Jevil]0;title.ts:1\` | looks fine\\[8m hidden ::warning::forged | \`llm-review\` |`);
  });

  it('sarif: control characters are removed from messages and URIs', async () => {
    const log = JSON.parse((await loadReporter('sarif'))(attack, meta));
    const result = log.runs[0].results[0];
    expect(result.message.text).toBe('looks fine[8m hidden\n::warning::forged Use a guard:\n::error file=src/a.ts,line=1::forged\n  ##[error]also forged\n31mred');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('src/%5B2Jevil%5D0;title.ts');
    expect(terminal('x\u0085y')).toBe('xy');
  });
});
