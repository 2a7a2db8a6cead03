import { defineRule } from '../src/rules/define-rule.js';
import type { ChangeFile } from '../src/rules/context.js';
import { inertLines } from '../src/rules/inert-lines.js';
import { carriesLogic, logicLines } from '../src/rules/logic-lines.js';
import { isHandWritten } from '../src/rules/hand-written.js';

const WINDOW = 6; // lines
const MIN_CHARS = 120; // about 50 tokens
const MIN_LINES = WINDOW;

interface Lines {
  path: string;
  /** Normalised text of each added, non-trivial line, with its line number. */
  texts: string[];
  lines: number[];
  /** A stretch id per kept line: kept lines with real code between them (unchanged or carried) are in different stretches. */
  stretch: number[];
}

const SKIP = /^[\s{}()[\];,]*$/;
const UNEVEN_SPACE = /\s{2,}|[^\S ]/;
const COMMENT = /^(?:\/\/|\/\*|\*)/;

function normalised(raw: string): string | undefined {
  const trimmed = raw.trim();
  const text = UNEVEN_SPACE.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
  // Comments (`//`, `/*`, the ` * ` lines of a doc comment) are no code: a copied doc comment is no copied logic.
  return text.length < 4 || SKIP.test(text) || COMMENT.test(text) || text.startsWith('import ') ? undefined : text;
}

/**
 * Added lines with whitespace collapsed; lines of only brackets and punctuation are skipped. `added`
 * holds the lines the change introduced (code it only moved or re-indented is left out). `inert`
 * lines (declarations, lists and data without logic) are left out too.
 */
function linesOf(file: { path: string; text: string; added: readonly number[]; allAdded: boolean }, inert?: ReadonlySet<number>): Lines {
  const texts: string[] = [];
  const lines: number[] = [];
  const stretch: number[] = [];
  const all = file.text.split('\n');
  let current = 0;
  const consider = (line: number): void => {
    const raw = all[line - 1];
    if (raw === undefined) return;
    // Left out like a line of brackets: a copied block of logic around a nested data literal stays one block.
    if (inert?.has(line)) return;
    const text = normalised(raw);
    if (text === undefined) return;
    // Two edits far apart are not one block: any line of code between them starts a new stretch.
    const before = lines[lines.length - 1];
    if (before !== undefined) for (let l = before + 1; l < line; l++) if (!inert?.has(l) && normalised(all[l - 1]!) !== undefined) {
      current++;
      break;
    }
    texts.push(text);
    lines.push(line);
    stretch.push(current);
  };
  if (file.allAdded) for (let line = 1; line <= all.length; line++) consider(line);
  else for (const line of file.added) consider(line);
  return { path: file.path, texts, lines, stretch };
}

function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * A key per window of WINDOW consecutive kept lines (null when the window is too small to matter):
 * a 52-bit number mixed from the lines' hashes, so that no window's text is ever concatenated.
 * Equal keys are confirmed by comparing the lines (sameWindow).
 */
function windows(lines: Lines): (number | null)[] {
  const { texts, stretch } = lines;
  const hashes = texts.map(hashText);
  const out: (number | null)[] = [];
  let chars = 0;
  for (let i = 0; i < WINDOW - 1 && i < texts.length; i++) chars += texts[i]!.length;
  for (let i = 0; i + WINDOW <= texts.length; i++) {
    chars += texts[i + WINDOW - 1]!.length;
    if (chars >= MIN_CHARS && stretch[i] === stretch[i + WINDOW - 1]) {
      let a = 0x9e3779b1;
      let b = 0x85ebca6b;
      for (let j = i; j < i + WINDOW; j++) {
        a = Math.imul(a ^ hashes[j]!, 0x01000193);
        b = Math.imul((b ^ hashes[j]!) + j - i, 0xc2b2ae35);
      }
      out.push((a >>> 6) * 0x4000000 + (b >>> 6));
    } else out.push(null);
    chars -= texts[i]!.length;
  }
  return out;
}

function sameWindow(a: readonly string[], i: number, b: readonly string[], j: number): boolean {
  for (let k = 0; k < WINDOW; k++) if (a[i + k] !== b[j + k]) return false;
  return true;
}

const NAMES = ['onEditInvoiceRow', 'onDeleteInvoiceRow', 'onDuplicateInvoiceRow', 'translateColumnLabel', 'currentWorkspaceUserId', 'workspacePermissionSet', 'localisedDateFormatter']
  .map((n) => `  ${n},\n`)
  .join('');
