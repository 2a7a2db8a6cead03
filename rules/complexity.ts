import { functionName, type FunctionNode } from '../src/rules/ast.js';
import { complexityOf } from '../src/rules/complexity.js';
import { defineRule } from '../src/rules/define-rule.js';
import { allFunctions, describeAnonymous, functionIdentities, type FunctionIdentity } from '../src/rules/function-identity.js';

interface Options {
  maxCognitive: number;
  maxNesting: number;
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
        // Identities cost a walk up from every function: only built once some function is over a limit.
        let ids: Map<FunctionNode, FunctionIdentity> | undefined;
        let before: Map<string, { cognitive: number; shared: number }> | undefined;
        const old = (): Map<string, { cognitive: number; shared: number }> => {
          if (!before) {
            const oldSf = file.oldSourceFile();
            const fns = oldSf ? allFunctions(api, oldSf) : [];
            const oldIds = oldSf ? functionIdentities(api, fns, oldSf) : new Map<FunctionNode, FunctionIdentity>();
            before = new Map(fns.map((fn) => [oldIds.get(fn)!.key, { cognitive: complexityOf(api, fn).cognitive, shared: oldIds.get(fn)!.shared }]));
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
          if (cognitive <= options.maxCognitive && maxNesting <= options.maxNesting) continue;
          const id = (ids ??= functionIdentities(api, found, sf)).get(fn)!;
          const match = allNew ? undefined : old().get(id.key);
          // Siblings with the same chain are told apart by their order only when neither side gained or lost one.
          const previous = match && match.shared === id.shared ? match.cognitive : undefined;
          const unsure = !allNew && previous === undefined;
          const name = functionName(api, fn) ?? describeAnonymous(api, fn, sf);
          // From the name (or the start) to the end: an edit anywhere in the body is an edit of this function.
          const at = { start: (fn.name ?? fn).getStart(sf), end: fn.end };
          const severity = file.isAuxiliary || unsure ? { severity: 'info' as const } : {};
          const why = unsure ? '; an edited function whose earlier version could not be matched, so this is not counted as the change\'s' : '';
          // An edited function counts only when this change takes it over the limit: legacy complexity is not the change's.
          if (cognitive > options.maxCognitive && (previous === undefined || previous <= options.maxCognitive)) {
            context.report({ ...at, message: `\`${name}\` has cognitive complexity ${cognitive} (limit ${options.maxCognitive}${previous === undefined ? '' : `; it was ${previous}`}${why}).`, ...severity });
            continue;
          }
          if (previous === undefined && maxNesting > options.maxNesting) context.report({ ...at, message: `\`${name}\` nests ${maxNesting} levels deep (limit ${options.maxNesting}${why}).`, ...severity });
        }
      },
    };
  },
});
