import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { z as Zod } from 'zod';
import { ConfigError } from '../errors.js';
import type { Rule } from '../rules/define-rule.js';
import { didYouMean } from '../util/nearest.js';
import { defaultConfig, type Config, type RuleLevel, type RuleSetting } from './defaults.js';

export const CONFIG_FILES = [
  'diffwarden.config.json',
  'diffwarden.config.js',
  'diffwarden.config.mjs',
  'diffwarden.config.cjs',
  'diffwarden.config.ts',
  '.diffwardenrc',
  '.diffwardenrc.json',
  '.diffwardenrc.yaml',
  '.diffwardenrc.yml',
];

export interface LoadedConfig {
  config: Config;
  /** The file the configuration came from, or null for the defaults. */
  filepath: string | null;
}

export interface LoadConfigOptions {
  /** Directory to search (the repository root). */
  root: string;
  /** Explicit `--config` path, relative to cwd. */
  path?: string;
  cwd?: string;
  rules: readonly Rule<unknown>[];
}

function packageJsonHasKey(root: string): boolean {
  const file = join(root, 'package.json');
  if (!existsSync(file)) return false;
  try {
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    return pkg !== null && typeof pkg === 'object' && 'diffwarden' in pkg;
  } catch {
    return false; // a broken package.json is not ours to report
  }
}

/** Finds, loads and validates the configuration. Without a config file nothing heavy is loaded. */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const explicit = options.path === undefined ? undefined : resolve(options.cwd ?? process.cwd(), options.path);
  if (explicit !== undefined && !existsSync(explicit)) {
    throw new ConfigError(`Config file not found: ${options.path} (resolved to ${explicit}). Check the --config path.`, explicit);
  }
  if (explicit === undefined && !CONFIG_FILES.some((name) => existsSync(join(options.root, name))) && !packageJsonHasKey(options.root)) {
    return { config: defaultConfig(), filepath: null };
  }

  const { cosmiconfig } = await import('cosmiconfig');
  const { codeLoaders } = await import('./load-code.js');
  const explorer = cosmiconfig('diffwarden', {
    searchPlaces: ['package.json', ...CONFIG_FILES],
    searchStrategy: 'none',
    cache: false,
    loaders: codeLoaders((file) => shortPath(file, options.root)),
  });
  let result: { config: unknown; filepath: string; isEmpty?: boolean } | null;
  try {
    result = explicit !== undefined ? await explorer.load(explicit) : await explorer.search(options.root);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const where = explicit ?? firstCandidate(options.root) ?? options.root;
    const message = (error instanceof Error ? error.message : String(error)).trim();
    throw new ConfigError(`Could not read ${shortPath(where, options.root)}: ${message}`, where);
  }
  if (!result) return { config: defaultConfig(), filepath: null };
  const display = shortPath(result.filepath, options.root);
  const raw = result.isEmpty ? {} : unwrapDefault(result.config);
  const config = await validateConfig(raw, display, options.rules);
  return { config, filepath: result.filepath };
}

/** The file cosmiconfig reads first when searching `root` (its search order). */
function firstCandidate(root: string): string | undefined {
  if (packageJsonHasKey(root)) return join(root, 'package.json');
  const name = CONFIG_FILES.find((n) => existsSync(join(root, n)));
  return name === undefined ? undefined : join(root, name);
}

