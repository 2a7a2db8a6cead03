import { rules as builtIn } from '../../rules/index.js';
import type { Config } from '../config/defaults.js';
import type { ActiveRule } from '../pipeline/run-rules.js';
import type { Rule } from './define-rule.js';

export function builtInRules(): readonly Rule<unknown>[] {
  return builtIn;
}

/** The rules a run uses, with levels and options from the configuration. */
export function activateRules(config: Config, rules: readonly Rule<unknown>[]): ActiveRule[] {
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
