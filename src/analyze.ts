import { join } from 'node:path';
import picomatch from 'picomatch';
import { DEFAULT_IGNORES, type Config, type FailOn } from './config/defaults.js';
import { loadConfig } from './config/load.js';
import { loadChangedFiles, type ChangedFile } from './pipeline/changed-files.js';
import { gitProjectView, readDiff, repository, type DiffTarget } from './pipeline/diff-source.js';
import { isTestPath, kindOf } from './pipeline/file-kind.js';
import { analyzeFile, createChangeView } from './pipeline/run-rules.js';
import { scoreFindings } from './pipeline/score.js';
import { hashText, listTree, treeProjectView } from './pipeline/tree-source.js';
import { auditContext, auditFile, type AuditFileResult } from './pipeline/audit-file.js';
import { AuditCache } from './pipeline/audit-cache.js';
import { parsedAhead } from './pipeline/parsed-ahead.js';
import { attachExportCache, ExportCache } from './pipeline/export-cache.js';
import { auditInWorkers, plannedWorkers } from './pipeline/audit-pool.js';
import type { Rule } from './rules/define-rule.js';
import { builtInRules, ruleActivator } from './rules/registry.js';
import { ConfigError, GitError } from './errors.js';
import { applyBaseline, parseBaseline, readBaselineFile, type Baseline } from './pipeline/baseline.js';
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
  /**
   * Accepted findings to leave out: by default the file `config.baseline` names, from the working
   * tree. The Action passes the base commit's (a pull request cannot accept its own findings); false for none.
   */
  baseline?: { text: string; source: string } | false;
  /** Audits: called as files are done (`done` of `total`), for a progress line. */
  onProgress?: (done: number, total: number) => void;
}

export interface AnalysisResult {
  report: Report;
  /** The configuration file used, or null for the defaults. */
  configFile: string | null;
  /** The configured lowest decision that fails (the CLI's --fail-on overrides it). */
  failOn: FailOn;
  /** Added line numbers per changed file (diffs only): where a PR can take a line comment. */
  addedLines: Record<string, number[]>;
  /** The baseline file the configuration names, as an absolute path (whether it exists or not); null when it names none. */
  baselineFile: string | null;
}

/** What the stages add up while they run. */
interface Tally {
  findings: Finding[];
  errors: RuleFailure[];
  skipped: SkippedFile[];
  notes: string[];
  suppressed: number;
  baselined: number;
  filesAnalyzed: number;
  linesAdded: number;
  linesRemoved: number;
}

interface Setup {
  config: Config;
  rules: readonly Rule<unknown>[];
  ignore: (path: string) => boolean;
  tally: Tally;
}

interface SourceResult {
  mode: Mode;
  label: string;
  /** Changed files of a diff (empty in an audit). */
  files: ChangedFile[];
  replaying?: string;
}

