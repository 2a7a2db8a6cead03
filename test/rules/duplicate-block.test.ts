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
