import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { tempRepo } from '../helpers/repo.js';

const filler = (from: number, count: number) => Array.from({ length: count }, (_, i) => `export const setting${from + i} = readSetting('setting-${from + i}', ${i});`);

/** The same three-line option, wired in near the top and near the bottom of a long module. */
const optionHead = ["  timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,", "  retryOnTimeout: options.retryOnTimeout ?? false,", "  onTimeout: options.onTimeout ?? noop,"];
const optionTail = ["  if (options.timeoutMs !== undefined) validateTimeout(options.timeoutMs);", "  if (options.retryOnTimeout) warnOnce('retryOnTimeout is experimental');", "  if (options.onTimeout) hooks.push(options.onTimeout);"];

const module = (name: string, withOption: boolean) =>
  [
    `export const ${name}Defaults = {`,
    `  name: '${name}',`,
    ...(withOption ? optionHead : []),
    '};',
    ...filler(0, 40),
    `export function configure${name}(options: Options) {`,
    ...(withOption ? optionTail : []),
    '  return options;',
    '}',
    '',
  ].join('\n');

const block = (name: string) =>
  [
    `function ${name}(input: Input) {`,
    '  const trimmed = input.value.trim().toLowerCase().replace(/\\s+/g, " ");',
    '  if (trimmed.length === 0 || trimmed.length > MAX_LENGTH) return { ok: false, reason: "length" };',
    '  const parts = trimmed.split(" ").filter((part) => part.length > 0 && !STOP_WORDS.has(part));',
    '  const scored = parts.map((part) => ({ part, score: weights.get(part) ?? DEFAULT_WEIGHT }));',
    '  const total = scored.reduce((sum, entry) => sum + entry.score, 0) / Math.max(scored.length, 1);',
    '  return { ok: total >= THRESHOLD, reason: total >= THRESHOLD ? "score" : "low", total };',
    '}',
    '',
  ].join('\n');

async function duplicates(repo: ReturnType<typeof tempRepo>, range: string) {
  const { report } = await analyze({ cwd: repo.dir, target: { kind: 'range', range } });
  return report.findings.filter((f) => f.ruleId === 'duplicate-block').map((f) => `${f.file}:${f.line}-${f.endLine} ${f.message}`);
}

describe('duplicate-block reports real contiguous copies only', () => {
  it('does not merge two small edits far apart into one block', async () => {
    const repo = tempRepo();
    const base = repo.commit('base', { 'src/http.ts': module('Http', false), 'src/socket.ts': module('Socket', false) });
    repo.commit('timeouts', { 'src/http.ts': module('Http', true), 'src/socket.ts': module('Socket', true) });
    expect(await duplicates(repo, `${base}..HEAD`)).toEqual([]);
  });

  it('still reports a block pasted twice, with the lines of the copy', async () => {
    const repo = tempRepo();
    const base = repo.commit('base', { 'src/rank.ts': 'export const MAX_LENGTH = 80;\n' });
    repo.commit('paste', { 'src/rank.ts': `export const MAX_LENGTH = 80;\n\n${block('rankTitle')}\n${block('rankBody')}` });
    expect(await duplicates(repo, `${base}..HEAD`)).toEqual(['src/rank.ts:13-18 Lines 13-18 repeat the block at line 4, added in this same change.']);
  });

  it('does not report copies that were already there and that the change only moved into new files', async () => {
    const repo = tempRepo();
    const base = repo.commit('base', { 'src/rank.ts': `export const MAX_LENGTH = 80;\n\n${block('rankTitle')}\n${block('rankBody')}` });
    repo.commit('split', {
      'src/rank.ts': 'export const MAX_LENGTH = 80;\n',
      'src/title.ts': `import { MAX_LENGTH } from './rank';\n\n${block('rankTitle')}`,
      'src/body.ts': `import { MAX_LENGTH } from './rank';\n\n${block('rankBody')}`,
    });
    expect(await duplicates(repo, `${base}..HEAD`)).toEqual([]);
  });
});

const names = ['onEditInvoiceRow', 'onDeleteInvoiceRow', 'onDuplicateInvoiceRow', 'translateColumnLabel', 'currentWorkspaceUserId', 'workspacePermissionSet', 'localisedDateFormatter', 'preferredCurrencyCode'];
const nameLines = names.map((n) => `  ${n},`);

