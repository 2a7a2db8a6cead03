import { ConfigError } from '../errors.js';
import { readRegularFile } from '../util/safe-read.js';
import type { Finding } from '../types.js';

/*
 * A baseline: the findings a team accepted when it adopted diffwarden, by fingerprint (rule, file,
 * whitespace-normalised code, occurrence; no line number), so an entry survives lines moving above
 * it and stops matching once its code changes. One entry per line, sorted, so it diffs and merges
 * like source.
 */

export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  file: string;
  /** Why this one is accepted, when someone wrote it down (kept across `baseline` runs). */
  reason?: string;
}

export interface Baseline {
  entries: BaselineEntry[];
}

export const DEFAULT_BASELINE = '.diffwarden-baseline.json';
/** A baseline bigger than this is refused rather than read whole (about a million findings). */
export const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

const FINGERPRINT = /^[0-9a-f]{8,64}$/;

/** Reads a baseline file's text; `where` names it in errors (e.g. `.diffwarden-baseline.json`). */
export function parseBaseline(text: string, where: string): Baseline {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${where}: invalid JSON (${(error as Error).message}). Recreate it with \`diffwarden baseline\`.`, where);
  }
  const list = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { findings?: unknown }).findings : undefined;
  if (!Array.isArray(list)) throw new ConfigError(`${where}: expected { "version": 1, "findings": [...] }. Recreate it with \`diffwarden baseline\`.`, where);
  const entries = list.map((item, i): BaselineEntry => {
    const e = item as Record<string, unknown>;
    if (e === null || typeof e !== 'object' || typeof e.fingerprint !== 'string' || !FINGERPRINT.test(e.fingerprint)) {
      throw new ConfigError(`${where}: findings[${i}]: needs a "fingerprint" (hex, as diffwarden writes it).`, where, `findings.${i}.fingerprint`);
    }
    const reason = typeof e.reason === 'string' && e.reason.trim() !== '' ? { reason: e.reason } : {};
    return { fingerprint: e.fingerprint, rule: typeof e.rule === 'string' ? e.rule : '', file: typeof e.file === 'string' ? e.file : '', ...reason };
  });
  return { entries };
}

const order = (a: BaselineEntry, b: BaselineEntry): number => a.file.localeCompare(b.file) || a.rule.localeCompare(b.rule) || a.fingerprint.localeCompare(b.fingerprint);

/** The file's text: sorted entries, one per line; reasons of `previous` entries carried over. */
export function renderBaseline(entries: readonly BaselineEntry[], previous?: Baseline): string {
  const reasons = new Map((previous?.entries ?? []).filter((e) => e.reason).map((e) => [e.fingerprint, e.reason!]));
  const unique = new Map<string, BaselineEntry>();
  for (const e of entries) {
    const reason = e.reason ?? reasons.get(e.fingerprint);
    unique.set(e.fingerprint, { fingerprint: e.fingerprint, rule: e.rule, file: e.file, ...(reason ? { reason } : {}) });
  }
  const lines = [...unique.values()].sort(order).map((e) => `    ${JSON.stringify(e)}`);
  return `{\n  "version": 1,\n  "findings": [\n${lines.join(',\n')}${lines.length ? '\n' : ''}  ]\n}\n`;
}

export const entryOf = (f: Finding): BaselineEntry => ({ fingerprint: f.fingerprint, rule: f.ruleId, file: f.file });

/** Findings not in the baseline, and how many were. */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline): { findings: Finding[]; baselined: number } {
  const known = new Set(baseline.entries.map((e) => e.fingerprint));
  const kept = findings.filter((f) => !known.has(f.fingerprint));
  return { findings: kept, baselined: findings.length - kept.length };
}

/** The entries some finding still matches (for `baseline --prune`). */
export function pruneBaseline(baseline: Baseline, findings: readonly Finding[]): BaselineEntry[] {
  const found = new Set(findings.map((f) => f.fingerprint));
  return baseline.entries.filter((e) => found.has(e.fingerprint));
}

/** The baseline file in the working tree, read without following links and bounded; null when absent. */
export function readBaselineFile(root: string, path: string): Baseline | null {
  const read = readRegularFile(root, path, MAX_BASELINE_BYTES);
  if (read.kind === 'ok') return parseBaseline(read.data.toString('utf8'), path);
  if (read.kind === 'unreadable' && /ENOENT|ENOTDIR/.test(read.detail)) return null;
  const why = read.kind === 'too-large' ? `larger than ${MAX_BASELINE_BYTES} bytes` : read.kind === 'symlink' ? 'a symbolic link (not followed)' : read.detail;
  throw new ConfigError(`${path}: cannot use this baseline file: ${why}.`, path);
}
