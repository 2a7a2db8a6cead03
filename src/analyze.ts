import picomatch from 'picomatch';
import { DEFAULT_IGNORES, type Config, type FailOn } from './config/defaults.js';
import { loadConfig } from './config/load.js';
import { loadChangedFiles, type ChangedFile } from './pipeline/changed-files.js';
import { gitProjectView, readDiff, repository, type DiffTarget } from './pipeline/diff-source.js';
import { isTestPath, kindOf } from './pipeline/file-kind.js';
import { analyzeFile, createChangeView } from './pipeline/run-rules.js';
import type { ChangeView } from './rules/context.js';
import { scoreFindings } from './pipeline/score.js';
import { listTree, readTreeFile, treeProjectView } from './pipeline/tree-source.js';
import { auditContext, auditFile, hashText, type AuditFileResult } from './pipeline/audit-file.js';
import { AuditCache } from './pipeline/audit-cache.js';
import { auditInWorkers, plannedWorkers } from './pipeline/audit-pool.js';
import type { Rule } from './rules/define-rule.js';
import type { ProjectView } from './rules/context.js';
import { activateRules, builtInRules } from './rules/registry.js';
import { ConfigError, GitError } from './errors.js';
import type { Finding, Mode, Report, RuleFailure, Severity, SkippedFile } from './types.js';
import { toolVersion } from './version.js';

export type AnalyzeTarget = DiffTarget | { kind: 'audit'; paths?: string[] };

export interface AnalyzeOptions {
  /** Where to run; the repository is found from here. @default process.cwd() */
  cwd?: string;
  /** What to analyse. @default { kind: 'staged' } */
  target?: AnalyzeTarget;
  /** A ready configuration; when absent it is loaded from the repository (or `configPath`). */
  config?: Config;
  /** Explicit configuration file, relative to cwd. */
  configPath?: string;
  /** The rule set. @default every built-in rule */
  rules?: readonly Rule<unknown>[];
  /** Audits: reuse results of unchanged files from the cache directory. @default true */
  cache?: boolean;
  /** Audits: threads in all, this one included (1 = no worker threads). @default by file count and cores */
  jobs?: number;
  /** Ask the LLM to review the change after the static pass (also on with `llm.review: true`). */
  review?: boolean | import('./review/review.js').ReviewOptions;
}

export interface AnalysisResult {
  report: Report;
  /** The configuration file used, or null for the defaults. */
  configFile: string | null;
  /** The configured lowest decision that fails (the CLI's --fail-on overrides it). */
  failOn: FailOn;
  /** Added line numbers per changed file (diffs only): where a PR can take a line comment. */
  addedLines: Record<string, number[]>;
}