const requestOverload = (method: string) => [`export function request(`, `  method: '${method}',`, '  url: string,', '  headers?: Record<string, string>,', '  signal?: AbortSignal,', '  timeoutMs?: number,', '  retries?: number,', '  onRetry?: (attempt: number) => void,', '): Promise<Response>;'];
const assertionAugment = (module: string) => [`declare module '${module}' {`, '  interface Assertion<T = any> {', '    toMatchDiagnostic(expected: string): T;', '    toHaveFindingAt(file: string, line: number): T;', '    toBlockWith(ruleId: string, message?: string): T;', '    toWarnWith(ruleId: string, message?: string): T;', '    toPassRule(ruleId: string, options?: object): T;', '  }', '}'];
const capabilities = (model: string) => [`  '${model}': {`, '    contextWindow: 128000,', '    supportsVision: true,', '    supportsTools: true,', '    supportsStreaming: true,', '    supportsJsonMode: true,', '    maxOutputTokens: 16384,', '  },'];
const client = (provider: string) => [
  `export function create${provider}Client(settings: Settings) {`,
  '  const client = new HttpClient({',
  '    baseUrl: settings.baseUrl ?? DEFAULT_BASE_URL,',
  '    apiKey: settings.apiKey ?? readEnv("API_KEY"),',
  '    timeoutMs: 30000,',
  '    maxRetries: 2,',
  '    fetch: settings.fetch ?? globalThis.fetch,',
  '    onError: (error: unknown) => logger.warn(`request failed: ${String(error)}`),',
  '  });',
  '  return client;',
  '}',
  '',
];

describe('duplicate-block ignores repetition without logic', () => {
  it('does not match a destructured parameter list against the shorthand object its caller passes', async () => {
    const repo = tempRepo();
    const base = repo.commit('base', { 'src/app.ts': 'export const ready = true;\n' });
    repo.commit('columns', {
      'src/columns.ts': ['export function getColumns({', ...nameLines, '}: ColumnOptions) {', `  return buildColumns([${names.join(', ')}]);`, '}', ''].join('\n'),
      'src/table.ts': ["import { getColumns } from './columns';", 'export function renderTable(props: TableProps) {', `  const { ${names.join(', ')} } = props;`, '  const columns = getColumns({', ...nameLines, '  });', '  return draw(columns);', '}', ''].join('\n'),
    });
    expect(await duplicates(repo, `${base}..HEAD`)).toEqual([]);
  });

  it('does not report overload signatures, per-module augmentations or declaration files', async () => {
    const repo = tempRepo();
    const base = repo.commit('base', { 'src/app.ts': 'export const ready = true;\n' });
    const env = (name: string) => [`export interface ${name} {`, '  readonly apiBaseUrl: string;', '  readonly telemetryEndpoint: string;', '  readonly featureFlagsUrl: string;', '  readonly releaseChannel: string;', '  readonly buildNumber: number;', '  readonly sentryDsn: string;', '}'];
    repo.commit('types', {
      'src/request.ts': [...requestOverload('GET'), ...requestOverload('POST'), 'export function request(method: string, url: string): Promise<Response> {', '  return fetch(url, { method });', '}', ''].join('\n'),
      'src/matchers.ts': ['export {};', ...assertionAugment('@vitest/expect'), ...assertionAugment('vitest'), ''].join('\n'),
      'src/env.d.ts': [...env('ServerEnv'), ...env('ClientEnv'), ''].join('\n'),
    });
    expect(await duplicates(repo, `${base}..HEAD`)).toEqual([]);
  });

  it('does not report barrels re-exporting the same names or neighbouring rows of a plain data table', async () => {
    const repo = tempRepo();
    const base = repo.commit('base', { 'src/app.ts': 'export const ready = true;\n' });
    const barrel = ['export {', '  createParser,', '  createTokenizer,', '  createFormatter,', '  parseDocument,', '  formatDocument,', '  tokenizeDocument,', '  validateDocument,', "} from './core';", ''].join('\n');
    repo.commit('exports', {
      'src/index.ts': barrel,
      'src/browser.ts': barrel,
      'src/models.ts': ['export const MODEL_CAPABILITIES = {', ...capabilities('gpt-4o'), ...capabilities('gpt-4o-mini'), ...capabilities('gpt-4.1'), '} as const;', ''].join('\n'),
    });
    expect(await duplicates(repo, `${base}..HEAD`)).toEqual([]);
  });

  it('still reports a client construction with its options copied into another provider', async () => {
    const repo = tempRepo();
    const base = repo.commit('base', { 'src/app.ts': 'export const ready = true;\n' });
    repo.commit('providers', { 'src/openai.ts': client('OpenAi').join('\n'), 'src/mistral.ts': client('Mistral').join('\n') });
    expect(await duplicates(repo, `${base}..HEAD`)).toEqual(['src/openai.ts:2-10 Lines 2-10 repeat the block at src/mistral.ts:2, added in this same change.']);
  });
});

