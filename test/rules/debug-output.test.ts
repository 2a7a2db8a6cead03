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

  it('accepts the progress line of a data migration, and judges a template by its text', () => {
    const migration = 'export const migration = {\n  async run(tx: Tx) {\n    const linked = await link(tx);\n    console.log(`backfill done: ${JSON.stringify({ linked })}`);\n  },\n};\n';
    expect(run(migration, 'packages/database/migrations/20260101_backfill/migration.ts')).toEqual([]);
    // Elsewhere a template is judged by its text: a sentence is a note, a bare label dumps a value.
    const sentence = 'export function sync(n: number) {\n  console.log(`synced ${n} records from the server`);\n}\n';
    expect(run(sentence, 'src/sync.ts')).toEqual([[2, 'info', '`console.log(…)` added to application code: a leftover from debugging?']]);
    const label = 'export function sync(n: number) {\n  console.log(`count: ${n}`);\n}\n';
    expect(run(label, 'src/sync.ts')).toEqual([[2, 'warn', '`console.log(…)` added to application code, printing what looks like a debug value: a leftover from debugging?']]);
  });

  it('warns on a button whose click handler only logs its label', () => {
    // A beta screen: the Download button was wired to a log line instead of the download.
    const code = 'export function Hero() {\n  return <Button onClick={() => console.log("Download")}>Download</Button>;\n}\n';
    expect(run(code, 'src/pages/game/Hero.tsx')).toEqual([[2, 'warn', '`console.log(…)` added to application code, printing what looks like a debug value: a leftover from debugging?']]);
  });
});
