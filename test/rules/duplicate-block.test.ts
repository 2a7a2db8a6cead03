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
