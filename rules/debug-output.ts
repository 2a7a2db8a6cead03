import type ts from 'typescript';
import { dottedName } from '../src/rules/ast.js';
import { defineRule, type Comment } from '../src/rules/define-rule.js';

// Where printing is the program's job: command-line tools, scripts, build and dev tooling, configs.
const CONSOLE_IS_OUTPUT = /(?:^|\/)(?:bin|cli|scripts?|tools?|tasks|e2e|evals?|benchmarks?|bench|examples?|playground|dev|build|migrations?|seeds?)\/|(?:^|\/)(?:cli|main|server|index\.cli)\.[cm]?[jt]sx?$|\.config\.[cm]?[jt]s$|(?:^|\/)[^/]*(?:logger|logging|log|console|debug)[^/]*\.[cm]?[jt]sx?$/i;
// Messages that only make sense while debugging: `'here'`, `'DEBUG'`, `'>>>'`, `'data:'`, `'=== result ==='`.
const DEBUG_MESSAGE = /^\s*(?:here\b|debug|>>|<<|==|--|\*\*|xxx|test\b|hello\b|[\w.]+[\s:=]*$)/i;
const DIRECTIVE = /^\s*(?:eslint-|@ts-|prettier-|istanbul|c8 |biome-|#region|#endregion|region\b|endregion\b|diffwarden-)/;
// A line of code, not prose: ends like a statement or opens/closes a block, or starts with a keyword.
const CODE_LINE = /[;{}(),]\s*$|^\s*[})\]]|^\s*(?:import|export|const|let|var|return|if|else|for|while|await|function|class)\b|^\s*[\w$.]+\s*\(.*\)\s*;?\s*$|^\s*<\/?[A-Za-z][\w.]*[\s>/]/;
const MIN_COMMENTED_LINES = 3;
const WARN_COMMENTED_LINES = 5;

/** Consecutive `//` comments on consecutive added lines, each on a line of its own. */
function commentRuns(comments: readonly Comment[], isAdded: (line: number) => boolean, lineText: (line: number) => string): Comment[][] {
  const runs: Comment[][] = [];
  let run: Comment[] = [];
  for (const c of comments) {
    const alone = c.kind === 'line' && /^\s*\/\//.test(lineText(c.line)) && isAdded(c.line);
    if (alone && run.length > 0 && run[run.length - 1]!.line === c.line - 1) run.push(c);
    else {
      if (run.length >= MIN_COMMENTED_LINES) runs.push(run);
      run = alone ? [c] : [];
    }
  }
  if (run.length >= MIN_COMMENTED_LINES) runs.push(run);
  return runs;
}

function parsesAsCode(api: typeof ts, path: string, body: string): boolean {
  const kind = /\.[jt]sx$/.test(path) ? api.ScriptKind.TSX : api.ScriptKind.TS;
  const sf = api.createSourceFile('commented.tsx', body, api.ScriptTarget.Latest, false, kind);
  const problems = (sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? [];
  return problems.length === 0 && sf.statements.length > 0;
}

export default defineRule({
  id: 'debug-output',
  meta: {
    category: 'maintainability',
    severity: 'info',
    confidence: 'low',
    description: 'Debug leftovers added by the change: `console.log`/`console.debug` in application code, and blocks of commented-out code.',
    why: 'Assistants print intermediate values while they work and comment code out instead of deleting it; both ship unnoticed. A `console.log(data)` in a browser bundle or a service leaks data into consoles and logs, and commented-out code rots: nobody knows whether it is meant to come back.',
    fix: 'Remove the debug output, or use the project\'s logger at the right level. Delete commented-out code (git keeps it); if it must stay, say why above it.',
    files: 'code',
    examples: {
      fires: [
        { file: 'src/components/Cart.tsx', code: "export function Cart({ items }: Props) {\n  console.log('items', items);\n  return <List items={items} />;\n}\n", lines: [2] },
        {
          file: 'src/store/session.ts',
          old: 'export function save(s: Session) {\n  store.set(s.id, s);\n}\n',
          code: 'export function save(s: Session) {\n  store.set(s.id, s);\n  // if (s.expired) {\n  //   store.delete(s.id);\n  //   return;\n  // }\n}\n',
          lines: [3],
        },
      ],
      passes: [
        { file: 'packages/cli/src/commands/init.ts', code: "export function init() {\n  console.log('Created diffwarden.config.json');\n}\n" },
        { file: 'src/server/jobs.ts', old: "export function start() {\n  console.log('jobs started');\n}\n", code: "export function start() {\n  console.log('jobs started');\n  console.log('queue ready');\n}\n" },
        { file: 'src/math.ts', code: '// Rounds half away from zero, unlike Math.round:\n// round(-1.5) is -2, and round(2.5) is 3.\n// The sign is restored at the end.\nexport const round = (x: number) => Math.sign(x) * Math.round(Math.abs(x));\n' },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file, ts: api } = context;
    if (file.isTest || file.isAuxiliary || file.path.endsWith('.d.ts')) return {};
    const lines = file.lines();
    // A file that printed with console before the change uses it as its output.
    const consoleBefore = file.oldText !== null && /\bconsole\.(?:log|info|debug|warn|error)\s*\(/.test(file.oldText);
    const printing = CONSOLE_IS_OUTPUT.test(file.path) || consoleBefore;
    let consoleCalls = 0;
    const found: { node: ts.CallExpression; level: string }[] = [];
    return {
      CallExpression(node) {
        const name = dottedName(api, node.expression);
        if (name === undefined || !name.startsWith('console.')) return;
        consoleCalls++;
        const level = name.slice('console.'.length);
        if (level !== 'log' && level !== 'debug') return;
        const line = file.lineOf(node.getStart(file.sourceFile));
        if (!file.isAddedLine(line) || /no-console/.test(lines[line - 2] ?? '') || /no-console/.test(lines[line - 1] ?? '')) return;
        found.push({ node, level });
      },
      onEnd() {
        // A new file printing at several places, or at warn/error levels too, prints on purpose.
        if (!printing && !(file.oldText === null && consoleCalls > found.length + 1)) {
          for (const { node, level } of found) {
            const first = node.arguments[0];
            // A template's literal text is its message: `count: ${n}` is a label, `synced ${n} records` a sentence.
            const template = first && api.isTemplateExpression(first) ? first.head.text + first.templateSpans.map((span) => span.literal.text).join('') : undefined;
            const message = first && (api.isStringLiteral(first) || api.isNoSubstitutionTemplateLiteral(first)) ? first.text : template;
            const debugging = message === undefined ? node.arguments.length > 0 : DEBUG_MESSAGE.test(message);
            context.report({
              node,
              severity: debugging && level === 'log' ? 'warn' : 'info',
              message: `\`console.${level}(…)\` added to application code${debugging ? ', printing what looks like a debug value' : ''}: a leftover from debugging?`,
            });
          }
        }
        for (const run of commentRuns(file.comments(), (l) => file.isAddedLine(l), (l) => lines[l - 1] ?? '')) {
          if (run.some((c) => DIRECTIVE.test(c.body))) continue;
          const codeLines = run.filter((c) => CODE_LINE.test(c.body)).length;
          if (codeLines * 4 < run.length * 3 || !parsesAsCode(api, file.path, run.map((c) => c.body).join('\n'))) continue;
          context.report({
            start: run[0]!.start,
            end: run[run.length - 1]!.end,
            severity: run.length >= WARN_COMMENTED_LINES ? 'warn' : 'info',
            message: `${run.length} lines of commented-out code added: delete it (git keeps it) or say why it stays.`,
          });
        }
      },
    };
  },
});