/** Audit: whole files of the working tree, from the cache when unchanged, on worker threads when worth it. */
async function auditTree(cwd: string, root: string | null, paths: string[], options: AnalyzeOptions, { config, rules, ignore, tally }: Setup): Promise<SourceResult> {
  const listing = listTree(cwd, root, paths);
  const label = paths.join(' ') || '.';
  const project = treeProjectView(listing.root, listing.inGit);
  const cache = options.cache === false ? undefined : new AuditCache(listing.root, config, rules, project);
  const hashes = new Map<string, string>();
  let done = 0;
  let total = 0;
  const collect = (r: AuditFileResult): void => {
    options.onProgress?.(++done, total);
    if (r.skipped) {
      tally.skipped.push(r.skipped);
      // A binary or too-large file was still scanned for secrets.
      tally.findings.push(...r.findings);
      tally.errors.push(...r.errors);
      return;
    }
    tally.filesAnalyzed++;
    tally.linesAdded += r.lines;
    tally.findings.push(...r.findings);
    tally.errors.push(...r.errors);
    tally.suppressed += r.suppressed;
    if (r.note) tally.notes.push(r.note);
    const hash = hashes.get(r.path);
    if (cache && hash) cache.set(hash, r);
  };
  const ctx = auditContext(listing.root, config, rules, project, cache !== undefined);
  // Custom rule sets cannot cross threads; built-in rules may spread over the cores for big audits.
  // The planned count only grows with the file count, so none for every file means none at all.
  const threads = (files: number): number => (options.rules ? 0 : plannedWorkers(files, options.jobs));
  const inThisThread = threads(listing.files.length) === 0;
  const pending: string[] = [];
  const auditOne = (path: string): void => {
    let data: Buffer | undefined;
    if (cache) {
      const read = project.read(path, config.maxFileBytes);
      const hash = read.kind === 'ok' ? hashText(read.data) : null;
      const hit = hash ? cache.get(hash, path) : undefined;
      if (hit) {
        collect(hit);
        return;
      }
      if (hash) hashes.set(path, hash);
      if (read.kind === 'ok') data = read.data;
    }
    // In this thread the file is analysed from the buffer just hashed, instead of being read again.
    if (inThisThread) collect(auditFile(ctx, path, data));
    else pending.push(path);
  };
  const wanted = new Set<string>();
  for (const path of listing.files) {
    if (ignore(path)) tally.skipped.push({ file: path, reason: 'ignored' });
    else wanted.add(path);
  }
  // Modules parsed early (a file imported them before their turn) are audited next, from that tree.
  const ahead = parsedAhead(ctx.change);
  const nextAhead = (): string | undefined => {
    for (const path of ahead.keys()) {
      if (wanted.has(path)) return path;
      ahead.delete(path);
    }
    return undefined;
  };
  total = wanted.size;
  for (const first of wanted) {
    if (!wanted.delete(first)) continue;
    auditOne(first);
    for (let path = nextAhead(); path !== undefined; path = nextAhead()) {
      wanted.delete(path);
      auditOne(path);
    }
  }
  const workers = threads(pending.length);
  if (workers > 0) await auditInWorkers(pending, workers, { root: listing.root, inGit: listing.inGit, config, track: cache !== undefined }, (path) => auditFile(ctx, path), collect);
  else for (const path of pending) collect(auditFile(ctx, path));
  cache?.save();
  // Files are audited out of order (parsed-ahead modules first, threads), but reports are stable.
  tally.skipped.sort((a, b) => a.file.localeCompare(b.file));
  tally.errors.sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId));
  tally.notes.sort();
  if (listing.files.length === 0) tally.notes.push(`No files to audit under ${label}.`);
  return { mode: 'audit', label, files: [] };
}

/** A git change: read the diff, load the changed files, run the rules over each. */
async function analyzeDiff(root: string, gitDir: string | undefined, target: DiffTarget, { config, rules, ignore, tally }: Setup): Promise<SourceResult> {
  const diff = await readDiff(root, target, gitDir);
  tally.notes.push(...diff.notes);
  const project = gitProjectView(diff.root, diff.newRev);
  const loaded = await loadChangedFiles(diff, { maxFileBytes: config.maxFileBytes, isIgnored: ignore });
  tally.skipped.push(...loaded.skipped);
  tally.notes.push(...loaded.notes);
  // Files read only for the secret scan (binary, too large) are no part of the change the rules see.
  const files = loaded.files.filter((f) => !f.secretsOnly);
  const change = createChangeView(files);
  const exportCache = new ExportCache(diff.root);
  attachExportCache(change, exportCache);
  const activeFor = ruleActivator(config, rules);
  const knownRuleIds = new Set(rules.map((r) => r.id));
  for (const file of loaded.files) {
    if (!file.secretsOnly) tally.filesAnalyzed++;
    tally.linesAdded += file.added.length;
    tally.linesRemoved += file.removed.length;
    const result = analyzeFile(file, activeFor(file.path), project, knownRuleIds, change);
    if (result.partial) tally.skipped.push(result.partial);
    tally.findings.push(...result.findings);
    tally.errors.push(...result.failures);
    tally.suppressed += result.suppressed;
  }
  exportCache.save();
  if (diff.changes.length === 0 && diff.notes.length === 0) tally.notes.push(diff.mode === 'staged' ? 'Nothing is staged: there is no change to analyse.' : `No changes in ${diff.label}.`);
  return { mode: diff.mode, label: diff.label, files, ...(diff.replaying ? { replaying: diff.replaying } : {}) };
}

/** A rebase or cherry-pick re-commits a commit that is already history: its findings are not new. */
async function dropReplayed(options: AnalyzeOptions, root: string, replaying: string, config: Config, tally: Tally): Promise<void> {
  const original = await analyze({ ...options, cwd: root, target: { kind: 'range', range: replaying }, config });
  const known = new Set(original.report.findings.map((f) => f.fingerprint));
  const before = tally.findings.length;
  tally.findings = tally.findings.filter((f) => !known.has(f.fingerprint));
  if (tally.findings.length < before) tally.notes.push(`${before - tally.findings.length} finding(s) already in ${replaying.slice(0, 12)}, the commit being replayed, were not counted.`);
}

