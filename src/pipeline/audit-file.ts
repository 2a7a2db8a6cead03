import type { Config } from '../config/defaults.js';
import type { ProjectView } from '../rules/context.js';
import type { Rule } from '../rules/define-rule.js';
import { ruleActivator } from '../rules/registry.js';
import type { Finding, RuleFailure, SkippedFile } from '../types.js';
import { classifyContent, linesNotIn, printableText } from './content.js';
import { kindOf } from './file-kind.js';
import { analyzeFile, createChangeView, type ActiveRule, type PipelineChange } from './run-rules.js';
import type { TreeProjectView } from './tree-source.js';

/** What auditing one file produced; plain data, so it crosses worker threads and the cache. */
export interface AuditFileResult {
  path: string;
  findings: Finding[];
  skipped?: SkippedFile;
  note?: string;
  errors: RuleFailure[];
  suppressed: number;
  lines: number;
  /** What the rules read from the project, so a cached result can be checked for staleness. */
  deps: AuditDeps;
}

export interface AuditDeps {
  list: boolean;
  /** Hash of the project's file list when `list` is true (set by the cache). */
  listHash?: string;
  reads: [path: string, hash: string | null][];
}

/** Wraps a project view to record what a file's rules looked at. */
export function trackingProject(project: TreeProjectView): { view: ProjectView; deps: () => AuditDeps } {
  let list = false;
  const reads = new Set<string>();
  return {
    view: {
      files: () => {
        list = true;
        return project.files();
      },
      exists: (path) => {
        list = true;
        return project.exists(path);
      },
      readText: (path) => {
        reads.add(path);
        return project.readText(path);
      },
      directoryExists: (path) => project.directoryExists?.(path) ?? false,
    },
    // Hashed once per path and run by the view, however many files import the module.
    deps: () => ({ list, reads: [...reads].map((path) => [path, project.hashOf(path)]) }),
  };
}

export interface AuditContext {
  root: string;
  config: Config;
  /** The rules for a path (the configuration's overrides apply per file). */
  activeFor: (path: string) => ActiveRule[];
  project: TreeProjectView;
  knownRuleIds: ReadonlySet<string>;
  /** One per run: its memo (module index, parsed exports) is shared by every file. */
  change: PipelineChange;
  /** Record what each file's rules read (for the cache); without a cache nothing is hashed. */
  track: boolean;
}

export function auditContext(root: string, config: Config, rules: readonly Rule<unknown>[], project: TreeProjectView, track: boolean): AuditContext {
  return { root, config, activeFor: ruleActivator(config, rules), project, knownRuleIds: new Set(rules.map((r) => r.id)), change: createChangeView([]), track };
}

function countLines(text: string): number {
  if (text === '') return 0;
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

/** Audits one file of the working tree: every line counts as new. */
export function auditFile(ctx: AuditContext, path: string, data?: Buffer): AuditFileResult {
  const base = { path, findings: [], errors: [], suppressed: 0, lines: 0, deps: { list: false, reads: [] } };
  const read = data ? ({ kind: 'ok', data } as const) : ctx.project.read(path, ctx.config.maxFileBytes);
  if (read.kind === 'unreadable') return { ...base, skipped: { file: path, reason: 'unreadable', detail: read.detail } };
  if (read.kind === 'symlink') return { ...base, skipped: { file: path, reason: 'symlink', detail: 'not followed' } };
  const content = read.kind === 'ok' ? classifyContent(read.data, path) : ({ kind: 'binary' } as const);
  if (content.kind === 'binary') {
    // Not analysable as text: reported as skipped, and its printable bytes still scanned for secrets.
    const bytes = read.kind === 'ok' ? read.data : read.head;
    const text = printableText(bytes);
    const scan = analyzeFile({ path, status: 'added', kind: 'text', text, oldText: null, added: linesNotIn(text, null), removed: [], allAdded: true, secretsOnly: true }, ctx.activeFor(path), ctx.project, ctx.knownRuleIds, ctx.change);
    const skipped: SkippedFile =
      read.kind === 'too-large'
        ? { file: path, reason: 'too-large', detail: `${read.size} bytes > maxFileBytes ${ctx.config.maxFileBytes}; its first maxFileBytes were still scanned for secrets` }
        : { file: path, reason: 'binary', detail: 'binary by content; its printable text was still scanned for secrets' };
    return { ...base, findings: scan.findings, errors: scan.failures, skipped };
  }
  const { text, valid } = content;
  const tracked = ctx.track ? trackingProject(ctx.project) : undefined;
  const result = analyzeFile(
    { path, status: 'added', kind: kindOf(path), text, oldText: null, added: [], removed: [], allAdded: true },
    ctx.activeFor(path),
    tracked?.view ?? ctx.project,
    ctx.knownRuleIds,
    ctx.change,
  );
  return {
    path,
    findings: result.findings,
    errors: result.failures,
    suppressed: result.suppressed,
    lines: countLines(text),
    deps: tracked?.deps() ?? { list: false, reads: [] },
    ...(valid ? {} : { note: `${path} is not valid UTF-8; it was analysed with replacement characters.` }),
    ...(result.partial ? { skipped: result.partial } : {}),
    ...(content.encoding !== 'utf-8' ? { note: `${path} is ${content.encoding.toUpperCase()}; it was decoded and analysed as text.` } : {}),
  };
}
