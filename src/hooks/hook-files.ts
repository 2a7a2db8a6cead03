import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import type * as YAML from 'yaml';
import { UsageError } from '../errors.js';
import type { InstallRecord } from './install-record.js';
import { loadYaml } from '../util/optional-modules.js';

export type HookManager = 'husky' | 'lefthook' | 'git';

/** One thing `init` did or would do; `uninstall` reverses exactly these. */
export interface Change {
  file: string;
  action: 'created' | 'updated' | 'unchanged' | 'removed' | 'restored';
  detail: string;
}

export const MARKER = '# added by diffwarden init';
const HOOK_HEADER = '# diffwarden pre-commit hook: installed by `diffwarden init`, removed by `diffwarden uninstall`.';
const LEFTHOOK_FILES = ['lefthook.yml', 'lefthook.yaml', '.lefthook.yml', '.lefthook.yaml'];
const BACKUP_SUFFIX = '.diffwarden-backup';

const NOT_INSTALLED =
  'diffwarden: not installed in this clone, so this commit was not checked. Install the project\'s dependencies (npm install, pnpm install, yarn, bun install), or skip the check once with git commit --no-verify.';

/**
 * The command a hook runs. It names nothing of the machine that ran `init`, so it works in every
 * clone: the project's own install (node_modules/.bin, or Yarn Plug'n'Play), else a diffwarden on
 * PATH, else one line saying the commit was not checked (and the commit stops, so no one thinks it was).
 */
function command(): string {
  return [
    'if [ -x ./node_modules/.bin/diffwarden ]; then ./node_modules/.bin/diffwarden check --staged;',
    'elif [ -f ./.pnp.cjs ] && command -v yarn >/dev/null 2>&1; then yarn diffwarden check --staged;',
    'elif command -v diffwarden >/dev/null 2>&1; then diffwarden check --staged;',
    `else echo "${NOT_INSTALLED}" >&2; exit 1; fi`,
  ].join(' ');
}

export function detectManager(root: string): HookManager {
  if (existsSync(join(root, '.husky'))) return 'husky';
  if (LEFTHOOK_FILES.some((f) => existsSync(join(root, f)))) return 'lefthook';
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const deps = { ...pkg.dependencies, ...pkg.devDependencies };
    if (deps.husky) return 'husky';
    if (deps.lefthook || deps['@evilmartians/lefthook']) return 'lefthook';
  } catch {
    // no package.json: a plain git hook
  }
  return 'git';
}

/** Writes atomically; an existing file keeps its mode (a hook must stay executable). With `record`, notes what init wrote. */
function write(file: string, text: string, mode?: number, record?: InstallRecord): void {
  record?.wrote(file, text, existsSync(file) ? readFileSync(file, 'utf8') : undefined);
  mkdirSync(dirname(file), { recursive: true });
  if (mode === undefined && existsSync(file)) mode = statSync(file).mode & 0o7777;
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, mode === undefined ? undefined : { mode });
  renameSync(tmp, file);
  if (mode !== undefined) chmodSync(file, mode);
}

