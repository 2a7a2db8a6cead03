import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir, tempRepo, type TempRepo } from './repo.js';

const ENTRY = fileURLToPath(new URL('../../dist-action/index.js', import.meta.url));

/** Runs the committed bundle the way GitHub runs a node action: inputs and context in the environment. */
export function runAction(repo: TempRepo, event: object, api: string, inputs: Record<string, string> = {}, extraEnv: NodeJS.ProcessEnv = {}) {
  const dir = tempDir();
  const files = { event: join(dir, 'event.json'), output: join(dir, 'output'), summary: join(dir, 'summary.md') };
  writeFileSync(files.event, JSON.stringify(event));
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GITHUB_WORKSPACE: repo.dir,
    GITHUB_EVENT_NAME: 'pull_request' in event ? 'pull_request' : 'push',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_API_URL: api,
    GITHUB_REPOSITORY: 'acme/shop',
    'INPUT_GITHUB-TOKEN': 'test-token',
    'INPUT_FAIL-ON': 'block',
    INPUT_REVIEW: 'false',
    INPUT_COMMENT: 'true',
    'INPUT_INLINE-COMMENTS': 'true',
    'INPUT_SARIF-FILE': 'diffwarden.sarif',
    INPUT_CONFIG: '',
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...extraEnv,
  };
  return new Promise<{ code: number | null; stdout: string; outputs: Record<string, string>; summary: string }>((resolve) => {
    const child = spawn(process.execPath, [ENTRY], { cwd: repo.dir, env });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stdout += d));
    child.on('close', (code) => {
      const outputs: Record<string, string> = {};
      const text = readFileSync(files.output, 'utf8');
      for (const m of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[m[1]!] = m[3]!;
      resolve({ code, stdout, outputs, summary: readFileSync(files.summary, 'utf8') });
    });
  });
}

export function pullRequest(): { repo: TempRepo; event: (head: string) => object } {
  const repo = tempRepo();
  const base = repo.commit('base', { 'src/cart.ts': 'export function total(prices: number[]) {\n  return prices.reduce((a, b) => a + b, 0);\n}\n' });
  repo.git('checkout', '-q', '-b', 'feature');
  return { repo, event: (head: string) => ({ pull_request: { number: 7, base: { sha: base }, head: { sha: head } } }) };
}

