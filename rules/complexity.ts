import type ts from 'typescript';
import { functionName, isFunctionNode, walk, type FunctionNode } from '../src/rules/ast.js';
import { complexityOf } from '../src/rules/complexity.js';
import { defineRule } from '../src/rules/define-rule.js';

interface Options {
  maxCognitive: number;
  maxNesting: number;
}

/** Every function, method and callback; each is measured on its own. */
function outerFunctions(api: typeof ts, sf: ts.SourceFile): FunctionNode[] {
  const out: FunctionNode[] = [];
  walk(api, sf, (node) => {
    if (isFunctionNode(api, node)) out.push(node);
  });
  return out;
}

function key(api: typeof ts, fn: FunctionNode): string {
  const owner = fn.parent && api.isClassLike(fn.parent) && fn.parent.name ? `${fn.parent.name.text}.` : '';
  return owner + (functionName(api, fn) ?? '');
}

export default defineRule<Options>({
  id: 'complexity',
  meta: {
    category: 'maintainability',
    severity: 'warn',
    confidence: 'medium',
    description: 'A new function with cognitive complexity above 15 (or nesting deeper than 4), or an edited one that this change takes over 15.',
    why: 'Code written with assistants shows a heavier tail of very complex functions: long chains of nested conditions that nobody reasons about as a whole. Judging the change (a delta) rather than legacy totals keeps this quiet on old code.',
    fix: 'Split the function: return early, extract the branches into named helpers, replace condition chains with a lookup.',
    files: 'code',
    examples: {
      fires: [
        {
          file: 'src/route.ts',
          code: [
            'export function route(req: Req) {',
            '  if (req.user) {',
            '    if (req.user.admin) {',
            '      for (const p of req.paths) {',
            '        if (p.startsWith("/a") && !p.endsWith("/") || p === "x") {',
            '          while (p.length) {',
            '            if (p.includes("?")) return 1;',
            '            else if (p.includes("#")) return 2;',
            '            else return 3;',
            '          }',
            '        }',
            '      }',
            '    }',
            '  }',
            '  return 0;',
            '}',
          ].join('\n'),
          lines: [1],
        },
      ],
      passes: [{ file: 'src/route.ts', code: 'export function route(req: Req) {\n  if (!req.user) return 0;\n  return req.user.admin ? 2 : 1;\n}\n' }],
    },
    options: (z) => z.strictObject({ maxCognitive: z.number().int().positive(), maxNesting: z.number().int().positive() }).partial(),
  },
  defaultOptions: { maxCognitive: 15, maxNesting: 4 },
  create(context) {
    const { file, ts: api, options } = context;
    // Functions are collected during the shared traversal rather than by a walk of their own.
    const found: FunctionNode[] = [];
    const collect = (node: FunctionNode): void => {
      found.push(node);
    };
    return {
      FunctionDeclaration: collect,
      FunctionExpression: collect,
      ArrowFunction: collect,
      MethodDeclaration: collect,
      GetAccessor: collect,
      SetAccessor: collect,
      Constructor: collect,
      onEnd() {
        const sf = file.sourceFile;
        if (!sf) return;
        let before: Map<string, number> | undefined;
        const old = (): Map<string, number> => {
          if (!before) {
            const oldSf = file.oldSourceFile();
            before = new Map(oldSf ? outerFunctions(api, oldSf).map((fn) => [key(api, fn), complexityOf(api, fn).cognitive]) : []);
          }
          return before;
        };
        for (const fn of found) {
          const first = file.lineOf(fn.getStart(sf));
          const last = file.lineOf(fn.end);
          let touched = false;
          let allNew = true;
          for (let line = first; line <= last; line++) {
            if (file.isAddedLine(line)) touched = true;
            else allNew = false;
          }
          if (!touched) continue;
          const { cognitive, maxNesting } = complexityOf(api, fn);
          const name = functionName(api, fn) ?? '(anonymous function)';
          const previous = allNew ? undefined : old().get(key(api, fn));
          const at = fn.name ?? fn;
          const severity = file.isAuxiliary ? { severity: 'info' as const } : {};
          // An edited function counts only when this change takes it over the limit: legacy complexity is not the change's.
          if (cognitive > options.maxCognitive && (previous === undefined || previous <= options.maxCognitive)) {
            context.report({ node: at, message: `\`${name}\` has cognitive complexity ${cognitive} (limit ${options.maxCognitive}${previous === undefined ? '' : `; it was ${previous}`}).`, ...severity });
            continue;
          }
          if (previous === undefined && maxNesting > options.maxNesting) context.report({ node: at, message: `\`${name}\` nests ${maxNesting} levels deep (limit ${options.maxNesting}).`, ...severity });
        }
      },
    };
  },
});
