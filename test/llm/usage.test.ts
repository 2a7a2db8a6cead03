import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Ledger, type SettleRecord } from '../../src/llm/state.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/diffwarden.js', import.meta.url));

function settle(time: string, task: string, model: string, costMicros: number, outcome = 'ok'): SettleRecord {
  return { kind: 'settle', id: `${time}-${task}`, time, run: 'r', task, provider: 'openai', model, promptTokens: 100, cachedTokens: 0, completionTokens: 10, costMicros, latencyMs: 5, outcome, priceTable: '2026-04-30' };
}

function usage(state: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'usage', ...args], { encoding: 'utf8', env: { ...process.env, DIFFWARDEN_STATE_DIR: state } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('diffwarden usage', () => {
  const state = mkdtempSync(join(tmpdir(), 'dw-usage-'));
  afterAll(() => rmSync(state, { recursive: true, force: true }));
  const ledger = new Ledger(state);
  ledger.append(settle('2026-10-30T10:00:00.000Z', 'review', 'gpt-4o-mini', 450));
  ledger.append(settle('2026-11-02T10:00:00.000Z', 'review', 'gpt-4o-mini', 180));
  ledger.append(settle('2026-11-02T11:00:00.000Z', 'summary', 'gpt-4.1-nano', 0, 'cache-hit'));
  ledger.append(settle('2026-11-03T09:00:00.000Z', 'triage', 'gpt-4.1-nano', 25));
  ledger.append({ kind: 'reserve', id: 'x', time: '2026-11-03T09:00:00.000Z', run: 'r', task: 'triage', model: 'gpt-4.1-nano', amountMicros: 99, expiresAt: '2026-11-03T09:10:00.000Z' });

  it('prints totals and records as JSON', () => {
    const json = JSON.parse(usage(state, '--format', 'json').stdout);
    expect([json.totalUsd, json.requests, json.cacheHits, json.records.length]).toEqual([0.000655, 3, 1, 4]);
    expect(JSON.parse(usage(state, '--format', 'json', '--since', '2026-11-01').stdout).totalUsd).toBe(0.000205);
  });

  it('groups by model, task or day as a table or CSV', () => {
    expect(usage(state, '--by', 'model').stdout).toBe(
      [
        'model         requests  cache hits     tokens in    tokens out        cost',
        'gpt-4.1-nano         1           1           200            20  $0.000025',
        'gpt-4o-mini          2           0           200            20  $0.000630',
        'total                3           1                              $0.000655',
        '',
      ].join('\n'),
    );
    expect(usage(state, '--by', 'day', '--format', 'csv').stdout).toBe('day,requests,cacheHits,promptTokens,completionTokens,costUsd\n2026-10-30,1,0,100,10,0.00045\n2026-11-02,1,1,200,20,0.00018\n2026-11-03,1,0,100,10,0.000025\n');
  });

  it('rejects bad options with exit 2', () => {
    expect(usage(state, '--since', 'last week')).toMatchObject({ code: 2, stderr: 'diffwarden: Invalid value "last week" for --since: expected a date such as 2026-11-01.\n' });
    expect(usage(state, '--by', 'user').code).toBe(2);
  });
});
