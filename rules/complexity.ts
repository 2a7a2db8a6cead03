import type ts from 'typescript';
import { functionName, type FunctionNode } from '../src/rules/ast.js';
import { complexityOf, type Complexity } from '../src/rules/complexity.js';
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
    description: 'A function over cognitive complexity 15 (or nesting 4) that is new or that the change takes over by adding 5+; a note when length, not nesting, makes the figure.',
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
      passes: [
        { file: 'src/route.ts', code: 'export function route(req: Req) {\n  if (!req.user) return 0;\n  return req.user.admin ? 2 : 1;\n}\n' },
        {
          file: 'src/tools.ts',
          old: 'export function format(tools: T[]) {\n  return tools.map((t) => {\n    if (t.x) return 2;\n    if (t.a) {\n      if (t.b) {\n        if (t.c) {\n          if (t.d) {\n            if (t.e) return 1;\n          }\n        }\n      }\n    }\n    return 0;\n  });\n}\n',
          code: 'export function format(tools: T[]) {\n  const out = tools.map((t) => {\n    if (t.x) return 2;\n    if (t.a) {\n      if (t.b) {\n        if (t.c) {\n          if (t.d) {\n            if (t.e) return 1;\n          }\n        }\n      }\n    }\n    return 0;\n  });\n  return out;\n}\n',
        },
      ],
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
        let before: OldFunctions | undefined;
        const old = (): OldFunctions => (before ??= oldFunctions(api, file.oldSourceFile()));
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
          const measured = complexityOf(api, fn);
          const { cognitive, maxNesting } = measured;
          if (cognitive <= options.maxCognitive && maxNesting <= options.maxNesting) continue;
          const id = (ids ??= functionIdentities(api, found, sf)).get(fn)!;
          const previous = allNew ? undefined : earlierVersion(old(), id, fn.getText(sf));
          const unsure = !allNew && previous === undefined;
          const name = functionName(api, fn) ?? describeAnonymous(api, fn, sf);
          // From the name (or the start) to the end: an edit anywhere in the body is an edit of this function.
          const at = { start: (fn.name ?? fn).getStart(sf), end: fn.end };
          const why = unsure ? '; an edited function whose earlier version could not be matched, so this is not counted as the change\'s' : '';
          // An edited function counts only when this change takes it over the limit: legacy complexity is not the change's.
          if (cognitive > options.maxCognitive && (previous === undefined || previous.cognitive <= options.maxCognitive)) {
            const edit = previous === undefined ? '' : editNote(previous, cognitive, options.maxCognitive);
            const was = previous === undefined ? '' : `; it was ${previous.cognitive}${edit}`;
            const shape = shapeNote(measured, options.maxCognitive);
            const quiet = file.isAuxiliary || unsure || shape !== '' || edit !== '';
            // One reason is enough: a small edit needs no word on the function's shape.
            const message = `\`${name}\` has cognitive complexity ${cognitive} (limit ${options.maxCognitive}${was}${why}${edit === '' ? shape : ''}).`;
            context.report({ ...at, message, ...(quiet ? { severity: 'info' as const } : {}) });
            continue;
          }
          const severity = file.isAuxiliary || unsure ? { severity: 'info' as const } : {};
          if (previous === undefined && maxNesting > options.maxNesting) context.report({ ...at, message: `\`${name}\` nests ${maxNesting} levels deep (limit ${options.maxNesting}${why}).`, ...severity });
        }
      },
    };
  },
});

interface Earlier {
  cognitive: number;
  /** Matched by a key that only one function has on each side, or by nearly the same text. */
  sure: boolean;
}

interface OldFunction {
  chain: string;
  cognitive: number;
  shared: number;
  text: () => string;
}
type OldFunctions = Map<string, OldFunction>;

