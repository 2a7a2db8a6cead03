import { describe, expect, it } from 'vitest';
import rule from '../../rules/shell-injection.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';

const run = (file: string, code: string) => runRule(rule as Rule<unknown>, { file, code }).map((f) => [f.line, f.severity]);

describe('shell-injection', () => {
  it('warns on exec of a command the file does not show, and blocks one built by interpolation through a local', () => {
    // A release script's helper that runs whatever command string it is handed.
    const code = [
      "const child = require('child_process');",
      'export function sh(command: string) {',
      '  return child.execSync(command, { stdio: "inherit" });',
      '}',
      'export function tag(version: string) {',
      '  const cmd = `git tag v${version}`;',
      '  child.exec(cmd);',
      '}',
    ].join('\n');
    expect(run('scripts/release.ts', code)).toEqual([
      [3, 'warn'],
      [7, 'block'],
    ]);
  });

  it('stays quiet on constant commands, also through a name', () => {
    const code = "import cp from 'node:child_process';\nconst LIST = 'ls -la';\nvar FLAGS = '--porcelain';\ncp.execSync(LIST);\ncp.execSync(`git status ${FLAGS}`);\n";
    expect(run('src/status.ts', code)).toEqual([]);
  });

  it('finds a script handed to a shell program without shell: true', () => {
    const code = "import { spawn, spawnSync } from 'child_process';\nexport function runHook(hook: string) {\n  const shell = process.platform === 'win32' ? 'cmd' : 'bash';\n  spawnSync('bash', ['-c', hook]);\n  spawn('sh', ['-c', `cd ${dir} && ${hook}`]);\n  spawn('git', ['commit', '-m', hook]);\n  spawn('bash', ['-c', 'echo ok']);\n}\n";
    expect(run('src/hooks.ts', code)).toEqual([
      [4, 'warn'],
      [5, 'block'],
    ]);
  });

  it('lets a command whose only run-time pieces are numbers through (a process id typed number)', () => {
    // Reading another process's command line on Windows: the pid is a number, no shell syntax can come in.
    const code = [
      "import { execFileSync, execSync } from 'node:child_process';",
      'export function commandLine(pid: number): string {',
      "  return execFileSync('powershell.exe', ['-NoProfile', '-Command', `(Get-CimInstance Win32_Process -Filter \"ProcessId = ${pid}\").CommandLine`], { encoding: 'utf-8' });",
      '}',
      'export function kill(pid: number, name: string) {',
      "  const port: number = 8080;",
      '  execSync(`kill -9 ${pid} && lsof -i :${port}`);',
      '  execSync(`pkill ${name}`);',
      '}',
    ].join('\n');
    expect(run('src/platform.ts', code)).toEqual([[8, 'block']]);
  });

  it('does not take a local that shadows the child_process name for it', () => {
    const code = "const foo = require('child_process');\nexport function parse(line: string) {\n  const foo = /^(\\w+)=(.*)$/;\n  return foo.exec(line);\n}\n";
    expect(run('src/env.ts', code)).toEqual([]);
  });
});
