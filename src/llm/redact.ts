import { findSecrets } from '../secrets/detect.js';

export interface Redacted {
  text: string;
  count: number;
}

/** Replaces every secret the hardcoded-secret rule would report (and the given keys) before text leaves the machine. */
export function redact(text: string, keys: readonly string[] = []): Redacted {
  let count = 0;
  let out = '';
  let cursor = 0;
  for (const s of findSecrets(text, { named: true })) {
    if (s.start < cursor) continue;
    out += `${text.slice(cursor, s.start)}[REDACTED ${s.kind}]`;
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
