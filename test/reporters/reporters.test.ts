import { describe, expect, it } from 'vitest';
import { FORMATS, loadReporter } from '../../src/reporters/types.js';
import { builtInRules } from '../../src/rules/registry.js';
import { report } from './fixture.js';

const meta = { rules: builtInRules(), color: false };

describe('reporters', () => {
  for (const format of FORMATS) {
    it(`renders ${format}`, async () => {
      const output = (await loadReporter(format))(report, meta);
      await expect(output).toMatchFileSnapshot(`__snapshots__/report.${format}.txt`);
    });
  }

  it('colours text only when asked', async () => {
    const text = await loadReporter('text');
    expect(text(report, meta)).not.toContain('\u001b[');
    expect(text(report, { ...meta, color: true })).toContain('\u001b[31m');
  });

  it('writes JSON that round-trips to the report', async () => {
    expect(JSON.parse((await loadReporter('json'))(report, meta))).toEqual(report);
  });

  it('writes SARIF 2.1.0 with rule descriptors, regions and partial fingerprints', async () => {
    const log = JSON.parse((await loadReporter('sarif'))(report, meta));
    const run = log.runs[0];
    expect(log.version).toBe('2.1.0');
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['debugger-statement', 'invalid-suppression', 'syntax-error']);
    expect(run.results.map((r: { ruleId: string; ruleIndex: number; level: string }) => [r.ruleId, run.tool.driver.rules[r.ruleIndex].id, r.level])).toEqual([
      ['debugger-statement', 'debugger-statement', 'error'],
      ['syntax-error', 'syntax-error', 'warning'],
      ['invalid-suppression', 'invalid-suppression', 'note'],
    ]);
    expect(run.results[1].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'src/a%7Cb.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3, startColumn: 14, endLine: 3, endColumn: 15 },
    });
    expect(run.results[0].partialFingerprints).toEqual({ 'diffwarden/v1': 'aaaaaaaaaaaaaaaaaaaaaaaa' });
    expect(run.tool.driver.rules[2].properties).toEqual({ category: 'syntax', confidence: 'medium', precision: 'medium', tags: ['syntax'] });
  });

  it('tags security rules so GitHub code scanning ranks them (security-severity from the rule\'s level)', async () => {
    const secret = { ...report.findings[0]!, ruleId: 'hardcoded-secret', category: 'secret' as const };
    const log = JSON.parse((await loadReporter('sarif'))({ ...report, findings: [secret] }, meta));
    expect(log.runs[0].tool.driver.rules[0].properties).toEqual({ category: 'secret', confidence: 'high', precision: 'high', tags: ['secret', 'security'], 'security-severity': '8.0' });
  });
});
