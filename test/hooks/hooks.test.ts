import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { j, tempRepo, type TempRepo } from '../helpers/repo.js';

const BIN = fileURLToPath(new URL('../../bin/diffwarden.js', import.meta.url));
const TOKEN = j('ghp_', 'R8x2Lq9ZtB4mK7vN3pW6yH1cJ5sD0fG2aE9u');
const PATH = `${dirname(process.execPath)}:${process.env.PATH ?? ''}`;

function dw(repo: TempRepo, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, PATH } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `git commit` through whatever hook is installed; returns the exit code and what the hook printed. */
function commit(repo: TempRepo, message: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync('git', ['commit', '-q', '-m', message, ...extra], { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, PATH, ...env } });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

/** What `npm install` leaves in a project that depends on diffwarden: its bin in node_modules/.bin. */
function installLocally(repo: TempRepo): void {
  mkdirSync(join(repo.dir, 'node_modules/.bin'), { recursive: true });
  symlinkSync(BIN, join(repo.dir, 'node_modules/.bin/diffwarden'));
  appendFileSync(join(repo.dir, '.git/info/exclude'), 'node_modules\n');
}

function start(): TempRepo {
  const repo = tempRepo();
  installLocally(repo);
  repo.commit('init', { 'app.ts': 'export const a = 1;\n' });
  return repo;
}

