import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { CONFIG_FILES } from '../../config/load.js';
import { UsageError } from '../../errors.js';
import { git } from '../../git/run-git.js';
import { repositoryRoot } from '../../pipeline/diff-source.js';
import {
  detectManager,
  installGitHook,
  installHusky,
  installLefthook,
  STARTER_CONFIG,
  uninstallGitHook,
  uninstallHusky,
  uninstallLefthook,
  type Change,
  type HookManager,
} from '../../hooks/hook-files.js';
import { InstallRecord } from '../../hooks/install-record.js';
import { parseCommandArgs } from '../args.js';
import { INIT_HELP, UNINSTALL_HELP } from '../help.js';
import type { CliIO } from '../io.js';

async function hooksDir(root: string): Promise<string> {
  // --git-path honours core.hooksPath and worktrees.
  const out = (await git(root, ['rev-parse', '--git-path', 'hooks'])).toString('utf8').trim();
  return isAbsolute(out) ? out : resolve(root, out);
}

/** init's record of what it wrote, in the git directory shared by all worktrees (never committed). */
async function installRecord(root: string): Promise<InstallRecord> {
  const out = (await git(root, ['rev-parse', '--git-common-dir'])).toString('utf8').trim();
  return InstallRecord.read(join(isAbsolute(out) ? out : resolve(root, out), 'diffwarden', 'installed.json'));
}

function print(io: CliIO, changes: Change[]): void {
  for (const c of changes) io.stdout.write(`  ${c.action.padEnd(9)} ${c.file}: ${c.detail}\n`);
}

export async function runInit(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs('init', argv, { husky: { type: 'boolean' }, lefthook: { type: 'boolean' }, git: { type: 'boolean' }, force: { type: 'boolean' }, 'no-config': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, false);
  if (values.help) {
    io.stdout.write(INIT_HELP);
    return 0;
  }
  const chosen = (['husky', 'lefthook', 'git'] as const).filter((m) => values[m]);
  if (chosen.length > 1) throw new UsageError(`--${chosen.join(' and --')} cannot be combined; pick one hook manager.`);
  const root = await repositoryRoot(io.cwd);
  const manager: HookManager = chosen[0] ?? detectManager(root);
  const changes: Change[] = [];
  const record = await installRecord(root);

  // The hook first: if it cannot be installed (a foreign hook), nothing else is touched.
  if (manager === 'husky') changes.push(installHusky(root, record));
  else if (manager === 'lefthook') changes.push(installLefthook(root, record));
  else changes.push(installGitHook(await hooksDir(root), root, values.force === true, record));
  if (!values['no-config']) {
    const existing = CONFIG_FILES.find((f) => existsSync(join(root, f)));
    if (existing) changes.push({ file: existing, action: 'unchanged', detail: 'configuration already present' });
    else {
      record.wrote(join(root, 'diffwarden.config.json'), STARTER_CONFIG, undefined);
      writeFileSync(join(root, 'diffwarden.config.json'), STARTER_CONFIG);
      changes.push({ file: 'diffwarden.config.json', action: 'created', detail: 'starter configuration' });
    }
  }
  record.save();

  io.stdout.write(`diffwarden init (${manager}):\n`);
  print(io, changes);
  const note =
    manager === 'husky'
      ? 'husky runs .husky/pre-commit once `npx husky` has set core.hooksPath (its prepare script does).'
      : manager === 'lefthook'
        ? 'Run `npx lefthook install` if lefthook is not installed in this clone yet.'
        : 'Every `git commit` now runs `diffwarden check --staged`.';
  io.stdout.write(`\n${note} Skip once with \`git commit --no-verify\` or DIFFWARDEN_SKIP=1.\n`);
  return 0;
}

export async function runUninstall(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs('uninstall', argv, { help: { type: 'boolean', short: 'h' } }, false);
  if (values.help) {
    io.stdout.write(UNINSTALL_HELP);
    return 0;
  }
  const root = await repositoryRoot(io.cwd);
  const record = await installRecord(root);
  const changes = [uninstallHusky(root, record), uninstallLefthook(root, record), uninstallGitHook(await hooksDir(root), root, record)].filter((c): c is Change => c !== undefined);
  const config = join(root, 'diffwarden.config.json');
  if (existsSync(config)) {
    const ours = record.unchanged(config)?.created === true && readFileSync(config, 'utf8') === STARTER_CONFIG;
    record.forget(config);
    if (ours) rmSync(config);
    changes.push(ours ? { file: 'diffwarden.config.json', action: 'removed', detail: 'unchanged starter configuration' } : { file: 'diffwarden.config.json', action: 'unchanged', detail: 'kept: edited, or not created by diffwarden init in this clone' });
  }
  record.save();
  if (changes.length === 0) io.stdout.write('diffwarden uninstall: nothing to remove.\n');
  else {
    io.stdout.write('diffwarden uninstall:\n');
    print(io, changes);
  }
  return 0;
}
