import { findSecrets } from './detect.js';
import { namedValues } from './named-values.js';
import { authValues, encodedSecrets, jwts, keyBlocks, queryCredentials, splitLiterals, urlCredentials, type SecretRange } from './structural.js';

export type { SecretRange } from './structural.js';

/*
 * Everything that must not be shown or sent: what the hardcoded-secret rule reports (the same
 * detector, with placeholders counted too) plus credentials recognised by their shape. Used for
 * LLM prompts and for code frames alike, so both hide the same values.
 */

// Zero-width and bidi-control characters hidden inside a key would split it for the patterns.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

function direct(text: string, out: SecretRange[]): void {
  for (const s of findSecrets(text, { named: true, mask: true })) out.push({ start: s.start, end: s.end, kind: s.kind });
  keyBlocks(text, out);
  urlCredentials(text, out);
  queryCredentials(text, out);
  authValues(text, out);
  jwts(text, out);
  namedValues(text, out);
}

/** Whether decoded or joined text holds a credential (one level: no decoding inside decoding). */
function holdsSecret(text: string): boolean {
  const found: SecretRange[] = [];
  direct(text, found);
  return found.length > 0;
}

/** Overlapping and touching ranges merged, in text order. */
export function mergeRanges(ranges: SecretRange[]): SecretRange[] {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: SecretRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

function scan(text: string): SecretRange[] {
  const out: SecretRange[] = [];
  direct(text, out);
  encodedSecrets(text, holdsSecret, out);
  splitLiterals(text, holdsSecret, out);
  // Text redacted once (review units, then the client's last pass) is not redacted again.
  return out.filter((r) => !text.startsWith('[REDACTED', r.start));
}

/** Every secret in `text`, merged and sorted. Linear in the text length. */
export function sensitiveRanges(text: string): SecretRange[] {
  INVISIBLE.lastIndex = 0;
  if (!INVISIBLE.test(text)) return mergeRanges(scan(text));
  // Scan the text without invisible characters, then map offsets back to the original text.
  const map: number[] = [];
  let clean = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    INVISIBLE.lastIndex = 0;
    if (INVISIBLE.test(c)) continue;
    map.push(i);
    clean += c;
  }
  map.push(text.length);
  return mergeRanges(scan(clean).map((r) => ({ start: map[r.start]!, end: map[r.end - 1]! + 1, kind: r.kind })));
}

/**
 * `text` split into lines with every secret replaced, line by line, so line numbers still hold.
 * `replace` gets the masked part of one line and the kind of secret.
 */
export function maskLines(text: string, ranges: readonly SecretRange[], replace: (part: string, kind: string) => string): string[] {
  const lines = text.split('\n');
  if (ranges.length === 0) return lines;
  let offset = 0;
  let r = 0;
  return lines.map((line) => {
    const start = offset;
    const end = offset + line.length;
    offset = end + 1;
    while (r < ranges.length && ranges[r]!.end <= start) r++;
    let out = '';
    let cursor = start;
    for (let k = r; k < ranges.length && ranges[k]!.start < end; k++) {
      const from = Math.max(ranges[k]!.start, start);
      const to = Math.min(ranges[k]!.end, end);
      if (to <= from) continue;
      out += text.slice(cursor, from) + replace(text.slice(from, to), ranges[k]!.kind);
      cursor = to;
    }
    return out + text.slice(cursor, end);
  });
}
