import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { onTestFinished } from 'vitest';

export interface TempRepo {
  dir: string;
  /** Runs git in the repository and returns stdout. */
  git(...args: string[]): string;
  write(path: string, content: string | Buffer): void;
  read(path: string): Buffer;
  /** Writes files, stages them and commits; returns the commit id. */
  commit(message: string, files?: Record<string, string | Buffer>): string;
  stage(files: Record<string, string | Buffer>): void;
}

/** A hermetic temporary git repository (branch main, no signing, lf endings), removed after the test. */
export function tempRepo(options: { init?: boolean } = {}): TempRepo {
  const dir = mkdtempSync(join(tmpdir(), 'dw-repo-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (options.init !== false) {
    git('init', '-q', '-b', 'main');
    git('config', 'commit.gpgsign', 'false');
    git('config', 'core.autocrlf', 'false');
    git('config', 'gc.auto', '0');
  }
  const write = (path: string, content: string | Buffer): void => {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  };
  const stage = (files: Record<string, string | Buffer>): void => {
    for (const [path, content] of Object.entries(files)) write(path, content);
    const paths = Object.keys(files);
    for (let i = 0; i < paths.length; i += 500) git('add', '--', ...paths.slice(i, i + 500));
  };
  return {
    dir,
    git,
    write,
    read: (path) => readFileSync(join(dir, path)),
    stage,
    commit(message, files = {}) {
      if (Object.keys(files).length) stage(files);
      git('commit', '-q', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD').trim();
    },
  };
}

/** A throwaway directory that is not a git repository. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dw-dir-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Joins parts so that the test sources never contain a whole fake secret. */
export const j = (...parts: string[]): string => parts.join('');