/** One entry of a menu, added in the same words to the desktop and the mobile menu. */
const menuEntry = (tool: string, key: string) => [
  '      <Menu.Entry',
  `        onPick={() => editor.selectTool({ kind: "${tool}" })}`,
  `        icon={${tool}Glyph}`,
  `        data-testid="menu-${tool}"`,
  `        active={activeTool === "${tool}"}`,
  `        hotkey={HOTKEYS.${key}.toUpperCase()}`,
  `        disabled={isToolLocked(editor, "${tool}")}`,
  '      >',
  `        {translate("menu.${tool}")}`,
  '      </Menu.Entry>',
];
const menu = (name: string, extra: string[]) =>
  [`export function ${name}({ editor, activeTool }: MenuProps) {`, '  return (', '    <Menu>', ...extra, ...menuEntry('fill', 'F'), '    </Menu>', '  );', '}', ''].join('\n');

/** A dialog whose header wrapper, and a list item whose card markup, repeat in two places. */
const dialog = (name: string) =>
  [
    `export function ${name}({ open, onDismiss, titleKey }: DialogProps) {`,
    '  return (',
    '    <Dialog',
    '      open={open}',
    '      heading={',
    '        <header className="wizard-dialog__header">',
    '          <h2 className="wizard-dialog__title">{t(titleKey)}</h2>',
    '        </header>',
    '      }',
    '      onDismiss={onDismiss}',
    '      dismissOnBackdrop={false}',
    '    >',
    '      <p className="wizard-dialog__intro">{t(`${titleKey}_intro`)}</p>',
    '    </Dialog>',
    '  );',
    '}',
    '',
  ].join('\n');

/** What an OpenAPI-to-react-query generator writes: one hook per endpoint, alike but for the names. */
const generatedHook = (name: string) => [
  `export const use${name} = <`,
  `  TData = Common.${name}DefaultResponse,`,
  `  TError = ${name}Error,`,
  '  TQueryKey extends Array<unknown> = unknown[],',
  '>(',
  '  clientOptions: Options<unknown, true> = {},',
  '  queryKey?: TQueryKey,',
  "  options?: Omit<UseQueryOptions<TData, TError>, 'queryKey' | 'queryFn'>,",
  ') =>',
  '  useQuery<TData, TError>({',
  `    queryKey: Common.Use${name}KeyFn(clientOptions, queryKey),`,
  `    queryFn: () => ${name.charAt(0).toLowerCase() + name.slice(1)}({ ...clientOptions }).then((response) => response.data as TData) as TData,`,
  '    ...options,',
  '  });',
];

/** A command that prints the fields of its result, then the catch every command of the tool has. */
const command = (name: string, verb: string) =>
  [
    `export async function ${name}(session: Session, from: string, to: string) {`,
    `  const { diff } = ${verb}Edges(session, from, to);`,
    '  const graph = renderGraph(session);',
    `  print('graph.${verb}', {`,
    `    message: \`${verb}: \${from} -> \${to}\`,`,
    '    diff,',
    '    graph: {',
    '      state: session.state,',
    '      edgeCount: graph.stats.edgeCount,',
    '      nodeCount: graph.stats.nodeCount,',
    '      updatedAt: session.updatedAt,',
    '    },',
    '  });',
    '}',
    '',
  ].join('\n');

/** Props that two sibling components declare alike, and the parameters an override must repeat. */
const focusProps = (name: string) =>
  [
    `interface ${name}Props extends HTMLAttributes<HTMLDivElement> {`,
    '  regionId?: string;',
    '  navigationOverrides?: FocusOverrides;',
    '  scrollMode?: FocusScrollMode;',
    '  getScrollAnchor?: () => HTMLElement | null;',
    '  asChild?: boolean;',
    '  children: ReactNode;',
    '}',
    `export function ${name}({ regionId, children }: ${name}Props) {`,
    `  return <div data-region={regionId} className="${name}">{children}</div>;`,
    '}',
    '',
  ].join('\n');