function chosenBaseline(options: AnalyzeOptions, root: string, config: Config): Baseline | null {
  if (options.baseline === false) return null;
  if (options.baseline) return parseBaseline(options.baseline.text, options.baseline.source);
  return config.baseline === false ? null : readBaselineFile(root, config.baseline);
}

/** The optional LLM stage, loaded only when asked for: a plain check never loads the LLM client or its SDK. */
async function reviewStage(review: true | import('./review/review.js').ReviewOptions, root: string, files: ChangedFile[], config: Config, tally: Tally): Promise<Report['llm']> {
  const { runReview } = await import('./review/review.js');
  try {
    const outcome = await runReview(root, files, tally.findings, config.llm, review === true ? {} : review);
    tally.findings.push(...outcome.findings);
    return outcome.summary;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    return { requests: 0, cacheHits: 0, costUsd: 0, skipped: [], reviewedFiles: [], redactions: 0, notices: [`LLM review failed: ${error instanceof Error ? error.message : String(error)}`] };
  }
}

/** Runs the pipeline: source -> changed files -> parse -> rules -> score. Never prints, never exits. */
export async function analyze(options: AnalyzeOptions = {}): Promise<AnalysisResult> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const target = options.target ?? { kind: 'staged' };
  const rules = options.rules ?? builtInRules();

  let root: string | null = null;
  let gitDir: string | undefined;
  try {
    ({ root, gitDir } = await repository(cwd));
  } catch (error) {
    // An audit may look at a plain folder; a diff needs a repository.
    if (target.kind !== 'audit' || !(error instanceof GitError)) throw error;
  }

  const loaded = options.config ? { config: options.config, filepath: null } : await loadConfig({ root: root ?? cwd, cwd, rules, ...(options.configPath !== undefined ? { path: options.configPath } : {}) });
  const config = loaded.config;
  const tally: Tally = { findings: [], errors: [], skipped: [], notes: [], suppressed: 0, baselined: 0, filesAnalyzed: 0, linesAdded: 0, linesRemoved: 0 };
  const setup: Setup = { config, rules, tally, ignore: picomatch([...(config.useDefaultIgnores ? DEFAULT_IGNORES : []), ...config.ignorePatterns], { dot: true }) };

  const source = target.kind === 'audit' ? await auditTree(cwd, root, target.paths ?? [], options, setup) : await analyzeDiff(root!, gitDir, target, setup);
  if (source.replaying) await dropReplayed(options, root!, source.replaying, config, tally);
  const baseline = chosenBaseline(options, root ?? cwd, config);
  if (baseline) ({ findings: tally.findings, baselined: tally.baselined } = applyBaseline(tally.findings, baseline));
  const review = options.review !== undefined && options.review !== false ? options.review : config.llm.review === true;
  const llm = review && target.kind !== 'audit' ? await reviewStage(review, root!, source.files, config, tally) : undefined;

  const { findings } = tally;
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  const touched = source.files.map((f) => f.path);
  const sensitive = picomatch(config.sensitivePaths, { dot: true });
  const diffMode = source.mode !== 'audit';
  const { riskScore, decision } = scoreFindings(findings, {
    sensitivePathsTouched: touched.filter((p) => sensitive(p)).length,
    linesAdded: diffMode ? tally.linesAdded : 0,
    codeWithoutTests: diffMode && touched.some((p) => kindOf(p) === 'code' && !isTestPath(p)) && !touched.some(isTestPath) && tally.linesAdded >= 20,
  });
  const bySeverity: Record<Severity, number> = { info: 0, warn: 0, block: 0 };
  for (const f of findings) bySeverity[f.severity]++;

  const report: Report = {
    version: 1,
    tool: { name: 'diffwarden', version: toolVersion() },
    mode: source.mode,
    target: source.label,
    decision,
    riskScore,
    findings,
    summary: {
      filesAnalyzed: tally.filesAnalyzed,
      linesAdded: tally.linesAdded,
      linesRemoved: tally.linesRemoved,
      bySeverity,
      suppressed: tally.suppressed,
      baselined: tally.baselined,
      skipped: tally.skipped,
      durationMs: Math.round(performance.now() - started),
    },
    notes: tally.notes,
    errors: tally.errors,
    ...(llm ? { llm } : {}),
  };
  const baselineFile = config.baseline === false ? null : join(root ?? cwd, config.baseline);
  return { report, configFile: loaded.filepath, failOn: config.failOn, addedLines: Object.fromEntries(source.files.map((f) => [f.path, f.added])), baselineFile };
}
