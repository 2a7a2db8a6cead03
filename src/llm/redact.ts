import { sensitiveRanges } from '../secrets/sensitive.js';

export interface Redacted {
  text: string;
  count: number;
}

/**
 * Replaces every secret before text leaves the machine: what the hardcoded-secret rule reports,
 * credentials recognised by their shape (key blocks, URLs, bearer tokens, JWTs, secret-named values),
 * and the given keys.
 */
export function redact(text: string, keys: readonly string[] = []): Redacted {
  let count = 0;
  let out = '';
  let cursor = 0;
  for (const s of sensitiveRanges(text)) {
    // A key block keeps its line breaks, so the numbered lines around it still line up.
    const breaks = text.slice(s.start, s.end).split('\n').length - 1;
    out += `${text.slice(cursor, s.start)}[REDACTED ${s.kind}]${'\n'.repeat(breaks)}`;
    cursor = s.end;
    count++;
  }
  out += text.slice(cursor);
  for (const key of keys) {
    if (key.length < 8) continue;
    const parts = out.split(key);
    count += parts.length - 1;
    out = parts.join('[REDACTED key]');
  }
  return { text: out, count };
}

/** Removes keys from text meant for logs and errors. */
export function scrub(text: string, keys: readonly string[]): string {
  let out = text;
  for (const key of keys) if (key.length >= 8) out = out.split(key).join('***');
  return redact(out).text;
}
