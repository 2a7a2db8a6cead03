import { defineRule } from '../src/rules/define-rule.js';

// eslint-disable / eslint-disable-line / eslint-disable-next-line [rules] [-- description]
const DIRECTIVE = /^(eslint-disable(?:-next-line|-line)?|biome-ignore-all|oxlint-disable)(?=\s|$)\s*([^]*?)\s*(?:--\s*([^]*))?$/;
// The matching `eslint-enable` / `oxlint-enable` that closes a block opened by a disable.
const ENABLE = /^(eslint|oxlint)-enable(?=\s|$)\s*([^]*?)\s*(?:--[^]*)?$/;

const ruleNames = (list: string): string[] => list.split(/[\s,]+/).filter((r) => r !== '');

export default defineRule({
  id: 'lint-disable',
  meta: {
    category: 'type-escape',
    severity: 'warn',
    confidence: 'high',
    description: 'New lint disables: a file-wide one without rule names blocks; unclosed or unexplained ones warn; one closed by an enable counts as a line disable.',
    why: 'Disabling the linter is the shortest path from a red check to a green one. A file-wide `/* eslint-disable */` silences every rule, including the ones that catch bugs.',
    fix: 'Fix what the linter reports. If an exception is needed, disable one named rule on one line and give the reason: `// eslint-disable-next-line no-console -- CLI output`.',
    files: 'code',
    examples: {
      fires: [
        { file: 'src/a.ts', code: '/* eslint-disable */\nexport const a = 1;\n', lines: [1] },
        { file: 'src/b.ts', code: '// eslint-disable-next-line\nconsole.log(1);\n', lines: [1] },
      ],
      passes: [
        { file: 'src/a.ts', code: '// eslint-disable-next-line no-console -- CLI output goes to stdout\nconsole.log(1);\n' },
        { file: 'src/b.ts', code: '// The SDK types this callback as any; narrowing happens in parse().\n// eslint-disable-next-line @typescript-eslint/no-explicit-any\nexport const onEvent = (e: any) => parse(e);\n' },
        { file: 'src/c.tsx', code: '/* oxlint-disable react/exhaustive-deps -- runs once on mount by design */\nuseEffect(() => start(id), []);\n/* oxlint-enable react/exhaustive-deps */\n' },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file } = context;
    let explained: Set<number> | undefined;
    // `// CLI output goes to stdout` on the line above `// eslint-disable-next-line no-console` is the reason.
    const reasonAbove = (line: number): boolean => {
      explained ??= new Set(file.comments().filter((c) => !DIRECTIVE.test(c.body) && !ENABLE.test(c.body) && !/^\s*(?:@|prettier-ignore)/.test(c.body) && /[A-Za-z]{2}/.test(c.body)).map((c) => c.endLine));
      return explained.has(line - 1);
    };
    // A disable followed later by an enable of the same tool (and, when the enable names rules, those rules) is a block.
    const closedLater = (tool: string, rules: string, after: number): boolean => {
      const wanted = ruleNames(rules);
      return file.comments().some((c) => {
        const m = c.start > after ? ENABLE.exec(c.body) : null;
        if (!m || m[1] !== tool) return false;
        const enabled = ruleNames(m[2] ?? '');
        return enabled.length === 0 || wanted.every((r) => enabled.includes(r));
      });
    };
    return {
      onComment(comment) {
        const match = DIRECTIVE.exec(comment.body);
        if (!match) return;
        const [, kind = '', rules = '', reason] = match;
        const at = { start: comment.start, end: comment.end };
        const fileWide = kind === 'eslint-disable' || kind === 'biome-ignore-all' || kind === 'oxlint-disable';
        // ESLint honours a file-wide `eslint-disable` only in a block comment.
        if (kind === 'eslint-disable' && comment.kind === 'line') return;
        const scoped = fileWide && kind !== 'biome-ignore-all' && closedLater(kind.split('-')[0]!, rules, comment.end);
        if (fileWide && rules === '') {
          if (scoped) return context.report({ ...at, message: `\`${kind}\` without rule names turns off every lint rule until the matching enable.` });
          return context.report({ ...at, severity: 'block', message: `\`${kind}\` without rule names turns off every lint rule for the rest of the file.` });
        }
        const reasoned = (reason !== undefined && reason.trim() !== '') || reasonAbove(comment.line);
        if (fileWide && !scoped) {
          // Named rules with a stated reason are a decision a reviewer can read; still worth a note at file scope.
          if (reasoned) return context.report({ ...at, severity: 'info', message: `\`${kind} ${rules}\` turns rules off for the rest of the file (a reason is given).` });
          return context.report({ ...at, message: `\`${kind} ${rules}\` turns rules off for the rest of the file.` });
        }
        if (rules === '') context.report({ ...at, message: `\`${kind}\` without a rule name turns off every rule on that line.` });
        else if (!reasoned) context.report({ ...at, severity: 'info', message: `\`${kind} ${rules}\` gives no reason (add \`-- why\`).` });
      },
    };
  },
});
