import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { isPlaceholder } from '../../src/secrets/detect.js';
import { relativeTarget } from '../../src/rules/resolve/relative.js';
import { memoryProject } from '../../src/testing/run-rule.js';
import { oneLine } from '../../src/reporters/text.js';
import { words } from '../../src/rules/ast.js';
import { tempRepo } from '../helpers/repo.js';

/*
 * Long adversarial lines: before the fix each of these took from seconds to minutes (`# a` + 3,000
 * spaces + `x`: 42 s). The tests assert the results; the timings live in bench/adversarial.mjs.
 */
const SPACES = ' '.repeat(20_000);

describe('regular expressions on user content run in linear time', () => {
  it('reads comment lines of text files with long runs of spaces', async () => {
    const repo = tempRepo();
    repo.commit('init', {});
    repo.stage({
      'deploy.sh': `# a${SPACES}x\n# hardcoded for now${SPACES}\n`,
      'config.yml': `# a${SPACES}x -->${SPACES}\nkey: 1\n`,
      '.env': `# a${SPACES}*/${SPACES}x\n`,
    });

    const { report } = await analyze({ cwd: repo.dir });

    expect(report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual(['deferral-comment deploy.sh:2']);
  });

  it('parses suppression directives followed by long runs of spaces', async () => {
    const repo = tempRepo();
    repo.commit('init', {});
    repo.stage({
      'run.sh': `# diffwarden-ignore-next-line deferral-comment -- generated${SPACES}\n# hardcoded for now\n# diffwarden-ignore-file a${SPACES}x${SPACES}\n`,
      'README.md': `<!-- diffwarden-ignore-file a${SPACES}x${SPACES}\n`,
    });

    const { report } = await analyze({ cwd: repo.dir });

    // Line 3 names two unknown rules and gives no reason; the README line lacks its `-->`, so it is prose.
    expect(report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual(['invalid-suppression run.sh:3', 'invalid-suppression run.sh:3', 'invalid-suppression run.sh:3']);
    expect(report.summary.suppressed).toBe(1);
  });

  it('judges 100,000 comment lines of narration in one pass', async () => {
    const repo = tempRepo();
    repo.commit('init', {});
    repo.stage({ 'src/a.ts': `${'// Increment the counter\n'.repeat(100_000)}counter++;\n` });

    const { report } = await analyze({ cwd: repo.dir, config: { ...defaultConfig(), maxFileBytes: 4 * 1024 * 1024 } });

    expect(report.findings.filter((f) => f.ruleId === 'narrating-comment').map((f) => [f.line, f.message])).toEqual([
      [1, '100000 new comments narrate the next line (first: "Increment the counter"); comments should say why.'],
    ]);
  }, 60_000);

  it('answers the helpers that see user text on long adversarial values', () => {
    expect(isPlaceholder(`${'<abc1'.repeat(20_000)}x`)).toBe(false);
    expect(isPlaceholder(`${'your'.repeat(20_000)}x1`)).toBe(false);
    expect(isPlaceholder('<your-api-key>')).toBe(true);
    expect(relativeTarget('src/a.ts', `./b${'#'.repeat(50_000)}\n`)).toBe('src/b');
    expect(oneLine(`a${' '.repeat(50_000)}b \n \n c`)).toBe(`a${' '.repeat(50_000)}b c`);
    expect(words(`${'A'.repeat(50_000)}b`)).toEqual(['a'.repeat(49_999), 'ab']);
  });
});