function display(root: string, file: string): string {
  const rel = relative(root, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** husky: one marked line in .husky/pre-commit, keeping whatever is already there. */
export function installHusky(root: string, record: InstallRecord): Change {
  const file = join(root, '.husky', 'pre-commit');
  const line = `${command()} ${MARKER}`;
  if (!existsSync(file)) {
    write(file, `${line}\n`, 0o755, record);
    return { file: display(root, file), action: 'created', detail: 'runs diffwarden check --staged' };
  }
  const text = readFileSync(file, 'utf8');
  if (text.split('\n').some((l) => l.includes(MARKER))) return { file: display(root, file), action: 'unchanged', detail: 'diffwarden is already in the hook' };
  write(file, `${text}${text.endsWith('\n') || text === '' ? '' : '\n'}${line}\n`, undefined, record);
  return { file: display(root, file), action: 'updated', detail: 'appended diffwarden check --staged' };
}

export function uninstallHusky(root: string, record: InstallRecord): Change | undefined {
  const file = join(root, '.husky', 'pre-commit');
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  const kept = text.split('\n').filter((l) => !l.includes(MARKER));
  if (kept.length === text.split('\n').length) return undefined;
  return undo(root, file, record, kept.join('\n'), 'removed the diffwarden line');
}

/**
 * Takes init's change out of `file`: deletes the file only when init created it and it is as init
 * left it; restores the text init replaced when nothing changed since; otherwise writes `rest`
 * (the file without diffwarden's part) and keeps the file.
 */
function undo(root: string, file: string, record: InstallRecord, rest: string, detail: string): Change {
  const entry = record.unchanged(file);
  record.forget(file);
  if (entry?.created) {
    rmSync(file);
    return { file: display(root, file), action: 'removed', detail: 'created by diffwarden init and unchanged since' };
  }
  write(file, entry?.original ?? rest);
  return { file: display(root, file), action: entry ? 'restored' : 'updated', detail: entry ? 'put back the text from before diffwarden init' : detail };
}

const yaml = (): typeof YAML => loadYaml();

/** lefthook: a `pre-commit.commands.diffwarden` entry, editing the YAML document so comments survive. */
export function installLefthook(root: string, record: InstallRecord): Change {
  const existing = LEFTHOOK_FILES.map((f) => join(root, f)).find((f) => existsSync(f));
  const file = existing ?? join(root, 'lefthook.yml');
  const Y = yaml();
  const doc = existing ? Y.parseDocument(readFileSync(file, 'utf8')) : new Y.Document({});
  if (doc.errors.length > 0) throw new UsageError(`${display(root, file)} is not valid YAML (${doc.errors[0]!.message}); fix it before running diffwarden init.`);
  if (doc.hasIn(['pre-commit', 'commands', 'diffwarden'])) return { file: display(root, file), action: 'unchanged', detail: 'diffwarden is already a pre-commit command' };
  doc.setIn(['pre-commit', 'commands', 'diffwarden', 'run'], command());
  write(file, doc.toString({ lineWidth: 0 }), undefined, record);
  return { file: display(root, file), action: existing ? 'updated' : 'created', detail: 'added pre-commit command "diffwarden"' };
}

export function uninstallLefthook(root: string, record: InstallRecord): Change | undefined {
  const file = LEFTHOOK_FILES.map((f) => join(root, f)).find((f) => existsSync(f));
  if (!file) return undefined;
  const Y = yaml();
  const doc = Y.parseDocument(readFileSync(file, 'utf8'));
  if (!doc.hasIn(['pre-commit', 'commands', 'diffwarden'])) return undefined;
  doc.deleteIn(['pre-commit', 'commands', 'diffwarden']);
  const commands = doc.getIn(['pre-commit', 'commands']);
  if (Y.isMap(commands) && commands.items.length === 0) doc.deleteIn(['pre-commit', 'commands']);
  const hook = doc.getIn(['pre-commit']);
  if (Y.isMap(hook) && hook.items.length === 0) doc.deleteIn(['pre-commit']);
  return undo(root, file, record, doc.toString({ lineWidth: 0 }), 'removed pre-commit command "diffwarden"');
}

function gitHookScript(): string {
  return `#!/bin/sh\n${HOOK_HEADER}\n[ "\${DIFFWARDEN_SKIP:-}" = "1" ] && exit 0\n${command()}\n`;
}

/** A plain git hook in the hooks directory (core.hooksPath honoured); a foreign hook needs --force and is backed up. */
export function installGitHook(hooksDir: string, root: string, force: boolean, record: InstallRecord): Change {
  const file = join(hooksDir, 'pre-commit');
  const script = gitHookScript();
  if (existsSync(file)) {
    const current = readFileSync(file, 'utf8');
    if (current.includes(HOOK_HEADER)) {
      if (current === script) return { file: display(root, file), action: 'unchanged', detail: 'diffwarden hook already installed' };
      write(file, script, 0o755);
      return { file: display(root, file), action: 'updated', detail: 'refreshed the diffwarden hook' };
    }
    if (!force) {
      throw new UsageError(
        `${display(root, file)} already exists and was not written by diffwarden. Add \`diffwarden check --staged\` to it yourself, or rerun with --force to replace it (it is kept as pre-commit${BACKUP_SUFFIX} and restored by \`diffwarden uninstall\`).`,
      );
    }
    renameSync(file, `${file}${BACKUP_SUFFIX}`);
    write(file, script, 0o755, record);
    return { file: display(root, file), action: 'created', detail: `replaced the existing hook (kept as pre-commit${BACKUP_SUFFIX})` };
  }
  write(file, script, 0o755, record);
  return { file: display(root, file), action: 'created', detail: 'runs diffwarden check --staged' };
}

/** The hook script is diffwarden's own from its first line to its last (HOOK_HEADER says so). */
export function uninstallGitHook(hooksDir: string, root: string, record: InstallRecord): Change | undefined {
  const file = join(hooksDir, 'pre-commit');
  if (!existsSync(file) || !readFileSync(file, 'utf8').includes(HOOK_HEADER)) return undefined;
  record.forget(file);
  rmSync(file);
  if (existsSync(`${file}${BACKUP_SUFFIX}`)) {
    renameSync(`${file}${BACKUP_SUFFIX}`, file);
    return { file: display(root, file), action: 'restored', detail: 'put the previous hook back' };
  }
  return { file: display(root, file), action: 'removed', detail: 'removed the diffwarden hook' };
}

export const STARTER_CONFIG = `${JSON.stringify(
  {
    $schema: './node_modules/diffwarden/schema/config.schema.json',
    failOn: 'block',
    ignorePatterns: [],
    rules: {},
  },
  null,
  2,
)}\n`;
