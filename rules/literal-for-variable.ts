import type ts from 'typescript';
import { walk } from '../src/rules/ast.js';
import { defineRule } from '../src/rules/define-rule.js';
import { hunksOf } from '../src/rules/line-hunks.js';

// Words, numbers, quoted strings (escapes inside), then any other single character. Each string
// alternative has disjoint branches, so a scan is linear.
const TOKEN = /[A-Za-z_$][\w$]*|\d[\w.]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\$\n]|\\.)*`|=>|\S/g;
const LITERAL = /^(?:true|false|null|undefined|\d[\w.]*|"[^]*"|'[^]*'|`[^]*`)$/;
const NOT_VARIABLE = new Set(['true', 'false', 'null', 'undefined', 'this', 'super', 'void', 'typeof', 'new', 'await', 'yield', 'return', 'function', 'class', 'const', 'let', 'var', 'import', 'export', 'default', 'in', 'of', 'as', 'keyof', 'string', 'number', 'boolean', 'any', 'unknown', 'never', 'object', 'symbol', 'bigint', 'NaN', 'Infinity']);
/** Constants: inlining `MAX_RETRIES` as `3` keeps the value. */
const CONSTANT = /^[A-Z][A-Z0-9_]*$/;
const MAX_LINE = 400;
const MAX_PAIRS = 2500;

interface Swap {
  line: number;
  name: string;
  literal: string;
  where: 'argument' | 'prop' | 'return value';
}

function tokens(line: string): string[] {
  TOKEN.lastIndex = 0;
  return line.match(TOKEN) ?? [];
}

/** The one identifier → literal swap between two lines that are otherwise the same token for token. */
function swapBetween(before: string[], after: string[]): Omit<Swap, 'line'> | undefined {
  if (before.length !== after.length) return undefined;
  let at = -1;
  for (let i = 0; i < before.length; i++) {
    if (before[i] === after[i]) continue;
    if (at >= 0) return undefined;
    at = i;
  }
  if (at < 0) return undefined;
  const name = before[at]!;
  const literal = after[at]!;
  if (!/^[A-Za-z_$]/.test(name) || NOT_VARIABLE.has(name) || CONSTANT.test(name) || !LITERAL.test(literal)) return undefined;
  const prev = before[at - 1];
  const next = before[at + 1];
  if (next !== undefined && next !== ')' && next !== ',' && next !== '}' && next !== ';') return undefined;
  if (prev === '{' && before[at - 2] === '=' && next === '}') return { name, literal, where: 'prop' };
  if (prev === 'return' || prev === '=>') return { name, literal, where: 'return value' };
  // `(` after `if`/`while` is a condition, and after `function f` a parameter list.
  if ((prev === '(' || prev === ',') && before[0] !== 'function' && !/^(?:if|while|for|switch|catch)$/.test(before[at - 2] ?? '')) return { name, literal, where: 'argument' };
  return undefined;
}

/** Whether the name is still declared in the file but no longer read anywhere: the value it held is now ignored. */
function nowUnused(api: typeof ts, sf: ts.SourceFile, name: string): boolean {
  let declared = false;
  let read = false;
  walk(api, sf, (n) => {
    if (read || !api.isIdentifier(n) || n.text !== name) return;
    const p = n.parent;
    if ((api.isParameter(p) || api.isVariableDeclaration(p) || api.isBindingElement(p) || api.isImportSpecifier(p) || api.isImportClause(p)) && p.name === n) declared = true;
    else if (api.isBindingElement(p) && p.propertyName === n) return;
    else if ((api.isPropertyAccessExpression(p) && p.name === n) || ((api.isPropertyAssignment(p) || api.isJsxAttribute(p) || api.isPropertySignature(p) || api.isMethodDeclaration(p) || api.isPropertyDeclaration(p)) && p.name === n)) return;
    else read = true;
  });
  return declared && !read;
}

export default defineRule({
  id: 'literal-for-variable',
  meta: {
    category: 'maintainability',
    severity: 'info',
    confidence: 'low',
    description: 'An argument, JSX prop or return value that was a variable became a literal, the rest of the line unchanged (`flag={flag}` → `flag={false}`).',
    why: 'Hard-coding a value where a variable was is how a change quietly switches a feature off or pins a placeholder: `isTransitioning={false}` in three components compiles, looks tidy, and the transition never shows again. When the variable is still declared but now unused, or the same swap repeats, it is rarely an intended simplification.',
    fix: 'Pass the variable again, or remove it and say in the commit why the value is now fixed.',
    files: 'code',
    examples: {
      fires: [
        {
          file: 'src/components/Panel.tsx',
          old: 'export function Panel({ open, isTransitioning }: Props) {\n  return <Drawer open={open} isTransitioning={isTransitioning} />;\n}\n',
          code: 'export function Panel({ open, isTransitioning }: Props) {\n  return <Drawer open={open} isTransitioning={false} />;\n}\n',
          lines: [2],
        },
      ],
      passes: [
        { file: 'src/retry.ts', old: 'export const fetchWithRetry = (url: string) => retry(() => get(url), MAX_RETRIES);\n', code: 'export const fetchWithRetry = (url: string) => retry(() => get(url), 3);\n' },
        { file: 'src/panel.test.tsx', old: 'render(<Panel open={open} />);\n', code: 'render(<Panel open={true} />);\n' },
        { file: 'src/api.ts', old: 'export function load(id: string) {\n  return get(id);\n}\n', code: 'export function load(id: string) {\n  return get(id, { cache: true });\n}\n' },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file, ts: api, change } = context;
    if (file.isTest || file.oldText === null || !file.sourceFile) return {};
    const sf = file.sourceFile;
    // Every added line of the change by its trimmed text, built once per run: the same swap in another file.
    const addedElsewhere = (): Map<string, string[]> =>
      change.memo('literal-for-variable:added', () => {
        const out = new Map<string, string[]>();
        for (const f of change.files) {
          const lines = f.text.split('\n');
          for (const l of f.added) {
            const t = lines[l - 1]?.trim();
            if (t && t.length <= MAX_LINE) out.set(t, [...(out.get(t) ?? []), f.path]);
          }
        }
        return out;
      });
    return {
      onFile() {
        const oldLines = file.oldLines();
        const newLines = file.lines();
        const swaps: Swap[] = [];
        for (const hunk of hunksOf(file)) {
          if (hunk.removed.length === 0 || hunk.added.length === 0 || hunk.removed.length * hunk.added.length > MAX_PAIRS) continue;
          const before = hunk.removed.map((l) => oldLines[l - 1]!).filter((t) => t.length <= MAX_LINE).map(tokens);
          for (const line of hunk.added) {
            const text = newLines[line - 1]!;
            if (text.length > MAX_LINE || /^\s*(?:\/\/|\*|\/\*)/.test(text)) continue;
            const after = tokens(text);
            for (const old of before) {
              const swap = swapBetween(old, after);
              if (swap) {
                swaps.push({ line, ...swap });
                break;
              }
            }
          }
        }
        for (const swap of swaps) {
          const text = newLines[swap.line - 1]!.trim();
          const same = swaps.filter((s) => s.name === swap.name && s.literal === swap.literal).length;
          const elsewhere = (addedElsewhere().get(text) ?? []).some((p) => p !== file.path);
          const unused = nowUnused(api, sf, swap.name);
          const reasons = [unused ? `\`${swap.name}\` is still declared but no longer read` : '', same > 1 || elsewhere ? 'the same swap repeats in this change' : ''].filter(Boolean);
          const start = file.offsetOfLine(swap.line) + newLines[swap.line - 1]!.indexOf(swap.literal);
          context.report({
            start,
            end: start + swap.literal.length,
            severity: reasons.length > 0 && !file.isAuxiliary ? 'warn' : 'info',
            message: `The ${swap.where} \`${swap.name}\` became the literal \`${swap.literal.slice(0, 40)}\`${reasons.length > 0 ? ` (${reasons.join('; ')})` : ''}: a hard-coded value where a variable was?`,
          });
        }
      },
    };
  },
});