function oldFunctions(api: typeof ts, oldSf: ts.SourceFile | undefined): OldFunctions {
  if (!oldSf) return new Map();
  const fns = allFunctions(api, oldSf);
  const oldIds = functionIdentities(api, fns, oldSf);
  return new Map(
    fns.map((fn) => {
      const id = oldIds.get(fn)!;
      return [id.key, { chain: id.key.replace(/#\d+$/, ''), cognitive: complexityOf(api, fn).cognitive, shared: id.shared, text: () => fn.getText(oldSf) }];
    }),
  );
}

/** The tail of a chain: the callback and what it is passed to, `tools.map()@0 > (ArrowFunction)`. */
const tail = (chain: string): string => chain.split(' > ').slice(-2).join(' > ');

/**
 * The function's version before the change: the one with the same identity, else (when what encloses it
 * was renamed or wrapped, `return xs.map(f)` -> `const ys = xs.map(f)`) the only old function with the
 * same tail whose text is nearly the same: carried code.
 */
function earlierVersion(old: OldFunctions, id: FunctionIdentity, text: string): Earlier | undefined {
  const same = old.get(id.key);
  if (same && same.shared === id.shared) return { cognitive: same.cognitive, sure: id.shared === 1 };
  const chain = id.key.replace(/#\d+$/, '');
  const carried = [...old.values()].filter((o) => tail(o.chain) === tail(chain) && nearlySame(o.text(), text));
  return carried.length === 1 ? { cognitive: carried[0]!.cognitive, sure: true } : undefined;
}

/** Share of lines (trimmed, non-empty) found on the other side, both ways, at least 80%. */
function nearlySame(a: string, b: string): boolean {
  const lines = (t: string): string[] => t.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const [la, lb] = [lines(a), lines(b)];
  const covered = (from: string[], into: string[]): number => {
    const pool = new Map<string, number>();
    for (const l of into) pool.set(l, (pool.get(l) ?? 0) + 1);
    let hit = 0;
    for (const l of from) {
      const n = pool.get(l) ?? 0;
      if (n > 0) {
        hit++;
        pool.set(l, n - 1);
      }
    }
    return from.length === 0 ? 1 : hit / from.length;
  };
  return covered(la, lb) >= 0.8 && covered(lb, la) >= 0.8;
}

// An edited function warns when the match is sure, the change itself adds 5 points or more, and it ends
// more than 2 over the limit: a crossing by a point or two, or a small addition to a big function, is info.
const MIN_DELTA = 5;
const MIN_OVER = 2;

function editCounts(previous: Earlier, cognitive: number, limit: number): boolean {
  return previous.sure && cognitive - previous.cognitive >= MIN_DELTA && cognitive - limit > MIN_OVER;
}

/**
 * Why the figure alone overstates the function, or '' when it does not. Each flat condition adds 1 and
 * each nested one adds its depth too, so a long run of independent checks (a dispatcher, a formatter,
 * a validator) crosses the limit by length alone; what a reader struggles with is the nesting. A warning
 * needs a function well over the limit (a third of it) or tangled (nesting half of the score), and one
 * that is not mostly flat (nesting a quarter of the score) unless it is over twice the limit.
 */
function shapeNote({ cognitive, nested }: Complexity, limit: number): string {
  const over = cognitive - limit;
  if (over * 3 < limit && nested * 2 < cognitive) return `; only ${over} over, and nesting adds just ${nested} of it`;
  if (nested * 4 < cognitive && cognitive <= 2 * limit) return `; nesting adds just ${nested} of it: a long but flat run of checks, each read on its own`;
  return '';
}

function editNote(previous: Earlier, cognitive: number, limit: number): string {
  if (editCounts(previous, cognitive, limit)) return '';
  if (!previous.sure) return '; matched among functions with the same place, so the earlier figure may be another one\'s';
  if (cognitive - limit <= MIN_OVER) return `; over by ${cognitive - limit} only`;
  return `; this change adds ${cognitive - previous.cognitive}`;
}