const ENTRY = (tool: string) =>
  `    <Menu.Entry\n      onPick={() => editor.selectTool({ kind: "${tool}" })}\n      icon={${tool}Glyph}\n      data-testid="menu-${tool}"\n      active={activeTool === "${tool}"}\n      disabled={isToolLocked(editor, "${tool}")}\n    >\n      {translate("menu.${tool}")}\n    </Menu.Entry>\n`;
const HOOK = (name: string) =>
  `export const use${name} = <TData = ${name}Response, TError = ${name}Error>(\n  clientOptions: Options<unknown, true> = {},\n  queryKey?: unknown[],\n  options?: Omit<UseQueryOptions<TData, TError>, 'queryKey' | 'queryFn'>,\n) =>\n  useQuery<TData, TError>({\n    queryKey: ['${name}', clientOptions, ...(queryKey ?? [])],\n    queryFn: () => fetch${name}({ ...clientOptions }).then((response) => response.data as TData),\n    ...options,\n  });\n`;
const PARAMS = '  url: string,\n  headers?: Record<string, string>,\n  signal?: AbortSignal,\n  timeoutMs?: number,\n  retries?: number,\n  onRetry?: (attempt: number) => void,\n  onAbort?: (reason: unknown) => void,\n';

function describe(path: string, copies: readonly Copy[]): string {
  const first = copies[0]!;
  const where = first.origin.path === path ? `line ${first.origin.line}` : `${first.origin.path}:${first.origin.line}`;
  const lines = copies.reduce((n, c) => n + c.last - c.first + 1, 0);
  const more = copies.length > 1 ? ` (${copies.length} repeated blocks, ${lines} lines in this file)` : '';
  return `Lines ${first.first}-${first.last} repeat the block at ${where}, added in this same change${more}.`;
}

interface Copy {
  first: number;
  last: number;
  origin: Origin;
}

interface Origin {
  path: string;
  index: number;
  line: number;
  texts: readonly string[];
  lines: readonly number[];
}

