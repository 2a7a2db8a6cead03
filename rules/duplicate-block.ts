import type ts from 'typescript';
import { defineRule } from '../src/rules/define-rule.js';
import type { ChangeFile } from '../src/rules/context.js';
import { isTestPath } from '../src/pipeline/file-kind.js';
import { typescript } from '../src/pipeline/parse.js';

const WINDOW = 50;
const MIN_LINES = 5;

interface Tokens {
  path: string;
  ids: number[];
  lines: number[];
}

const vocabulary = new Map<string, number>();
const idOf = (text: string): number => {
  let id = vocabulary.get(text);
  if (id === undefined) vocabulary.set(text, (id = vocabulary.size + 1));
  return id;
};

/** Tokens of the added lines, exactly as written (type-1 clones: blanking literals matched every config object). */
function tokensOf(file: Pick<ChangeFile, 'path' | 'text' | 'added' | 'allAdded'>): Tokens {
  const api: typeof ts = typescript();
  const K = api.SyntaxKind;
  const scanner = api.createScanner(api.ScriptTarget.Latest, true, /x$/.test(file.path) ? api.LanguageVariant.JSX : api.LanguageVariant.Standard, file.text);
  const added = file.allAdded ? null : new Set(file.added);
  const ids: number[] = [];
  const lines: number[] = [];
  let line = 1;
  let lastPos = 0;
  const text = file.text;
  for (let token = scanner.scan(); token !== K.EndOfFileToken; token = scanner.scan()) {
    const start = scanner.getTokenStart();
    for (let i = text.indexOf('\n', lastPos); i >= 0 && i < start; i = text.indexOf('\n', i + 1)) line++;
    lastPos = start;
    if (added && !added.has(line)) continue;
    ids.push(idOf(scanner.getTokenText()));
    lines.push(line);
  }
  return { path: file.path, ids, lines };
}

/** Rolling hashes of every WINDOW-token window (two moduli, so collisions are negligible). */
function windows(tokens: Tokens): string[] {
  const out: string[] = [];
  const n = tokens.ids.length;
  if (n < WINDOW) return out;
  const M1 = 1_000_000_007;
  const M2 = 998_244_353;
  const B = 131;
  let p1 = 1;
  let p2 = 1;
  for (let i = 0; i < WINDOW - 1; i++) {
    p1 = (p1 * B) % M1;
    p2 = (p2 * B) % M2;
  }
  let h1 = 0;
  let h2 = 0;
  for (let i = 0; i < n; i++) {
    const id = tokens.ids[i]!;
    if (i >= WINDOW) {
      const out1 = tokens.ids[i - WINDOW]!;
      h1 = (h1 - ((out1 * p1) % M1) + M1) % M1;
      h2 = (h2 - ((out1 * p2) % M2) + M2) % M2;
    }
    h1 = (h1 * B + id) % M1;
    h2 = (h2 * B + id) % M2;
    if (i >= WINDOW - 1) out.push(`${h1}:${h2}`);
  }
  return out;
}

interface Origin {
  path: string;
  index: number;
  line: number;
}

export default defineRule({
  id: 'duplicate-block',
  meta: {
    category: 'maintainability',
    severity: 'warn',
    confidence: 'medium',
    description: 'A block of 50+ tokens over 5+ lines added more than once in the same change.',
    why: 'Duplicated blocks of five or more lines grew eightfold in 2024 with assistant use (GitClear). Pasting the same logic into several places multiplies every later fix.',
    fix: 'Extract the shared logic into one function and call it from each place.',
    files: 'code',
    examples: {
      fires: [
        {
          file: 'src/handlers.ts',
          code: [1, 2]
            .map((n) => `export async function handler${n}(req: Request) {\n  const body = await req.json();\n  if (!body.id || typeof body.id !== 'string') throw new Error('bad id');\n  const user = await db.users.find({ where: { id: body.id, active: true } });\n  if (!user) return new Response('not found', { status: 404 });\n  return Response.json({ id: user.id, name: user.name, email: user.email });\n}`)
            .join('\n'),
          lines: [8],
        },
      ],
      passes: [{ file: 'src/handlers.ts', code: 'export const a = (x: number) => x + 1;\nexport const b = (x: number) => x + 2;\n' }],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file, change } = context;
    if (file.isTest || /(?:^|\/)(?:generated|__generated__|gen)\//.test(file.path) || /\.(?:generated|gen)\.[jt]sx?$/.test(file.path)) return {};
    return {
      onEnd() {
        const eligible = (f: ChangeFile) => f.kind === 'code' && f.status !== 'deleted' && !isTestPath(f.path);
        const others = change.files.filter(eligible);
        // The first place each window appears, across the change in order (or within this file in an audit).
        const firstSeen = change.memo('duplicate-block', () => {
          const seen = new Map<string, Origin>();
          for (const f of others) {
            const tokens = tokensOf(f);
            windows(tokens).forEach((h, index) => {
              if (!seen.has(h)) seen.set(h, { path: f.path, index, line: tokens.lines[index]! });
            });
          }
          return seen;
        });
        const own = tokensOf({ path: file.path, text: file.text, added: file.addedLines, allAdded: file.allAdded });
        const hashes = windows(own);
        const local = others.some((f) => f.path === file.path) ? undefined : new Map<string, Origin>();
        let region: { from: number; to: number; origin: Origin } | undefined;
        const copies: { first: number; last: number; origin: Origin }[] = [];
        const flush = (): void => {
          if (!region) return;
          const first = own.lines[region.from]!;
          const last = own.lines[Math.min(region.to + WINDOW - 1, own.lines.length - 1)]!;
          if (last - first + 1 >= MIN_LINES) copies.push({ first, last, origin: region.origin });
          region = undefined;
        };
        const report = (): void => {
          const first = copies[0];
          if (!first) return;
          const where = first.origin.path === file.path ? `line ${first.origin.line}` : `${first.origin.path}:${first.origin.line}`;
          const lines = copies.reduce((n, c) => n + c.last - c.first + 1, 0);
          const more = copies.length > 1 ? ` (${copies.length} repeated blocks, ${lines} lines in this file)` : '';
          // One finding per file, at the first copy.
          context.report({
            start: file.offsetOfLine(first.first),
            end: file.offsetOfLine(first.last),
            message: `Lines ${first.first}-${first.last} repeat the block at ${where}, added in this same change${more}.`,
            ...(file.isAuxiliary ? { severity: 'info' as const } : {}),
          });
        };
        hashes.forEach((h, index) => {
          let origin = (local ?? firstSeen).get(h);
          if (local && !origin) local.set(h, { path: file.path, index, line: own.lines[index]! });
          // The first occurrence itself, or an overlapping repeat inside one window, is not a copy.
          if (origin && origin.path === file.path && index - origin.index < WINDOW) origin = undefined;
          if (!origin) return flush();
          if (region && index === region.to + 1) region.to = index;
          else {
            flush();
            region = { from: index, to: index, origin };
          }
        });
        flush();
        report();
      },
    };
  },
});
