import { isSecretName, nameWords } from './detect.js';
import type { SecretRange } from './structural.js';

/*
 * Values assigned to secret-named keys, in any file kind: `apiKey = '…'`, `DB_PASSWORD=…`,
 * `"token": "…"`, `client_secret: …`, Dockerfile `ENV DB_PASSWORD x`, `--password x`, and the
 * Kubernetes `- name: DB_PASSWORD` / `value: …` pair. For redaction, so any value counts (a fake
 * one costs nothing to mask) except references to where the secret really lives.
 */

const STRONG_LAST = new Set(['secret', 'secrets', 'token', 'password', 'passwd', 'pwd', 'pass', 'passphrase', 'credential', 'credentials', 'apikey', 'auth', 'pat', 'dsn', 'privatekey', 'secretkey', 'accesskey']);

/** 'strong': any value is masked; 'key': random-looking values only (`cacheKey: 'user'` stays). */
function strength(name: string): 'strong' | 'key' | null {
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (last === undefined) return null;
  if (isSecretName(name) || STRONG_LAST.has(last)) return 'strong';
  return last === 'key' && words.length >= 2 ? 'key' : null;
}

// Where a secret really lives, or code that computes it: never masked.
const REFERENCE = /^(?:\$|%\(|\[REDACTED|process\.env|import\.meta\.env|os\.environ|os\.getenv|env\.|secrets\.|vars\.)/;
const CODE_WORDS = new Set(['string', 'number', 'boolean', 'any', 'unknown', 'undefined', 'null', 'none', 'nil', 'true', 'false', 'never', 'object', 'required', 'optional', 'str', 'int', 'bytes']);

function randomish(value: string): boolean {
  return value.length >= 16 && /[0-9]/.test(value) && /[A-Za-z]/.test(value) && !/^[a-z]+(?:[._-][a-z]+)+$/i.test(value);
}

// Values are bounded, so that many names on one long line cannot make the scan quadratic.
const MAX_VALUE = 1000;

/** The value at `at` (quoted strings joined by `+`, or a bare word), as ranges to mask. */
function valueAt(text: string, at: number, bareStop: RegExp): { start: number; end: number }[] {
  let p = at;
  while (text[p] === ' ' || text[p] === '\t') p++;
  const quote = text[p];
  if (quote === '"' || quote === "'" || quote === '`') {
    const parts: { start: number; end: number }[] = [];
    for (;;) {
      let k = p + 1;
      const limit = Math.min(text.length, p + MAX_VALUE);
      while (k < limit && text[k] !== quote && text[k] !== '\n') k += text[k] === '\\' ? 2 : 1;
      if (text[k] !== quote) break;
      parts.push({ start: p + 1, end: k });
      // A literal continued by `+ '…'` or by an adjacent literal is the same value split up.
      const rest = /^[ \t]*\+?[ \t]*(["'`])/.exec(text.slice(k + 1, k + 200));
      if (!rest) break;
      p = k + 1 + rest[0].length - 1;
    }
    return parts;
  }
  bareStop.lastIndex = 0;
  const stop = bareStop.exec(text.slice(p, p + MAX_VALUE));
  const end = stop ? p + stop.index : Math.min(text.length, p + MAX_VALUE);
  return end > p ? [{ start: p, end }] : [];
}

function keep(value: string, level: 'strong' | 'key', bare: boolean): boolean {
  if (value.length < 3 || REFERENCE.test(value)) return false;
  if (bare && (CODE_WORDS.has(value.toLowerCase()) || /^[A-Za-z_$][\w$]*[.([<|&?!]/.test(value) || /^[{[(<]/.test(value))) return false;
  return level === 'strong' || randomish(value);
}

// `name` then `=`, `:`, `:=`, `=>`; names may be quoted (`"apiKey":`) or flags (`--token=`).
// Comparisons count too: `password === 'hunter2'` shows the password as well as an assignment does.
const ASSIGN = /(?<![\w$.])([A-Za-z_$][\w$.-]{0,80})["']?[ \t]*(?::=|=>|[!=]==?|=(?!=)|:(?!:))/g;
// Dockerfile `ENV NAME value` (to the end of the line) and `--flag value` use a space as the separator.
const ENV_SPACED = /^[ \t]*ENV[ \t]+([A-Za-z_][\w.-]{0,80})[ \t]+(?=[^\s=])/gm;
const FLAG_SPACED = /(?<![\w-])--([A-Za-z_][\w.-]{0,80})[ \t]+(?=[^\s=-])/g;
const K8S_PAIR = /(?<![\w-])name:[ \t]*["']?([A-Za-z_][\w.-]{0,80})["']?[ \t]*\r?\n[ \t]*(?:-[ \t]+)?value:/g;
// A bare value ends at whitespace or a delimiter; `#` belongs to it (`pa#ss`), as in .env files.
const BARE_STOP = /[\s,;'"`)}\]]/g;
const BARE_STOP_SPACED = /[\r\n]/g;

export function namedValues(text: string, out: SecretRange[]): void {
  if (!/key|secret|token|pass|pwd|credential|auth|pat|dsn/i.test(text)) return;
  const scan = (regex: RegExp, stop: RegExp): void => {
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m; m = regex.exec(text)) {
      const name = m[1]!;
      const level = strength(name);
      if (!level) continue;
      const parts = valueAt(text, m.index + m[0].length, stop);
      // The scan resumes after the value: names inside a masked value need no second look.
      if (parts.length) regex.lastIndex = Math.max(regex.lastIndex, parts[parts.length - 1]!.end);
      for (const r of parts) {
        const value = text.slice(r.start, r.end).trimEnd();
        const bare = r.start === 0 || !'"\'`'.includes(text[r.start - 1]!);
        // A comparison with a bare word compares two variables.
        if (bare && /[!=]=$/.test(m[0])) continue;
        if (keep(value, level, bare)) out.push({ start: r.start, end: r.start + value.length, kind: `secret in "${name}"` });
      }
    }
  };
  scan(ASSIGN, BARE_STOP);
  scan(ENV_SPACED, BARE_STOP_SPACED);
  scan(FLAG_SPACED, BARE_STOP);
  scan(K8S_PAIR, BARE_STOP);
}
