import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { redact } from '../../src/llm/redact.js';
import { displayLine, keyBlocksOf } from '../../src/pipeline/display-line.js';
import { sensitiveRanges } from '../../src/secrets/sensitive.js';
import { openAiServers, reply } from '../helpers/openai-server.js';
import { j, tempDir, tempRepo } from '../helpers/repo.js';
import { PLANTED } from '../secrets/planted.js';

const BIN = fileURLToPath(new URL('../../bin/diffwarden.js', import.meta.url));
const KEY = j('sk-test-', 'redactionKeyNeverSent', '0123456789');
const server = openAiServers();

function cli(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Every planted secret that occurs in `text`, by form. */
function leaks(text: string): string[] {
  return PLANTED.flatMap((p) => p.secrets.filter((s) => text.includes(s)).map(() => p.form));
}

describe('no planted secret reaches the LLM or a report', () => {
  it(`plants ${PLANTED.length} forms in a real repository; the fake server receives none, and code frames mask them`, async () => {
    expect(PLANTED.length).toBeGreaterThanOrEqual(35);
    const s = await server(() => reply(JSON.stringify({ findings: [] }), { prompt_tokens: 900, completion_tokens: 20 }));
    const repo = tempRepo();
    const base: Record<string, string> = { 'diffwarden.config.json': JSON.stringify({ llm: { baseURL: s.url, cache: false } }), 'README.md': '# app\n' };
    for (const p of PLANTED) if (p.base) base[p.file] = p.base;
    repo.commit('base', base);
    repo.stage(Object.fromEntries(PLANTED.map((p) => [p.file, (p.base ?? '') + p.text])));
    const env = { OPENAI_API_KEY: KEY, DIFFWARDEN_STATE_DIR: tempDir(), DIFFWARDEN_CACHE_DIR: tempDir() };

    const json = await cli(repo.dir, ['check', '--review', '--format', 'json'], env);
    expect(json.stderr).toBe('');
    const report = JSON.parse(json.stdout);
    expect(report.llm.skipped).toEqual([]);
    expect(new Set(report.llm.reviewedFiles)).toEqual(new Set(PLANTED.map((p) => p.file)));
    expect(s.requests.length).toBeGreaterThan(0);
    const sent = s.requests.map((r) => `${r.raw}\n${r.body.messages.map((m) => m.content).join('\n')}`).join('\n');
    expect(leaks(sent)).toEqual([]);
    // What the model is shown instead: the marker, on the same numbered line.
    const shown = s.requests.map((r) => r.body.messages.map((m) => m.content).join('\n')).join('\n');
    expect(shown).toContain('+    3 |   "private_key": "[REDACTED secret in "private_key"]",');
    expect(shown).toContain('- deploy/.env:1 (hardcoded-password) Hard-coded password in "DB_PASSWORD".');
    expect(shown).toContain(`     2 |   const legacyPassword = '[REDACTED secret in "legacyPassword"]';`);
    expect(shown).toContain('+    4 |   api-key: [REDACTED secret in "api-key"]\n');
    expect(report.llm.redactions).toBeGreaterThanOrEqual(PLANTED.length);

    expect(leaks(json.stdout)).toEqual([]);
    // Static findings on the planted lines show masked code frames.
    const frames = report.findings.filter((f: { snippet?: string; category: string }) => f.category === 'secret').map((f: { file: string; snippet: string }) => `${f.file}: ${f.snippet}`);
    expect(frames).toContain('config/gcp.json:   "private_key": "----************",');
    expect(frames).toContain("src/db.ts: export const pool = { user: 'app', password: 'adm******** };");
    expect(frames).toContain('mail/.env: SMTP_PASSWORD="corr************"');
    expect(frames).toContain('certs/server.pem: ----************');

    const text = await cli(repo.dir, ['check', '--format', 'text'], env);
    expect(leaks(text.stdout + text.stderr)).toEqual([]);
  }, 60_000);

  it('masks each planted form in the text itself, context lines included', () => {
    for (const p of PLANTED) {
      const file = (p.base ?? '') + p.text;
      const masked = redact(file).text;
      expect(p.secrets.filter((secret) => masked.includes(secret)), p.form).toEqual([]);
      expect(sensitiveRanges(file).length, p.form).toBeGreaterThan(0);
    }
  });

  it('masks each planted form in a code frame of any of its lines', () => {
    for (const p of PLANTED) {
      const file = (p.base ?? '') + p.text;
      const starts = [0];
      for (let i = file.indexOf('\n'); i >= 0; i = file.indexOf('\n', i + 1)) starts.push(i + 1);
      const frames = starts.map((_s, i) => displayLine(file, starts, i + 1, [], keyBlocksOf(file))).join('\n');
      expect(p.secrets.filter((secret) => frames.includes(secret)), p.form).toEqual([]);
    }
  });

  it('masks the shown start of a long minified line', () => {
    const secret = j('Zq8vR2mLx9', 'wKp3TbN6cY');
    const file = `x\nvar c={apiKey:"${secret}"};${'f();'.repeat(3000)}\n`;
    const frame = displayLine(file, [0, 2, file.length], 2, [], keyBlocksOf(file))!;
    expect(frame.slice(0, 40)).toBe('var c={apiKey:"Zq8v************"};f();f(');
  });

  it('leaves ordinary code alone: references, types, comparisons with non-literals', () => {
    const code = [
      'const apiKey = process.env.API_KEY;',
      'interface Login { password: string; token?: string }',
      "const tokenUrl = 'https://auth.acme.net/oauth/token';",
      'if (password === confirm) save(password);',
      "const cacheKey = 'user-profile';",
      'DB_PASSWORD=${DB_PASSWORD}',
    ].join('\n');
    expect(redact(code)).toEqual({ text: code, count: 0 });
  });
});
