import { describe, expect, it } from 'vitest';
import rule from '../../rules/debug-output.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';

const run = (code: string, file = 'src/components/Chat.tsx', old?: string) => runRule(rule as Rule<unknown>, { file, code, ...(old === undefined ? {} : { old }) }).map((f) => [f.line, f.severity, f.message]);

describe('debug-output', () => {
  it('warns on a value dump and a marker message, and notes a plain message', () => {
    const old = 'export function Chat({ messages }: Props) {\n  return <List items={messages} />;\n}\n';
    const code = "export function Chat({ messages }: Props) {\n  console.log(messages);\n  console.log('>>> render');\n  console.log('Chat mounted with history');\n  console.debug('rendering chat');\n  return <List items={messages} />;\n}\n";
    expect(run(code, undefined, old)).toEqual([
      [2, 'warn', '`console.log(…)` added to application code, printing what looks like a debug value: a leftover from debugging?'],
      [3, 'warn', '`console.log(…)` added to application code, printing what looks like a debug value: a leftover from debugging?'],
      [4, 'info', '`console.log(…)` added to application code: a leftover from debugging?'],
      [5, 'info', '`console.debug(…)` added to application code: a leftover from debugging?'],
    ]);
  });

  it('accepts console output in CLI and script code, under a no-console directive, and in files that printed before', () => {
    expect(run("console.log('done', count);\n", 'packages/cli/src/ui/summary.ts')).toEqual([]);
    expect(run("// eslint-disable-next-line no-console\nconsole.log('state', state);\n", 'src/store.ts')).toEqual([]);
    const old = "export function boot() {\n  console.info('booting');\n}\n";
    expect(run("export function boot() {\n  console.info('booting');\n  console.log('config', config);\n}\n", 'src/boot.ts', old)).toEqual([]);
  });

  it('warns on five commented-out lines of JSX and code, and leaves prose and directives alone', () => {
    const code = 'export function Toolbar() {\n  return (\n    <div>\n      <Button />\n    </div>\n  );\n}\n// export function LegacyToolbar() {\n//   const [open, setOpen] = useState(false);\n//   if (!open) return null;\n//   return <Menu onClose={() => setOpen(false)} />;\n// }\n';
    expect(run(code, 'src/Toolbar.tsx')).toEqual([[8, 'warn', '5 lines of commented-out code added: delete it (git keeps it) or say why it stays.']]);
    const prose = '// The toolbar keeps its own state because the menu\n// closes itself when focus leaves it; see issue 12\n// for the history of this choice.\nexport const x = 1;\n';
    expect(run(prose, 'src/Toolbar.tsx')).toEqual([]);
  });
});