const override = (method: string) => [
  '  /**',
  "   * Filters the metadata before the base class sees it.",
  '   *',
  '   * @param runId - the run this event belongs to',
  '   * @param parentRunId - the run that started it, if any',
  '   * @param metadata - extra fields, filtered before they are sent',
  '   */',
  `  async ${method}(`,
  '    serialized: Serialized,',
  '    input: string,',
  '    runId: string,',
  '    parentRunId?: string,',
  '    tags?: string[],',
  '    metadata?: Record<string, unknown>,',
  '    name?: string,',
  '  ): Promise<void> {',
  `    return super.${method}(serialized, input, runId, parentRunId, tags, dropSecrets(metadata), name);`,
  '  }',
];

/** An HTML mail written out once per language: the same table markup inside two template strings. */
const mail = (lang: string, greeting: string) =>
  [
    `export function welcomeMail${lang}(data: MailData): string {`,
    '  return `<!DOCTYPE html>',
    `<html lang="${lang.toLowerCase()}">`,
    '<body style="margin: 0; padding: 0; background-color: #f4f4f4;">',
    '  <table role="presentation" cellspacing="0" cellpadding="0" border="0" width="100%">',
    '    <tr>',
    '      <td style="padding: 32px 16px;">',
    '        <table role="presentation" cellspacing="0" cellpadding="0" border="0" width="560" style="margin: 0 auto;">',
    '          <tr>',
    '            <td style="background: #0b7a5c; padding: 40px; text-align: center; color: #ffffff;">',
    `              <h1 style="margin: 0; font-size: 24px;">${greeting}, \${data.name}</h1>`,
    '            </td>',
    '          </tr>',
    '        </table>',
    '      </td>',
    '    </tr>',
    '  </table>',
    '</body>',
    '</html>`;',
    '}',
    '',
  ].join('\n');

/** The same server setup at the top of each test of a Deno test file (`*_test.ts`). */
const socketTest = (name: string) => [
  `Deno.test("websocket - ${name}", async () => {`,
  '  const app = new App().get("/ws", (ctx) => ctx.upgrade((socket) => socket.onmessage = (e) => socket.send(e.data)));',
  '  const server = Deno.serve({ port: 0, onListen: () => {} }, app.handler());',
  '  const url = `ws://localhost:${server.addr.port}/ws`;',
  '  const socket = new WebSocket(url);',
  '  await new Promise((resolve) => socket.addEventListener("open", resolve, { once: true }));',
  '  const reply = new Promise((resolve) => socket.addEventListener("message", (e) => resolve(e.data), { once: true }));',
  `  socket.send("${name}");`,
  '  await server.shutdown();',
  '});',
];

/** Two cases of an eval suite (`*.eval.ts`) that check the same thing of the model's answer. */
const evalCase = (prompt: string) => [
  'evalCase({',
  `  prompt: "${prompt}",`,
  '  check: async (run) => {',
  '    const calls = run.toolCalls().filter((call) => call.name === RENAME_TOOL && call.args.scope === "file");',
  '    const edits = run.fileEdits().filter((edit) => edit.path.endsWith(".ts") && !edit.path.includes("generated"));',
  '    expect(calls.length, `expected no rename calls, got ${calls.length}`).toBe(0);',
  '    expect(edits.map((edit) => edit.path).sort(), "only the asked file changes").toEqual(["src/a.ts"]);',
  '    expect(run.finalAnswer().toLowerCase()).not.toContain("i renamed");',
  '    expect(run.turns().length).toBeLessThanOrEqual(MAX_TURNS);',
  '  },',
  '});',
];

/** The validated fields a create and an update DTO both declare, one decorator per line. */
const dto = (name: string) => [
  `export class ${name}SkillDto {`,
  "  @ApiPropertyOptional({ description: 'Shown in the skill list' })",
  '  @IsOptional()',
  '  @IsString()',
  '  @MaxLength(200)',
  '  description?: string;',
  "  @ApiPropertyOptional({ description: 'Tags used by search', type: [String] })",
  '  @IsOptional()',
  '  @IsArray()',
  '  @IsString({ each: true })',
  '  tags?: string[];',
  '}',
];

