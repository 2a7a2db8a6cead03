import type { Severity } from '../types.js';

export type RuleLevel = Severity | 'off';
export type RuleSetting = RuleLevel | [RuleLevel] | [RuleLevel, Record<string, unknown>];

export interface RuleOverride {
  /** Globs (repo-relative, gitignore-like `**`) of the files this entry applies to. */
  files: string[];
  /** Globs of files it does not apply to, though `files` matches them. */
  ignores?: string[];
  rules: Record<string, RuleSetting>;
}
export type FailOn = 'block' | 'warn' | 'never';

/** The configuration after defaults are applied. */
export interface Config {
  /** Per-rule level and options, by rule id. */
  rules: Record<string, RuleSetting>;
  /** Globs (repo-relative) of files never analysed, on top of the defaults below. */
  ignorePatterns: string[];
  /** Apply DEFAULT_IGNORES. @default true */
  useDefaultIgnores: boolean;
  /** Lowest decision that makes `check` exit 1. @default 'block' */
  failOn: FailOn;
  /** Files larger than this are skipped with a note. @default 1048576 */
  maxFileBytes: number;
  /** Globs whose changes raise the risk score (CI, auth, infrastructure). */
  sensitivePaths: string[];
  /** The LLM section; validated by the LLM client. */
  llm: Record<string, unknown>;
  /** Rule settings for some paths (ESLint flat-config semantics: every matching entry applies, later ones win). */
  overrides: RuleOverride[];
  /** Accepted findings, by fingerprint (`diffwarden baseline`); false for none. @default '.diffwarden-baseline.json' (when present) */
  baseline: string | false;
}

export const DEFAULT_IGNORES = [
  '**/node_modules/**',
  '**/package-lock.json',
  '**/npm-shrinkwrap.json',
  '**/yarn.lock',
  '**/pnpm-lock.yaml',
  '**/bun.lock',
  '**/*.min.js',
  '**/*.min.css',
  '**/*.map',
  '**/__snapshots__/**',
  '**/*.snap',
];

export const DEFAULT_SENSITIVE_PATHS = [
  '.github/workflows/**',
  '.github/actions/**',
  '**/.env*',
  '**/Dockerfile',
  '**/*.tf',
  '**/auth/**',
  '**/*auth*.{ts,js}',
  '**/security/**',
  '**/migrations/**',
  'package.json',
  '**/package.json',
];

export function defaultConfig(): Config {
  return {
    rules: {},
    ignorePatterns: [],
    useDefaultIgnores: true,
    failOn: 'block',
    maxFileBytes: 1024 * 1024,
    sensitivePaths: [...DEFAULT_SENSITIVE_PATHS],
    llm: {},
    overrides: [],
    baseline: '.diffwarden-baseline.json',
  };
}
