import { relative, resolve } from 'node:path';
import type { Config, RuleSetting } from './config/defaults.js';
import { loadConfig } from './config/load.js';
import { GitError } from './errors.js';
import { repository } from './pipeline/diff-source.js';
import type { Rule } from './rules/define-rule.js';
import { builtInRules, ruleActivator } from './rules/registry.js';

export interface EffectiveConfig {
  /** The configuration file, or null for the defaults. */
  configFile: string | null;
  /** With a file: its repo-relative path, and every rule's level and options for it (overrides applied). */
  file?: string;
  config: Config;
  rules?: Record<string, RuleSetting>;
}

/** The configuration as diffwarden would use it (`diffwarden print-config [FILE]`); with a file, the rules that apply to it. */
export async function effectiveConfig(options: { cwd: string; configPath?: string; file?: string; rules?: readonly Rule<unknown>[] }): Promise<EffectiveConfig> {
  const rules = options.rules ?? builtInRules();
  let root = options.cwd;
  try {
    root = (await repository(options.cwd)).root;
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
  }
  const loaded = await loadConfig({ root, cwd: options.cwd, rules, ...(options.configPath !== undefined ? { path: options.configPath } : {}) });
  if (options.file === undefined) return { configFile: loaded.filepath, config: loaded.config };
  const file = relative(root, resolve(options.cwd, options.file)).split('\\').join('/');
  const active = ruleActivator(loaded.config, rules)(file);
  const byId = new Map(active.map((a) => [a.rule.id, a]));
  const effective: Record<string, RuleSetting> = {};
  for (const rule of [...rules].sort((a, b) => a.id.localeCompare(b.id))) {
    const a = byId.get(rule.id);
    const level = a ? (a.level ?? rule.meta.severity) : 'off';
    effective[rule.id] = a && rule.meta.options ? [level, a.options as Record<string, unknown>] : level;
  }
  return { configFile: loaded.filepath, file, config: loaded.config, rules: effective };
}