/** A handler with statements, written out in the markup of two components. */
const saveButton = (name: string) =>
  [
    `export function ${name}({ draft, store }: EditorProps) {`,
    '  return (',
    '    <button',
    '      onClick={async () => {',
    '        if (!draft.title.trim()) return toast.error(t("title_required"));',
    '        const saved = await store.save({ ...draft, updatedAt: Date.now() });',
    '        if (saved.conflict) await store.reload(draft.id);',
    '        analytics.track("draft_saved", { id: saved.id, size: draft.body.length });',
    '        router.push(`/drafts/${saved.id}`);',
    '      }}',
    '    >',
    '      {t("save")}',
    '    </button>',
    '  );',
    '}',
    '',
  ].join('\n');

describe('duplicate-block reports repeated logic, not repeated shapes', () => {
  it('does not report JSX markup repeated with its inline wiring', async () => {
    const repo = tempRepo();
    const base = repo.commit('base', { 'src/app.ts': 'export const ready = true;\n' });
    repo.commit('fill tool', {
      'src/menu.tsx': menu('DesktopMenu', []),
      'src/mobile-menu.tsx': menu('MobileMenu', ['      <Menu.Title>{translate("menu.tools")}</Menu.Title>']),
      'src/scan-dialog.tsx': dialog('ScanDialog'),
      'src/setup-dialog.tsx': dialog('SetupDialog'),
    });
    expect(await duplicates(repo, `${base}..HEAD`)).toEqual([]);
  });

  it('still reports a handler with statements copied inside markup', async () => {
    const repo = tempRepo();
    const base = repo.commit('base', { 'src/app.ts': 'export const ready = true;\n' });
    repo.commit('save buttons', { 'src/editor.tsx': saveButton('EditorSave'), 'src/toolbar.tsx': saveButton('ToolbarSave') });
    expect(await duplicates(repo, `${base}..HEAD`)).toEqual(['src/toolbar.tsx:2-13 Lines 2-13 repeat the block at src/editor.tsx:2, added in this same change.']);
  });

  it('does not report the output of a code generator that says so in its header', async () => {
    const repo = tempRepo();
    const base = repo.commit('base', { 'src/app.ts': 'export const ready = true;\n' });
    const header = ['// @ts-nocheck', '// generated with @acme/openapi-query-codegen@2.0.0', '', "import { useQuery, type UseQueryOptions } from '@tanstack/react-query';"];
    repo.commit('regenerate', { 'src/queries/queries.ts': [...header, ...generatedHook('ListInvoices'), ...generatedHook('ListPayments'), ''].join('\n') });
    expect(await duplicates(repo, `${base}..HEAD`)).toEqual([]);
  });

  it('does not report output fields, prop types, decorated DTO fields, override parameters or doc comments repeated', async () => {
    const repo = tempRepo();
    const base = repo.commit('base', { 'src/app.ts': 'export const ready = true;\n' });
    const callbacks = ['export class FilteredHandler extends BaseHandler {', ...override('handleLlmStart'), ...override('handleChainStart'), '}', ''].join('\n');
    repo.commit('commands', {
      'src/connect.ts': command('connect', 'connect'),
      'src/disconnect.ts': command('disconnect', 'disconnect'),
      'src/row-group.tsx': focusProps('RowGroup'),
      'src/column-group.tsx': focusProps('ColumnGroup'),
      'src/filtered-handler.ts': callbacks,
      'src/skill.dto.ts': [...dto('Create'), ...dto('Update'), ''].join('\n'),
    });
    expect(await duplicates(repo, `${base}..HEAD`)).toEqual([]);
  });

  it('does not report the text of template strings, tests named the Deno way or eval suites', async () => {
    const repo = tempRepo();
    const base = repo.commit('base', { 'src/app.ts': 'export const ready = true;\n' });
    repo.commit('mails and tests', {
      'src/mails.ts': [mail('EN', 'Welcome'), mail('DE', 'Willkommen')].join('\n'),
      'src/websocket_test.ts': [...socketTest('echo'), ...socketTest('close'), ''].join('\n'),
      'evals/rename.eval.ts': [...evalCase('Where is parseConfig defined?'), ...evalCase('Which files import the logger?'), ''].join('\n'),
    });
    expect(await duplicates(repo, `${base}..HEAD`)).toEqual([]);
  });
});