/** Runs the pipeline: source -> changed files -> parse -> rules -> score. Never prints, never exits. */
export async function analyze(options: AnalyzeOptions = {}): Promise<AnalysisResult> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const target = options.target ?? { kind: 'staged' };
  const rules = options.rules ?? builtInRules();

  let root: string | null;
  let gitDir: string | undefined;
  if (target.kind === 'audit') {
    try {
      root = (await repository(cwd)).root;
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
      root = null; // auditing a plain folder
    }
  } else {
    ({ root, gitDir } = await repository(cwd));
  }

  const loaded = options.config ? { config: options.config, filepath: null } : await loadConfig({ root: root ?? cwd, cwd, rules, ...(options.configPath !== undefined ? { path: options.configPath } : {}) });
  const config = loaded.config;
  const ignore = picomatch([...(config.useDefaultIgnores ? DEFAULT_IGNORES : []), ...config.ignorePatterns], { dot: true });
  const active = activateRules(config, rules);
  const knownRuleIds = new Set(rules.map((r) => r.id));

  const findings: Finding[] = [];
  const errors: RuleFailure[] = [];
  const skipped: SkippedFile[] = [];
  const notes: string[] = [];
  const touched: string[] = [];
  let suppressed = 0;
  let filesAnalyzed = 0;
  let linesAdded = 0;
  let linesRemoved = 0;
  let mode: Mode;
  let label: string;
  let project: ProjectView;
  let change: ChangeView = createChangeView([]);
  let replaying: string | undefined;
  let changedFiles: ChangedFile[] = [];

  const run = (file: ChangedFile): void => {
    filesAnalyzed++;
    linesAdded += file.added.length;
    linesRemoved += file.removed.length;
    const result = analyzeFile(file, active, project, knownRuleIds, change);
    findings.push(...result.findings);
    errors.push(...result.failures);
    suppressed += result.suppressed;
  };

  if (target.kind === 'audit') {
    const listing = listTree(cwd, root, target.paths ?? []);
    mode = 'audit';
    label = (target.paths ?? []).join(' ') || '.';
    project = treeProjectView(listing.root, listing.inGit);
    const cache = options.cache === false ? undefined : new AuditCache(listing.root, config, rules, project);
    const hashes = new Map<string, string>();
    const collect = (r: AuditFileResult): void => {
      if (r.skipped) {
        skipped.push(r.skipped);
        return;
      }
      filesAnalyzed++;
      linesAdded += r.lines;
      findings.push(...r.findings);
      errors.push(...r.errors);
      suppressed += r.suppressed;
      if (r.note) notes.push(r.note);
      const hash = hashes.get(r.path);
      if (cache && hash) cache.set(hash, r);
    };
    const pending: string[] = [];
    for (const path of listing.files) {
      if (ignore(path)) {
        skipped.push({ file: path, reason: 'ignored' });
        continue;
      }
      if (cache) {
        const read = readTreeFile(listing.root, path, config.maxFileBytes);
        const hash = read.kind === 'ok' ? hashText(read.data) : null;
        const hit = hash ? cache.get(hash, path) : undefined;
        if (hit) {
          collect(hit);
          continue;
        }
        if (hash) hashes.set(path, hash);
      }
      pending.push(path);
    }
    // Custom rule sets cannot cross threads; built-in rules spread over the cores for big audits.
    const workers = options.rules ? 0 : plannedWorkers(pending.length, options.jobs);
    const ctx = auditContext(listing.root, config, rules, project);
    if (workers > 0) await auditInWorkers(pending, workers, { root: listing.root, inGit: listing.inGit, config }, (path) => auditFile(ctx, path), collect);
    else for (const path of pending) collect(auditFile(ctx, path));
    cache?.save();
    notes.sort();
    if (listing.files.length === 0) notes.push(`No files to audit under ${label}.`);
  } else {
    const diff = await readDiff(root!, target, gitDir);
    notes.push(...diff.notes);
    replaying = diff.replaying;
    mode = diff.mode;
    label = diff.label;
    project = gitProjectView(diff.root, diff.newRev);
    const loadedChange = await loadChangedFiles(diff, { maxFileBytes: config.maxFileBytes, isIgnored: ignore });
    skipped.push(...loadedChange.skipped);
    notes.push(...loadedChange.notes);
    change = createChangeView(loadedChange.files);
    changedFiles = loadedChange.files;
    for (const file of loadedChange.files) {
      touched.push(file.path);
      run(file);
    }
    if (diff.changes.length === 0 && diff.notes.length === 0) notes.push(diff.mode === 'staged' ? 'Nothing is staged: there is no change to analyse.' : `No changes in ${diff.label}.`);
  }

  if (replaying) {
    // A rebase or cherry-pick re-commits a commit that is already history: its findings are not new.
    const original = await analyze({ ...options, cwd: root!, target: { kind: 'range', range: replaying }, config });
    const known = new Set(original.report.findings.map((f) => f.fingerprint));
    const before = findings.length;
    findings.splice(0, findings.length, ...findings.filter((f) => !known.has(f.fingerprint)));
    if (findings.length < before) notes.push(`${before - findings.length} finding(s) already in ${replaying.slice(0, 12)}, the commit being replayed, were not counted.`);
  }

  let llm: Report['llm'];
  const wantsReview = options.review !== undefined && options.review !== false ? options.review : config.llm.review === true && target.kind !== 'audit';
  if (wantsReview && target.kind !== 'audit') {
    // Loaded only here: a plain check never loads the LLM client or its SDK.
    const { runReview } = await import('./review/review.js');
    try {
      const outcome = await runReview(root!, changedFiles, findings, config.llm, wantsReview === true ? {} : wantsReview);
      findings.push(...outcome.findings);
      llm = outcome.summary;
    } catch (error) {
      llm = { requests: 0, cacheHits: 0, costUsd: 0, skipped: [], reviewedFiles: [], redactions: 0, notices: [`LLM review failed: ${error instanceof Error ? error.message : String(error)}`] };
      if (error instanceof ConfigError) throw error;
    }
  }

  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  const sensitive = picomatch(config.sensitivePaths, { dot: true });
  const codeChanged = touched.some((p) => kindOf(p) === 'code' && !isTestPath(p));
  const testsChanged = touched.some((p) => isTestPath(p));
  const { riskScore, decision } = scoreFindings(findings, {
    sensitivePathsTouched: touched.filter((p) => sensitive(p)).length,
    linesAdded: mode === 'audit' ? 0 : linesAdded,
    codeWithoutTests: mode !== 'audit' && codeChanged && !testsChanged && linesAdded >= 20,
  });
  const bySeverity: Record<Severity, number> = { info: 0, warn: 0, block: 0 };
  for (const f of findings) bySeverity[f.severity]++;

  const report: Report = {
    version: 1,
    tool: { name: 'diffwarden', version: toolVersion() },
    mode,
    target: label,
    decision,
    riskScore,
    findings,
    summary: {
      filesAnalyzed,
      linesAdded,
      linesRemoved,
      bySeverity,
      suppressed,
      skipped,
      durationMs: Math.round(performance.now() - started),
    },
    notes,
    errors,
    ...(llm ? { llm } : {}),
  };
  return { report, configFile: loaded.filepath, failOn: config.failOn, addedLines: Object.fromEntries(changedFiles.map((f) => [f.path, f.added])) };
}

