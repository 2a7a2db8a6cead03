import picomatch from 'picomatch';
import { rules as builtIn } from '../../rules/index.js';
import type { Config, RuleSetting } from '../config/defaults.js';
import type { ActiveRule } from '../pipeline/run-rules.js';
import type { Rule } from './define-rule.js';

export function builtInRules(): readonly Rule<unknown>[] {
  return builtIn;
}

/** The rules a run uses, with levels and options from the configuration (its `rules`, no overrides). */
export function activateRules(config: Pick<Config, 'rules'>, rules: readonly Rule<unknown>[]): ActiveRule[] {
  const active: ActiveRule[] = [];
  for (const rule of rules) {
    const setting = config.rules[rule.id];
    const level = setting === undefined ? undefined : Array.isArray(setting) ? setting[0] : setting;
    if (level === 'off') continue;
    const options = Array.isArray(setting) && setting.length === 2 ? { ...(rule.defaultOptions as object), ...setting[1] } : rule.defaultOptions;
    active.push(level === undefined ? { rule, options } : { rule, level, options });
  }
  return active;
}

/** A setting that names only a level keeps the options set before it (ESLint's flat config does the same). */
function merge(earlier: RuleSetting | undefined, later: RuleSetting): RuleSetting {
  if (Array.isArray(later) && later.length === 2) return later;
  const level = Array.isArray(later) ? later[0] : later;
  return Array.isArray(earlier) && earlier.length === 2 ? [level, earlier[1]] : level;
}

/**
 * The active rules for each file: `rules`, then every `overrides` entry whose `files` match the path
 * (and whose `ignores` do not), later entries winning. Files that match the same entries share one list.
 */
export function ruleActivator(config: Pick<Config, 'rules' | 'overrides'>, rules: readonly Rule<unknown>[]): (path: string) => ActiveRule[] {
  const base = activateRules(config, rules);
  if (config.overrides.length === 0) return () => base;
  const matchers = config.overrides.map((o) => {
    const files = picomatch(o.files, { dot: true });
    const ignores = o.ignores?.length ? picomatch(o.ignores, { dot: true }) : () => false;
    return (path: string) => files(path) && !ignores(path);
  });
  const bySignature = new Map<string, ActiveRule[]>();
  return (path) => {
    const matching = config.overrides.filter((_, i) => matchers[i]!(path));
    if (matching.length === 0) return base;
    const signature = matching.map((o) => config.overrides.indexOf(o)).join(',');
    let active = bySignature.get(signature);
    if (!active) {
      const settings: Record<string, RuleSetting> = { ...config.rules };
      for (const o of matching) for (const [id, s] of Object.entries(o.rules)) settings[id] = merge(settings[id], s);
      active = activateRules({ rules: settings }, rules);
      bySignature.set(signature, active);
    }
    return active;
  };
}