function shortPath(file: string, root: string): string {
  const rel = relative(root, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function unwrapDefault(value: unknown): unknown {
  if (value && typeof value === 'object' && 'default' in value && Object.keys(value).length === 1) return (value as { default: unknown }).default;
  return value;
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function keyName(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '(top level)';
}

const LEVELS: readonly RuleLevel[] = ['off', 'info', 'warn', 'block'];

function buildSchema(z: typeof Zod) {
  const level = z.enum(LEVELS as [RuleLevel, ...RuleLevel[]]);
  const setting = z.union([level, z.tuple([level]), z.tuple([level, z.record(z.string(), z.unknown())])]);
  return z.strictObject({
    $schema: z.string().optional(),
    rules: z.record(z.string(), setting).optional(),
    ignorePatterns: z.array(z.string()).optional(),
    useDefaultIgnores: z.boolean().optional(),
    failOn: z.enum(['block', 'warn', 'never']).optional(),
    maxFileBytes: z.number().int().positive().optional(),
    sensitivePaths: z.array(z.string()).optional(),
    llm: z.record(z.string(), z.unknown()).optional(),
    baseline: z.union([z.string().min(1), z.literal(false)]).optional(),
    overrides: z.array(z.strictObject({ files: z.array(z.string().min(1)).min(1), ignores: z.array(z.string().min(1)).optional(), rules: z.record(z.string(), setting) })).optional(),
  });
}

type Issue = { code: string; path: PropertyKey[]; message: string; keys?: string[] };

function describeIssue(issue: Issue, raw: unknown, file: string, candidates: readonly string[]): ConfigError {
  const key = keyName(issue.path);
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    const parent = issue.path.length ? `${key}.` : '';
    const parts = issue.keys.map((k) => `"${parent}${k}"${didYouMean(k, candidates)}`);
    return new ConfigError(`${file}: unknown key ${parts.join(', ')}. Known keys: ${candidates.join(', ')}.`, file, `${parent}${issue.keys[0]}`);
  }
  const value = valueAt(raw, issue.path);
  return new ConfigError(`${file}: ${key}: ${issue.message} (got ${show(value)}).`, file, key);
}

/** Rule ids known, options valid for each rule; `at` is where the settings sit (for messages). */
function validateRules(z: typeof Zod, settings: Record<string, unknown>, raw: unknown, file: string, rules: readonly Rule<unknown>[], at: PropertyKey[]): Record<string, RuleSetting> {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const where = keyName(at);
  const out: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries(settings)) {
    const rule = byId.get(id);
    if (!rule) {
      throw new ConfigError(`${file}: ${where}.${id}: unknown rule id "${id}"${didYouMean(id, byId.keys())}. Run \`diffwarden rules\` to list them.`, file, `${where}.${id}`);
    }
    if (Array.isArray(setting) && setting.length === 2) {
      if (!rule.meta.options) {
        throw new ConfigError(`${file}: ${where}.${id}: this rule takes no options (got ${show(setting[1])}). Use "${setting[0]}" alone.`, file, `${where}.${id}`);
      }
      const result = rule.meta.options(z).safeParse(setting[1]);
      if (!result.success) {
        const issue = result.error.issues[0] as unknown as Issue;
        throw describeIssue({ ...issue, path: [...at, id, 1, ...issue.path] }, raw, file, []);
      }
      out[id] = [setting[0] as RuleLevel, result.data as Record<string, unknown>];
    } else {
      out[id] = setting as RuleSetting;
    }
  }
  return out;
}

/** ESLint's levels, which people write here by habit, and the level of ours that means the same. */
const ESLINT_LEVELS = new Map<unknown, RuleLevel>([
  ['error', 'block'],
  [2, 'block'],
  ['warning', 'warn'],
  [1, 'warn'],
  [0, 'off'],
  ['none', 'off'],
  ['information', 'info'],
]);

/** A rule level that is not ours, named with the one that means the same, before the schema's generic message. */
function checkLevels(raw: Record<string, unknown>, file: string): void {
  const sections: [string, unknown][] = [['rules', raw.rules]];
  if (Array.isArray(raw.overrides)) raw.overrides.forEach((o, i) => sections.push([`overrides.${i}.rules`, (o as Record<string, unknown> | null)?.rules]));
  for (const [at, rules] of sections) {
    if (rules === null || typeof rules !== 'object' || Array.isArray(rules)) continue;
    for (const [id, setting] of Object.entries(rules as Record<string, unknown>)) {
      const level = Array.isArray(setting) ? setting[0] : setting;
      if (LEVELS.includes(level as RuleLevel)) continue;
      const ours = ESLINT_LEVELS.get(typeof level === 'string' ? level.toLowerCase() : level);
      const key = Array.isArray(setting) ? `${at}.${id}.0` : `${at}.${id}`;
      const hint = ours ? ` diffwarden's levels are off, info, warn and block; ${show(level)} (ESLint's level) is "${ours}" here${ours === 'block' ? ' (it stops the commit)' : ''}.` : ' Use one of "off", "info", "warn", "block".';
      throw new ConfigError(`${file}: ${key}: ${show(level)} is not a rule level.${hint}`, file, key);
    }
  }
}

/** Validates a raw configuration object and applies defaults. `file` names it in messages. */
export async function validateConfig(raw: unknown, file: string, rules: readonly Rule<unknown>[]): Promise<Config> {
  const { z } = await import('zod');
  const schema = buildSchema(z);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(`${file}: the configuration must be an object, got ${show(raw)}.`, file);
  }
  checkLevels(raw as Record<string, unknown>, file);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as unknown as Issue;
    const candidates = issue.path.length === 0 ? Object.keys(schema.shape) : [];
    throw describeIssue(issue, raw, file, candidates);
  }
  const input = parsed.data;
  const ruleSettings = validateRules(z, input.rules ?? {}, raw, file, rules, ['rules']);
  const overrides = (input.overrides ?? []).map((o, i) => ({
    files: o.files,
    ...(o.ignores ? { ignores: o.ignores } : {}),
    rules: validateRules(z, o.rules, raw, file, rules, ['overrides', i, 'rules']),
  }));
  if (input.llm !== undefined) {
    const { parseLlmConfig } = await import('../llm/config.js');
    parseLlmConfig(input.llm, file); // errors name llm.<key>; the client parses it again with defaults
  }
  const defaults = defaultConfig();
  return {
    rules: ruleSettings,
    ignorePatterns: input.ignorePatterns ?? defaults.ignorePatterns,
    useDefaultIgnores: input.useDefaultIgnores ?? defaults.useDefaultIgnores,
    failOn: input.failOn ?? defaults.failOn,
    maxFileBytes: input.maxFileBytes ?? defaults.maxFileBytes,
    sensitivePaths: input.sensitivePaths ?? defaults.sensitivePaths,
    llm: input.llm ?? defaults.llm,
    overrides,
    baseline: input.baseline ?? defaults.baseline,
  };
}
