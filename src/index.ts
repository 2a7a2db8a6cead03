/**
 * diffwarden's library API. The CLI, the git hook and the GitHub Action are thin layers over `analyze`.
 *
 * @example
 * import { analyze } from 'diffwarden';
 * const { report } = await analyze({ target: { kind: 'range', range: 'origin/main...HEAD' } });
 * if (report.decision === 'block') process.exitCode = 1;
 */
export { analyze, type AnalyzeOptions, type AnalyzeTarget, type AnalysisResult } from './analyze.js';
export { loadConfig, validateConfig, CONFIG_FILES } from './config/load.js';
export { defaultConfig, DEFAULT_IGNORES, type Config, type FailOn, type RuleSetting } from './config/defaults.js';
export { defineRule, type Rule, type RuleMeta, type Visitors, type Comment, type RuleExample } from './rules/define-rule.js';
export type { RuleContext, FileFacts, ProjectView, ReportDescriptor } from './rules/context.js';
export { builtInRules } from './rules/registry.js';
export { loadReporter, FORMATS, type Format, type Reporter } from './reporters/types.js';
export { UsageError, ConfigError, GitError } from './errors.js';
export type * from './types.js';
