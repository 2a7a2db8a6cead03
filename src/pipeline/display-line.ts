import { keyBlocks, type SecretRange } from '../secrets/structural.js';
import { sensitiveRanges } from '../secrets/sensitive.js';

/** Masks a secret for display: keeps at most the first 4 characters. */
export function mask(secret: string): string {
  const visible = secret.slice(0, Math.min(4, Math.floor(secret.length / 3)));
  return `${visible}${'*'.repeat(Math.max(4, Math.min(12, secret.length - visible.length)))}`;
}

const WINDOW = 4000;

/**
 * The source line of a finding for code frames, with every secret on it masked: the ranges rules
 * reported as sensitive, and whatever LLM redaction would hide (scanned on this line and the one
 * before, for values named on the line above, and over the file for private-key blocks).
 */
export function displayLine(text: string, starts: readonly number[], line: number, sensitive: readonly { start: number; end: number }[], blocks: () => SecretRange[]): string | undefined {
  const start = starts[line - 1];
  if (start === undefined) return undefined;
  const next = starts[line];
  let end = next === undefined ? text.length : next - 1;
  if (text.charCodeAt(end - 1) === 13) end--;
  // The shown part of the line (its start) and the line above it, when that is short.
  const above = starts[line - 2] ?? start;
  const from = start - above > WINDOW / 2 ? start : above;
  const found = sensitiveRanges(text.slice(from, Math.min(end, start + WINDOW))).map((r) => ({ start: r.start + from, end: r.end + from }));
  const ranges = [...sensitive, ...found, ...blocks()].filter((s) => s.end > start && s.start < end).sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = start;
  for (let i = 0; i < ranges.length; i++) {
    // Overlapping ranges are masked as one, so no part of a secret shows between two masks.
    const first = ranges[i]!.start;
    let stop = ranges[i]!.end;
    while (i + 1 < ranges.length && ranges[i + 1]!.start <= stop) stop = Math.max(stop, ranges[++i]!.end);
    const at = Math.max(first, cursor);
    out += text.slice(cursor, at) + mask(text.slice(at, Math.min(stop, end)));
    cursor = Math.min(stop, end);
  }
  out += text.slice(cursor, end);
  return out.length > 300 ? `${out.slice(0, 297)}...` : out;
}

/** Private-key blocks of a file, found once per file and only when one could be there. */
export function keyBlocksOf(text: string): () => SecretRange[] {
  let blocks: SecretRange[] | undefined;
  return () => {
    if (!blocks) {
      blocks = [];
      keyBlocks(text, blocks);
    }
    return blocks;
  };
}