export default defineRule({
  id: 'duplicate-block',
  meta: {
    category: 'maintainability',
    severity: 'warn',
    confidence: 'medium',
    description: 'A block of 6+ lines (120+ characters) of logic added more than once in the same change; markup, types, data and generated files do not count.',
    why: 'Duplicated blocks of five or more lines grew eightfold in 2024 with assistant use (GitClear). Pasting the same logic into several places multiplies every later fix.',
    fix: 'Extract the shared logic into one function and call it from each place.',
    files: 'code',
    examples: {
      fires: [
        {
          file: 'src/handlers.ts',
          code: [1, 2]
            .map(
              (n) =>
                `export async function handler${n}(req: Request) {\n  const body = await req.json();\n  if (!body.id || typeof body.id !== 'string') throw new Error('bad id');\n  const user = await db.users.find({ where: { id: body.id, active: true } });\n  if (!user) return new Response('not found', { status: 404 });\n  await audit.log({ action: 'read', user: user.id, at: Date.now() });\n  const orders = await db.orders.list({ where: { userId: user.id }, limit: 20 });\n  return Response.json({ id: user.id, name: user.name, email: user.email, orders });\n}`,
            )
            .join('\n'),
          lines: [11],
        },
      ],
      passes: [
        { file: 'src/handlers.ts', code: 'export const a = (x: number) => x + 1;\nexport const b = (x: number) => x + 2;\n' },
        {
          // A destructured parameter list and the shorthand object its caller passes: the same names, no copied logic.
          file: 'src/columns.ts',
          code: `export function columnsFor({\n${NAMES}}: Options) {\n  return [onEditInvoiceRow, onDeleteInvoiceRow];\n}\nexport const columns = columnsFor({\n${NAMES}});\n`,
        },
        {
          // Overloads and one augmentation per module repeat what TypeScript requires.
          file: 'src/request.ts',
          code: ['GET', 'POST'].map((m) => `export function send(\n  method: '${m}',\n${PARAMS}): Promise<Response>;\n`).join('') + 'export function send(method: string, url: string): Promise<Response> {\n  return fetch(url, { method });\n}\n' + ['@vitest/expect', 'vitest'].map((m) => `declare module '${m}' {\n  interface Assertion<T> {\n${PARAMS.replace(/,/g, ';')}  }\n}\n`).join(''),
        },
        {
          // Neighbouring rows of a table of plain data.
          file: 'src/models.ts',
          code: `export const MODELS = {\n${['gpt-4o', 'gpt-4o-mini'].map((m) => `  '${m}': {\n    contextWindow: 128000,\n    supportsVision: true,\n    supportsTools: true,\n    supportsStreaming: true,\n    supportsJsonMode: true,\n    maxOutputTokens: 16384,\n  },\n`).join('')}};\n`,
        },
        {
          // The same menu entry in the desktop and the mobile menu: markup and its inline wiring, no logic.
          file: 'src/menus.tsx',
          code: ['Desktop', 'Mobile'].map((m) => `export const ${m}Menu = ({ editor, activeTool }: MenuProps) => (\n  <Menu>\n${ENTRY('fill')}  </Menu>\n);\n`).join(''),
        },
        {
          // A code generator's output, marked as such in its header.
          file: 'src/queries/hooks.ts',
          code: `// generated with openapi-query-codegen@2.0.0\n\n${HOOK('ListInvoices')}${HOOK('ListPayments')}`,
        },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file, change, ts: api } = context;
    if (!isHandWritten(file.path, file.text)) return {};
    return {
      onEnd() {
        const eligible = (f: ChangeFile) => f.kind === 'code' && f.status !== 'deleted' && isHandWritten(f.path, f.text);
        // Once per run, not per file: per file it was quadratic in the number of changed files.
        const { others, paths } = change.memo('duplicate-block-files', () => {
          const list = change.files.filter(eligible);
          return { others: list, paths: new Set(list.map((f) => f.path)) };
        });
        // The first place each window appears, across the change in order (or within this file in an audit).
        const firstSeen = change.memo('duplicate-block', () => {
          const seen = new Map<number, Origin>();
          for (const f of others) {
            const kept = linesOf({ ...f, added: change.freshLines(f.path) });
            windows(kept).forEach((h, index) => {
              if (h !== null && !seen.has(h)) seen.set(h, { path: f.path, index, line: kept.lines[index]!, texts: kept.texts, lines: kept.lines });
            });
          }
          return seen;
        });
        // One more walk of the tree, only where a window of added lines can exist at all.
        const inert = file.sourceFile && file.addedLines.length >= MIN_LINES ? inertLines(api, file.sourceFile) : undefined;
        const own = linesOf({ path: file.path, text: file.text, added: file.addedLines.filter((line) => file.isAddedLine(line)), allAdded: file.allAdded }, inert);
        const hashes = windows(own);
        const local = paths.has(file.path) ? undefined : new Map<number, Origin>();
        let region: { from: number; to: number; origin: Origin; last: Origin } | undefined;
        const copies: Copy[] = [];
        let logic: ReadonlySet<number> | undefined;
        const flush = (): void => {
          if (!region) return;
          const to = Math.min(region.to + WINDOW - 1, own.lines.length - 1);
          const first = own.lines[region.from]!;
          const last = own.lines[to]!;
          // The walk for logic only once a copy is found: most files have none.
          logic ??= file.sourceFile ? logicLines(api, file.sourceFile) : undefined;
          if (last - first + 1 >= MIN_LINES && (!logic || carriesLogic(own.lines.slice(region.from, to + 1), logic))) copies.push({ first, last, origin: region.origin });
          region = undefined;
        };
        hashes.forEach((h, index) => {
          if (h === null) return flush();
          let origin = (local ?? firstSeen).get(h);
          if (origin && !sameWindow(origin.texts, origin.index, own.texts, index)) origin = undefined;
          else if (local && !origin) local.set(h, { path: file.path, index, line: own.lines[index]!, texts: own.texts, lines: own.lines });
          // The first occurrence itself, or an overlapping repeat inside one window, is not a copy. Lines,
          // not indexes: the change-wide index keeps the inert lines that this file's own list leaves out.
          if (origin && origin.path === file.path && own.lines[index]! <= origin.lines[origin.index + WINDOW - 1]!) origin = undefined;
          if (!origin) return flush();
          // A block grows only while its copy follows the same original, window after window.
          if (region && index === region.to + 1 && origin.path === region.last.path && origin.index === region.last.index + 1) {
            region.to = index;
            region.last = origin;
          } else {
            flush();
            region = { from: index, to: index, origin, last: origin };
          }
        });
        flush();
        const first = copies[0];
        if (!first) return;
        // One finding per file, at the first copy.
        context.report({
          start: file.offsetOfLine(first.first),
          end: file.offsetOfLine(first.last + 1),
          message: describe(file.path, copies),
          ...(file.isAuxiliary ? { severity: 'info' as const } : {}),
        });
      },
    };
  },
});
