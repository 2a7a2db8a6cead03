/** How bad a finding is. `block` fails the hook or the PR check; `warn` is shown; `info` is listed only. */
export type Severity = 'info' | 'warn' | 'block';
export type Confidence = 'low' | 'medium' | 'high';
export type Decision = 'pass' | 'warn' | 'block';
export type FindingSource = 'static' | 'eslint' | 'llm';
export type Mode = 'staged' | 'range' | 'audit';

export type Category =
  | 'ai-artifact'
  | 'stub'
  | 'test-integrity'
  | 'type-escape'
  | 'error-handling'
  | 'secret'
  | 'insecure-api'
  | 'hallucination'
  | 'dependency'
  | 'ci-risk'
  | 'maintainability'
  | 'suppression'
  | 'syntax'
  | 'review';

/** One problem found in the change. Positions are 1-based; `file` is repo-relative with forward slashes. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  category: Category;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  source: FindingSource;
  /** Survives line shifts: hash of rule, file, normalised code and occurrence index. */
  fingerprint: string;
  confidence: Confidence;
  /** How to fix it, when the rule knows. */
  fix?: string;
  /** The normalised code the finding is about (used for fingerprints and code frames). */
  snippet?: string;
}

export interface SkippedFile {
  file: string;
  /** `too-deep`: nested beyond what the parser can take; only the file's text-level checks ran. */
  reason: 'binary' | 'too-large' | 'ignored' | 'symlink' | 'submodule' | 'unreadable' | 'too-deep';
  detail?: string;
}

export interface Summary {
  filesAnalyzed: number;
  linesAdded: number;
  linesRemoved: number;
  bySeverity: Record<Severity, number>;
  /** Findings silenced by a `diffwarden-ignore` comment with a reason. */
  suppressed: number;
  /** Findings left out because the baseline lists them (accepted when diffwarden was adopted). */
  baselined: number;
  skipped: SkippedFile[];
  /** Wall time of the analysis in milliseconds. */
  durationMs: number;
}

/** The stable JSON contract (`--format json`). */
export interface Report {
  version: 1;
  tool: { name: 'diffwarden'; version: string };
  mode: Mode;
  /** What was analysed, for humans: `staged`, `abc123..def456`, `src`. */
  target: string;
  decision: Decision;
  riskScore: number;
  findings: Finding[];
  summary: Summary;
  /** Notes for the reader: an empty diff, files decoded with replacement characters, and so on. */
  notes: string[];
  /** Rules that threw on a file. Non-empty means the result is incomplete (the CLI exits 2). */
  errors: RuleFailure[];
  /** Present when an LLM review ran (or was attempted). */
  llm?: LlmSummary;
}

/** What the LLM part of a run did and cost. */
export interface LlmSummary {
  requests: number;
  cacheHits: number;
  costUsd: number;
  /** Files not reviewed, with the reason. */
  skipped: string[];
  reviewedFiles: string[];
  /** Secrets replaced in prompts before sending. */
  redactions: number;
  /** Why something was skipped or degraded, for stderr. */
  notices: string[];
  /** `--dry-run`: what would be sent and its worst-case cost (null when a model has no price). */
  dryRun?: { requests: number; promptTokens: number; models: string[]; worstCaseUsd: number | null };
  /** The reply of a summary or tests task. */
  text?: string;
}

export interface RuleFailure {
  ruleId: string;
  file: string;
  message: string;
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warn: 1, block: 2 };