describe('pre-commit hook', () => {
  it('plain git hook: blocks a staged secret, lets a clean commit through, and is idempotent', () => {
    const repo = start();
    const first = dw(repo, 'init', '--git');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('created   diffwarden.config.json: starter configuration');
    const hook = join(repo.dir, '.git/hooks/pre-commit');
    expect(statSync(hook).mode & 0o111).not.toBe(0);
    const installed = readFileSync(hook, 'utf8');
    expect(dw(repo, 'init', '--git').stdout).toContain('unchanged .git/hooks/pre-commit: diffwarden hook already installed');
    expect(readFileSync(hook, 'utf8')).toBe(installed);

    repo.stage({ 'app.ts': `export const a = 1;\nconst token = '${TOKEN}';\n` });
    const blocked = commit(repo, 'leak');
    expect(blocked.code).not.toBe(0);
    expect(blocked.output).toMatch(/app\.ts\n {2}2:16 +block {2}Hard-coded GitHub token\./);
    expect(blocked.output).not.toContain(TOKEN);
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('1');

    repo.stage({ 'app.ts': 'export const a = 2;\n' });
    expect(commit(repo, 'clean').code).toBe(0);
    expect(repo.git('rev-list', '--count', 'HEAD').trim()).toBe('2');
  });

  it('judges what is staged: a secret only in the unstaged part does not block, and the file is untouched', () => {
    const repo = start();
    dw(repo, 'init', '--git', '--no-config');
    repo.stage({ 'app.ts': 'export const a = 1;\nexport const b = 2;\n' });
    const worktree = `export const a = 1;\nexport const b = 2;\nconst token = '${TOKEN}';\n`;
    repo.write('app.ts', worktree);

    expect(commit(repo, 'partial').code).toBe(0);
    expect(readFileSync(join(repo.dir, 'app.ts'), 'utf8')).toBe(worktree);
    expect(repo.git('show', 'HEAD:app.ts')).toBe('export const a = 1;\nexport const b = 2;\n');
    expect(repo.git('diff', '--name-only')).toBe('app.ts\n');
    expect(repo.git('diff', '--cached', '--name-only')).toBe('');
  });

  it('writes a hook that works in any clone: nothing of this machine in it, and one clear line where diffwarden is not installed', () => {
    const origin = start();
    dw(origin, 'init', '--git', '--no-config');
    const hook = readFileSync(join(origin.dir, '.git/hooks/pre-commit'), 'utf8');
    expect(hook).not.toContain(dirname(BIN));
    expect(hook).not.toContain(origin.dir);
    expect(hook).not.toContain(process.execPath);

    // A teammate's clone with the same hook but no install yet: the commit stops with one line, no stack.
    const clone = tempRepo({ init: false });
    clone.git('clone', '-q', origin.dir, '.');
    writeFileSync(join(clone.dir, '.git/hooks/pre-commit'), hook, { mode: 0o755 });
    clone.stage({ 'app.ts': 'export const a = 2;\n' });
    const r = spawnSync('git', ['commit', '-q', '-m', 'x'], { cwd: clone.dir, encoding: 'utf8', env: { ...process.env, PATH: '/usr/bin:/bin' } });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      "diffwarden: not installed in this clone, so this commit was not checked. Install the project's dependencies (npm install, pnpm install, yarn, bun install), or skip the check once with git commit --no-verify.\n",
    );
    expect(clone.git('rev-list', '--count', 'HEAD').trim()).toBe('1');

    // Once installed there, the same hook runs it.
    installLocally(clone);
    expect(commit(clone, 'x').code).toBe(0);
    expect(clone.git('rev-list', '--count', 'HEAD').trim()).toBe('2');
  });

  it('is bypassed by --no-verify and by DIFFWARDEN_SKIP=1', () => {
    const repo = start();
    dw(repo, 'init', '--git', '--no-config');
    repo.stage({ 'app.ts': 'debugger;\n' });
    expect(commit(repo, 'skip', [], { DIFFWARDEN_SKIP: '1' }).code).toBe(0);
    repo.stage({ 'app.ts': 'debugger;\ndebugger;\n' });
    expect(commit(repo, 'no verify', ['--no-verify']).code).toBe(0);
  });

  it('refuses to overwrite a foreign hook without --force, and uninstall restores it', () => {
    const repo = start();
    const hook = join(repo.dir, '.git/hooks/pre-commit');
    writeFileSync(hook, '#!/bin/sh\necho mine\n', { mode: 0o755 });
    const refused = dw(repo, 'init', '--git');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('.git/hooks/pre-commit already exists and was not written by diffwarden');
    expect(readFileSync(hook, 'utf8')).toBe('#!/bin/sh\necho mine\n');
    expect(existsSync(join(repo.dir, 'diffwarden.config.json'))).toBe(false);

    expect(dw(repo, 'init', '--git', '--force').code).toBe(0);
    expect(readFileSync(hook, 'utf8')).toContain('diffwarden');
    const removed = dw(repo, 'uninstall');
    expect(removed.stdout).toContain('restored  .git/hooks/pre-commit: put the previous hook back');
    expect(readFileSync(hook, 'utf8')).toBe('#!/bin/sh\necho mine\n');
    expect(existsSync(join(repo.dir, 'diffwarden.config.json'))).toBe(false);
  });

  it('honours core.hooksPath', () => {
    const repo = start();
    repo.git('config', 'core.hooksPath', 'githooks');
    dw(repo, 'init', '--git', '--no-config');
    expect(existsSync(join(repo.dir, 'githooks/pre-commit'))).toBe(true);
    repo.stage({ 'app.ts': 'debugger;\n' });
    expect(commit(repo, 'x').code).not.toBe(0);
  });

  it('husky: appends one line to .husky/pre-commit, keeps the rest, is idempotent, and uninstall removes only that line', () => {
    const repo = start();
    mkdirSync(join(repo.dir, '.husky'));
    const original = '#!/usr/bin/env sh\nnpm run lint --silent\n';
    writeFileSync(join(repo.dir, '.husky/pre-commit'), original, { mode: 0o755 });
    writeFileSync(join(repo.dir, 'package.json'), '{ "name": "x", "scripts": { "lint": "true" } }');
    expect(dw(repo, 'init', '--no-config').stdout).toContain('diffwarden init (husky)');
    const after = readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8');
    expect(after.startsWith(original)).toBe(true);
    expect(after.split('\n').filter((l) => l.includes('diffwarden'))).toHaveLength(1);
    dw(repo, 'init', '--no-config');
    expect(readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8')).toBe(after);

    repo.git('config', 'core.hooksPath', '.husky');
    repo.stage({ 'app.ts': 'debugger;\n' });
    expect(commit(repo, 'x').code).not.toBe(0);

    dw(repo, 'uninstall');
    expect(readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8')).toBe(original);
  });

  it('lefthook: adds a pre-commit command, keeps comments and other commands, and uninstall restores the file', () => {
    const repo = start();
    const original = '# team hooks\npre-commit:\n  parallel: true\n  commands:\n    lint:\n      run: npm run lint # fast\n';
    writeFileSync(join(repo.dir, 'lefthook.yml'), original);
    expect(dw(repo, 'init', '--no-config').stdout).toContain('updated   lefthook.yml: added pre-commit command "diffwarden"');
    const after = readFileSync(join(repo.dir, 'lefthook.yml'), 'utf8');
    expect(after).toContain('# team hooks');
    expect(after).toContain('run: npm run lint # fast');
    expect(after).toMatch(/ {4}diffwarden:\n {6}run: .*check --staged/);
    dw(repo, 'init', '--no-config');
    expect(readFileSync(join(repo.dir, 'lefthook.yml'), 'utf8')).toBe(after);
    dw(repo, 'uninstall');
    expect(readFileSync(join(repo.dir, 'lefthook.yml'), 'utf8')).toBe(original);
  });

  it('uninstall deletes only files init created: lefthook\'s own lefthook.yml survives, byte for byte', () => {
    const repo = start();
    // What `lefthook install` writes: comments only.
    const lefthooks = '# EXAMPLE USAGE:\n#\n#   Refer for explanation to following link:\n#   https://lefthook.dev/configuration/\n#\n# pre-push:\n#   jobs:\n#     - run: npm test\n';
    writeFileSync(join(repo.dir, 'lefthook.yml'), lefthooks);
    expect(dw(repo, 'init').stdout).toContain('updated   lefthook.yml: added pre-commit command "diffwarden"');
    const out = dw(repo, 'uninstall').stdout;
    expect(out).toContain('restored  lefthook.yml: put back the text from before diffwarden init');
    expect(out).toContain('removed   diffwarden.config.json: unchanged starter configuration');
    expect(readFileSync(join(repo.dir, 'lefthook.yml'), 'utf8')).toBe(lefthooks);
    expect(existsSync(join(repo.dir, 'diffwarden.config.json'))).toBe(false);
    expect(existsSync(join(repo.dir, '.git/diffwarden/installed.json'))).toBe(false);
  });

  it('uninstall without a record of init (another clone) removes only its entries and keeps the files', () => {
    const origin = start();
    writeFileSync(join(origin.dir, 'package.json'), '{ "name": "x", "devDependencies": { "lefthook": "^1.0.0" } }');
    expect(dw(origin, 'init').stdout).toContain('created   lefthook.yml: added pre-commit command "diffwarden"');
    origin.git('add', '-A');
    origin.git('commit', '-q', '--no-verify', '-m', 'hooks');
    const clone = tempRepo({ init: false });
    clone.git('clone', '-q', origin.dir, '.');
    const out = dw(clone, 'uninstall').stdout;
    expect(out).toContain('updated   lefthook.yml: removed pre-commit command "diffwarden"');
    expect(out).toContain('unchanged diffwarden.config.json: kept: edited, or not created by diffwarden init in this clone');
    expect(readFileSync(join(clone.dir, 'lefthook.yml'), 'utf8')).toBe('{}\n');
    expect(existsSync(join(clone.dir, 'diffwarden.config.json'))).toBe(true);

    // In the clone that ran init, the files it created go.
    expect(dw(origin, 'uninstall').stdout).toContain('removed   lefthook.yml: created by diffwarden init and unchanged since');
    expect(existsSync(join(origin.dir, 'lefthook.yml'))).toBe(false);
  });

  it('analyses only conflict resolutions in a merge commit', () => {
    const repo = start();
    repo.commit('shared', { 'shared.ts': 'export const v = 1;\n' });
    repo.git('checkout', '-q', '-b', 'feature');
    repo.commit('feature', { 'shared.ts': 'export const v = 2;\n' });
    repo.write('feature-only.ts', 'debugger;\n');
    repo.git('add', 'feature-only.ts');
    repo.git('commit', '-q', '--no-verify', '-m', 'feature file');
    repo.git('checkout', '-q', 'main');
    repo.commit('main', { 'shared.ts': 'export const v = 3;\n' });
    dw(repo, 'init', '--git', '--no-config');
    spawnSync('git', ['merge', 'feature'], { cwd: repo.dir });
    repo.stage({ 'shared.ts': 'export const v = 4;\n' });
    // feature-only.ts (already committed on the branch) must not block the merge.
    const merged = commit(repo, 'merge', ['--no-edit']);
    expect(merged.code, merged.output).toBe(0);

    repo.git('checkout', '-q', '-b', 'other', 'HEAD~1');
    repo.commit('other', { 'shared.ts': 'export const v = 5;\n' });
    spawnSync('git', ['merge', 'feature'], { cwd: repo.dir });
    repo.stage({ 'shared.ts': 'export const v = 6;\ndebugger;\n' });
    expect(commit(repo, 'bad resolution', ['--no-edit']).code).not.toBe(0);
  });

  it('does not block a cherry-pick for findings already in the picked commit', () => {
    const repo = start();
    repo.git('checkout', '-q', '-b', 'topic');
    repo.write('old.ts', 'debugger;\n');
    repo.git('add', 'old.ts');
    repo.git('commit', '-q', '--no-verify', '-m', 'has a finding');
    repo.git('checkout', '-q', 'main');
    dw(repo, 'init', '--git', '--no-config');
    repo.git('cherry-pick', '--no-commit', 'topic');
    writeFileSync(join(repo.dir, '.git/CHERRY_PICK_HEAD'), `${repo.git('rev-parse', 'topic')}`);
    const picked = commit(repo, 'picked');
    expect(picked.code, picked.output).toBe(0);
  });
});
