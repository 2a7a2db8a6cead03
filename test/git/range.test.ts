import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { tempRepo } from '../helpers/repo.js';

const at = (report: { findings: { file: string; line: number }[] }) => report.findings.map((f) => `${f.file}:${f.line}`);

describe('ranges and bases', () => {
  it('compares two commits with A..B', async () => {
    const repo = tempRepo();
    const a = repo.commit('a', { 'x.ts': 'export const x = 1;\n' });
    repo.commit('b', { 'x.ts': 'export const x = 1;\ndebugger;\n' });
    const c = repo.commit('c', { 'y.ts': 'debugger;\n' });

    const { report } = await analyze({ cwd: repo.dir, target: { kind: 'range', range: `${a}..${c}` } });

    expect(report.mode).toBe('range');
    expect(at(report)).toEqual(['x.ts:2', 'y.ts:1']);
  });

  it('compares B with the merge base for A...B and defaults an empty side to HEAD', async () => {
    const repo = tempRepo();
    repo.commit('base', { 'x.ts': 'export const x = 1;\n' });
    repo.git('checkout', '-q', '-b', 'feature');
    repo.commit('feature', { 'f.ts': 'debugger;\n' });
    repo.git('checkout', '-q', 'main');
    repo.commit('main moves on', { 'm.ts': 'export const m = 1;\nexport const n = 2;\n' });
    repo.git('checkout', '-q', 'feature');

    const three = await analyze({ cwd: repo.dir, target: { kind: 'range', range: 'main...' } });
    const two = await analyze({ cwd: repo.dir, target: { kind: 'range', range: 'main..feature' } });

    expect(at(three.report)).toEqual(['f.ts:1']);
    // Two dots compare the trees directly, so m.ts shows as removed, f.ts as added.
    expect(at(two.report)).toEqual(['f.ts:1']);
    expect(two.report.summary.linesRemoved).toBe(2);
  });

  it('--base REF analyses merge-base(REF, HEAD)...HEAD, like a pull request', async () => {
    const repo = tempRepo();
    repo.commit('base', { 'x.ts': 'export const x = 1;\n' });
    repo.git('checkout', '-q', '-b', 'feature');
    repo.commit('one', { 'a.ts': 'debugger;\n' });
    repo.commit('two', { 'b.ts': 'export const b = 2;\n' });
    repo.git('checkout', '-q', 'main');
    repo.commit('main', { 'main-only.ts': 'debugger;\n' });
    repo.git('checkout', '-q', 'feature');

    const { report } = await analyze({ cwd: repo.dir, target: { kind: 'base', ref: 'main' } });

    expect(report.target).toBe('main...HEAD');
    expect(at(report)).toEqual(['a.ts:1']);
    expect(report.summary.filesAnalyzed).toBe(2);
  });

  it('treats a single commit as that commit against its parent, and a root commit against nothing', async () => {
    const repo = tempRepo();
    const root = repo.commit('root', { 'r.ts': 'debugger;\n' });
    const second = repo.commit('second', { 's.ts': 'debugger;\n' });

    const one = await analyze({ cwd: repo.dir, target: { kind: 'range', range: second } });
    const first = await analyze({ cwd: repo.dir, target: { kind: 'range', range: root } });

    expect(at(one.report)).toEqual(['s.ts:1']);
    expect(at(first.report)).toEqual(['r.ts:1']);
  });

  it('rejects unknown refs, option-like refs and unrelated histories with clear messages', async () => {
    const repo = tempRepo();
    repo.commit('a', { 'a.ts': 'export {};\n' });

    await expect(analyze({ cwd: repo.dir, target: { kind: 'range', range: 'nope..HEAD' } })).rejects.toThrow(
      'Unknown revision "nope" in --range nope..HEAD. Check it with `git log -1 nope`; in CI, fetch it first (actions/checkout with fetch-depth: 0).',
    );
    await expect(analyze({ cwd: repo.dir, target: { kind: 'range', range: '--output=/tmp/x..HEAD' } })).rejects.toThrow(
      'Invalid revision "--output=/tmp/x" in --range --output=/tmp/x..HEAD: a revision cannot start with "-" or contain control characters.',
    );
    await expect(analyze({ cwd: repo.dir, target: { kind: 'base', ref: 'missing' } })).rejects.toThrow('Unknown revision "missing" in --base missing.');

    repo.git('checkout', '-q', '--orphan', 'other');
    repo.git('rm', '-rq', '--cached', '.');
    repo.commit('unrelated', { 'o.ts': 'export {};\n' });
    await expect(analyze({ cwd: repo.dir, target: { kind: 'base', ref: 'main' } })).rejects.toThrow(
      'No merge base for --base main: the two histories are unrelated. Use --range A..B to compare them directly.',
    );
  });

  it('explains a missing merge base in a shallow clone', async () => {
    const origin = tempRepo();
    origin.commit('one', { 'a.ts': 'export {};\n' });
    origin.commit('two', { 'b.ts': 'export {};\n' });
    origin.git('checkout', '-q', '-b', 'feature');
    origin.commit('three', { 'c.ts': 'export {};\n' });
    const clone = tempRepo({ init: false });
    clone.git('clone', '-q', '--depth', '1', '--no-single-branch', `file://${origin.dir}`, '.');

    await expect(analyze({ cwd: clone.dir, target: { kind: 'base', ref: 'origin/main' } })).rejects.toThrow(/this clone is shallow.*fetch-depth: 0/);
  });

  it('never changes the repository it reads', async () => {
    const repo = tempRepo();
    const a = repo.commit('a', { 'a.ts': 'export {};\n' });
    repo.commit('b', { 'b.ts': 'debugger;\n' });
    const before = repo.git('--no-optional-locks', 'status', '--porcelain=v1') + repo.git('rev-parse', 'HEAD') + repo.git('for-each-ref');

    await analyze({ cwd: repo.dir, target: { kind: 'range', range: `${a}..HEAD` } });

    expect(repo.git('--no-optional-locks', 'status', '--porcelain=v1') + repo.git('rev-parse', 'HEAD') + repo.git('for-each-ref')).toBe(before);
  });
});
