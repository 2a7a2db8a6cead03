import { distance } from 'fastest-levenshtein';
import { manifestDependencies } from '../src/rules/manifest-dependencies.js';
import { defineRule } from '../src/rules/define-rule.js';
import { popularPackages } from '../src/rules/popular-packages.js';

const VALID = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
/*
 * Block only when a mistake is near-certain: a single typo (one insertion, deletion, substitution or
 * swap) of one of the 2,000 most-downloaded packages, in a name of 5+ characters that is not itself
 * among the 10,000 known packages. Shorter names sit one edit from many real packages (ms, qs, ws),
 * two edits happen between unrelated real names, and a name close to an existing dependency is
 * often a sibling package (@acme/ui-a next to @acme/ui-b): those warn.
 */
const BLOCK_RANK = 2000;
/** New names compared with the popular list per file: each comparison costs ~10,000 edit distances. */
const MAX_CHECKED = 300;
/** Every `"key":` of a JSON text with its offset, in one pass (a search per dependency was quadratic). */
const KEY = /"((?:[^"\\\n]|\\.)*)"\s*:/g;

function keyOffsets(text: string): Map<string, number> {
  const out = new Map<string, number>();
  KEY.lastIndex = 0;
  for (let m = KEY.exec(text); m !== null; m = KEY.exec(text)) if (!out.has(m[1]!)) out.set(m[1]!, m.index);
  return out;
}
const BLOCK_MIN_LENGTH = 5;

/** Edit distance where swapping two adjacent letters is one edit (`lodahs` -> `lodash`), as typists make them. */
export function typoDistance(a: string, b: string): number {
  if (a.length === b.length) {
    const diff: number[] = [];
    for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
    if (diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!]) return 1;
  }
  return distance(a, b);
}

let popularNames: Set<string> | undefined;
const popularSet = (): Set<string> => (popularNames ??= new Set(popularPackages()));

/** The popular or existing package a name imitates, with its edit distance and popularity rank. */
export function lookalike(name: string, existing: Iterable<string>): { target: string; distance: number; rank: number } | undefined {
  const popular = popularPackages();
  if (popularSet().has(name)) return undefined;
  const bare = name.replace(/^@types\//, '');
  // `@langfuse/core` next to `langfuse-core`: a project's packages moved under its own scope, not a typo.
  const unscoped = /^@([^/]+)\/(.+)$/.exec(bare);
  const sameUnderScope = unscoped ? `${unscoped[1]}-${unscoped[2]}` : undefined;
  const limit = (target: string): number => (Math.min(bare.length, target.length) >= 7 ? 2 : 1);
  let best: { target: string; distance: number; rank: number } | undefined;
  const consider = (target: string, rank: number): void => {
    if (target === name || target === bare || target === sameUnderScope || Math.abs(target.length - bare.length) > 2) return;
    const d = typoDistance(bare, target);
    if (d > 0 && d <= limit(target) && (!best || d < best.distance || (d === best.distance && rank < best.rank))) best = { target, distance: d, rank };
  };
  for (const dep of existing) consider(dep, -1);
  popular.forEach((target, rank) => consider(target, rank));
  return best;
}

export default defineRule({
  id: 'suspicious-dependency',
  meta: {
    category: 'dependency',
    severity: 'warn',
    confidence: 'medium',
    description: 'A new dependency one or two edits from a popular package or an existing dependency (typo or typosquat). Warns; blocks only near-certain typos.',
    why: 'LLMs accept a one-letter misspelling of a library in up to 26% of tasks, and typosquatted names are registered to catch exactly that. `lodahs` installs whatever its owner published. It blocks only a one-edit misspelling (5+ characters) of one of the 2,000 most-downloaded packages that is not itself among the 10,000 known ones, and names npm cannot install; everything else warns, because names that close can be real packages.',
    fix: 'Check the name on the registry and use the package you meant; if the name is right, suppress with a reason.',
    files: (path) => /(?:^|\/)package\.json$/.test(path) && !path.includes('node_modules/'),
    examples: {
      fires: [
        { file: 'package.json', old: '{\n  "dependencies": {\n    "react": "^19.0.0"\n  }\n}\n', code: '{\n  "dependencies": {\n    "react": "^19.0.0",\n    "expresss": "^4.0.0"\n  }\n}\n', lines: [4] },
      ],
      passes: [
        { file: 'package.json', old: '{\n  "dependencies": {}\n}\n', code: '{\n  "dependencies": {\n    "preact": "^10.0.0",\n    "react-dom": "^19.0.0",\n    "@acme/internal-lib": "workspace:*"\n  }\n}\n' },
        { file: 'package.json', old: '{\n  "dependencies": {\n    "tracekit-langchain": "^3.0.0"\n  }\n}\n', code: '{\n  "dependencies": {\n    "tracekit-langchain": "^3.0.0",\n    "@tracekit/langchain": "^4.0.0"\n  }\n}\n' },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file } = context;
    return {
      onFile() {
        const now = manifestDependencies(file.text, 'last');
        const before = manifestDependencies(file.oldText, 'last');
        if (!now || !before) return;
        let offsets: Map<string, number> | undefined;
        let checked = 0;
        let unchecked = 0;
        let firstUnchecked: { start: number; end: number } | { line: number } = { line: 1 };
        for (const [name, version] of now) {
          if (before.has(name) || /^(?:workspace|file|link|portal|npm):/.test(version)) continue;
          offsets ??= keyOffsets(file.text);
          const at = offsets.get(name);
          const where = at !== undefined ? { start: at, end: at + name.length + 2 } : { line: 1 };
          if (!VALID.test(name)) {
            if (!VALID.test(name.toLowerCase())) context.report({ ...where, severity: 'block', message: `"${name}" is not a valid npm package name: npm cannot install it.` });
            else if (!popularPackages().includes(name)) context.report({ ...where, severity: 'warn', message: `"${name}" has capital letters, which npm refuses in new package names; only some old packages have them. Check the name on the registry.` });
            continue;
          }
          if (checked >= MAX_CHECKED) {
            if (unchecked === 0) firstUnchecked = where;
            unchecked++;
            continue;
          }
          checked++;
          const like = lookalike(name, before.keys());
          if (!like) continue;
          const existing = like.rank < 0;
          const severe = !existing && like.distance === 1 && like.rank < BLOCK_RANK && name.replace(/^@types\//, '').length >= BLOCK_MIN_LENGTH;
          context.report({
            ...where,
            severity: severe ? 'block' : 'warn',
            confidence: severe ? 'high' : 'medium',
            message: `New dependency "${name}" is ${like.distance} edit${like.distance === 1 ? '' : 's'} from ${existing ? 'your existing dependency' : 'the popular package'} "${like.target}": a typo or a typosquat?${severe ? '' : ' (Not blocked: names this close can be real packages.)'}`,
          });
        }
        if (unchecked > 0) {
          context.report({ ...firstUnchecked, severity: 'info', confidence: 'low', message: `${checked + unchecked} new dependencies: only the first ${MAX_CHECKED} were compared with popular package names, ${unchecked} were not.` });
        }
      },
    };
  },
});
