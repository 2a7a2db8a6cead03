import { extname } from 'node:path';
import { defaultConfig, type Config } from '../config/defaults.js';
import { CONFIG_FILES, validateConfig } from '../config/load.js';
import { UsageError } from '../errors.js';
import { gitSync } from '../git/run-git.js';
import type { Rule } from '../rules/define-rule.js';
import { loadYaml } from '../util/optional-modules.js';

/**
 * The Action's configuration: JSON or YAML only, read from the base commit of a pull request. A
 * JavaScript config would run code from the pull request, and a config from the head would let the
 * pull request switch off the checks that judge it.
 */
export async function loadActionConfig(root: string, rev: string, path: string | undefined, rules: readonly Rule<unknown>[]): Promise<{ config: Config; source: string | null }> {
  const read = (file: string): string | undefined => gitSync(root, ['show', `${rev}:${file}`])?.toString('utf8');
  const parse = (file: string, text: string): unknown => {
    if (/\.(?:[cm]?js|ts)$/.test(file)) throw new UsageError(`${file}: the Action reads JSON or YAML configuration only; a JavaScript config would run code from the pull request.`);
    if (extname(file) === '.json' || file === '.diffwardenrc' || file === 'package.json') {
      try {
        const value = JSON.parse(text) as Record<string, unknown>;
        return file === 'package.json' ? value.diffwarden : value;
      } catch (error) {
        if (file === '.diffwardenrc') return loadYaml().parse(text);
        throw new UsageError(`${file}: invalid JSON (${(error as Error).message}).`);
      }
    }
    return loadYaml().parse(text);
  };
  const candidates = path ? [path] : [...CONFIG_FILES.filter((f) => !/\.(?:[cm]?js|ts)$/.test(f)), 'package.json'];
  for (const file of candidates) {
    const text = read(file);
    if (text === undefined) {
      if (path) throw new UsageError(`Config file not found at ${rev.slice(0, 12)}: ${path}.`);
      continue;
    }
    const raw = parse(file, text);
    if (raw === undefined) continue;
    return { config: await validateConfig(raw, file, rules), source: `${file}@${rev.slice(0, 12)}` };
  }
  return { config: defaultConfig(), source: null };
}

/**
 * The baseline of the same commit as the configuration: a pull request that adds its own findings to
 * the baseline does not hide them from the check that judges it.
 */
export function loadActionBaseline(root: string, rev: string, config: Config): { text: string; source: string } | false {
  if (config.baseline === false) return false;
  const text = gitSync(root, ['show', `${rev}:${config.baseline}`])?.toString('utf8');
  return text === undefined ? false : { text, source: `${config.baseline}@${rev.slice(0, 12)}` };
}
