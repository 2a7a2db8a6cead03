import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { SEVERITY_RANK, type Severity } from '../../src/types.js';
import { tempRepo } from '../helpers/repo.js';
import { CASES, type CorpusCase } from './cases.js';

function parse(expectation: string): { rule: string; file: string; line: number; severity: Severity } {
  const match = /^([\w-]+)@(.+):(\d+)=(info|warn|block)$/.exec(expectation);
  if (!match) throw new Error(`bad expectation ${expectation}`);
  return { rule: match[1]!, file: match[2]!, line: Number(match[3]), severity: match[4] as Severity };
}

async function run(c: CorpusCase, mode: 'range' | 'staged') {
  const repo = tempRepo();
  const before = repo.commit('before', c.before);
  for (const [path, content] of Object.entries(c.after)) {
    if (content === null) rmSync(join(repo.dir, path));
    else repo.write(path, content);
  }
  repo.git('add', '-A');
  if (mode === 'staged') return (await analyze({ cwd: repo.dir })).report;
  repo.git('commit', '-q', '-m', 'after');
  return (await analyze({ cwd: repo.dir, target: { kind: 'range', range: `${before}..HEAD` } })).report;
}

describe('corpus of realistic assistant changes', () => {
  for (const c of CASES) {
    for (const mode of ['range', 'staged'] as const) {
      it(`${c.expect.length ? 'catches' : 'passes'} ${c.name} (${mode})`, async () => {
        const report = await run(c, mode);
        if (c.expect.length === 0) {
          expect(report.findings.filter((f) => f.severity !== 'info').map((f) => `${f.ruleId}@${f.file}:${f.line} ${f.message}`)).toEqual([]);
          expect(report.decision).toBe('pass');
          return;
        }
        for (const wanted of c.expect.map(parse)) {
          const hit = report.findings.find((f) => f.ruleId === wanted.rule && f.file === wanted.file && f.line === wanted.line);
          expect(hit, `${wanted.rule}@${wanted.file}:${wanted.line} in ${JSON.stringify(report.findings.map((f) => `${f.ruleId}@${f.file}:${f.line}=${f.severity}`))}`).toBeDefined();
          expect(SEVERITY_RANK[hit!.severity]).toBeGreaterThanOrEqual(SEVERITY_RANK[wanted.severity]);
        }
      });
    }
  }
});
