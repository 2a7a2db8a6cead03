import { createHash } from 'node:crypto';

/** Whitespace-insensitive form of a code snippet, so re-indenting or moving code keeps the fingerprint. */
export function normaliseCode(code: string): string {
  return code.replace(/\s+/g, ' ').trim().slice(0, 500);
}

/**
 * A finding's identity across pushes: rule, file, normalised code and its occurrence index among
 * identical (rule, file, code) triples. Line numbers are left out on purpose (semgrep's ci_unique_key).
 */
export function fingerprint(ruleId: string, file: string, normalisedCode: string, occurrence: number): string {
  return createHash('sha256').update(`${ruleId}\0${file}\0${normalisedCode}\0${occurrence}`).digest('hex').slice(0, 24);
}
