import type { ChangedFile } from '../pipeline/changed-files.js';
import { maskLines, mergeRanges, sensitiveRanges, type SecretRange } from '../secrets/sensitive.js';
import type { Finding } from '../types.js';

/** Offsets of what the static pass reported as a secret in this file (its own detectors, rules included). */
function staticSecretRanges(file: ChangedFile, findings: readonly Finding[]): SecretRange[] {
  const starts = [0];
  for (let i = file.text.indexOf('\n'); i >= 0; i = file.text.indexOf('\n', i + 1)) starts.push(i + 1);
  const at = (line: number, column: number): number => (starts[line - 1] ?? file.text.length) + column - 1;
  return findings
    .filter((f) => f.file === file.path && f.category === 'secret' && f.source === 'static')
    .map((f) => ({ start: at(f.line, f.column), end: at(f.endLine, f.endColumn), kind: 'secret' }));
}

/** The lines of a file as the model may see them: every secret replaced, line numbers unchanged. */
export function maskedLines(file: ChangedFile, findings: readonly Finding[]): { lines: string[]; count: number } {
  const merged = mergeRanges([...sensitiveRanges(file.text), ...staticSecretRanges(file, findings)]);
  return { lines: maskLines(file.text, merged, (_part, kind) => `[REDACTED ${kind}]`), count: merged.length };
}
