import type { Confidence, Severity } from '../types.js';
import { DOCUMENTED_EXAMPLES, PROVIDERS, type ProviderPattern } from './providers.js';
import { basicAuthUrls, curlCredentials, keyArguments, webTokens } from './shapes.js';

/** A secret found in a piece of text; offsets are relative to that text. */
export interface SecretMatch {
  start: number;
  end: number;
  /** What it is, for the message: "OpenAI API key", "AWS access key id"... */
  kind: string;
  severity: Severity;
  confidence: Confidence;
  /** The whole value is the secret (no provider prefix to strip before judging its randomness). */
  plain?: boolean;
  /** A password by where it stands (URL, curl, key argument): people type these, so low entropy is no acquittal. */
  typed?: boolean;
}

// Bounded runs (`{0,40}`, `[^<>]`): an unbounded `your[\w-]*` or `<[^>]*>` rescanned the rest of a long value at every start.
const PLACEHOLDER =
  /your[\w-]{0,40}(?:key|token|secret|password)|<[^<>]{0,200}>|^\{[^{}]{1,100}\}$|\$\{|\$\(|\{\{|%\(|\$[A-Z_]{3,}|xxxx|XXXX|\*\*\*|\.\.\.|…|example|placeholder|changeme|change[_-]?me|dummy|fake|sample|redacted|replace[_-]?(?:me|with)|insert[_-]?|lorem|_here\b|here$|process\.env|import\.meta\.env|secrets\.|0{8,}|1234567|abcdef?g/i;
// Typed sequences: a made-up value, or a provider's documented sample; never certain either way.
export const SEQUENCE = /1234567|abcdef?g/gi;

const LOCAL_HOSTS = /^(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|host\.docker\.internal)$/i;
const TRIVIAL_PASSWORDS = /^(?:pass(?:word)?|secret|root|admin|postgres|mysql|user|test|guest|changeme|\w{1,3})$/i;

/** With `allowSequences`, `aBcDeFg…`/`1234567` alone do not make a value a placeholder. */
export function isPlaceholder(value: string, allowSequences = false): boolean {
  if (DOCUMENTED_EXAMPLES.has(value)) return true;
  if (PLACEHOLDER.test(allowSequences ? value.replace(SEQUENCE, '') : value)) return true;
  return new Set(value).size <= 3; // "aaaaaaaa", "--------"
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/*
 * Secret-named assignments: `apiKey = "..."`, `API_KEY=...`, `client_secret: ...`, `"authToken": "..."`.
 * The name's last word must be the secret word, so `tokenUrl` or `secretName` do not count.
 */
// `[ \t]*`, not `\s*`: an empty `API_KEY=` must not take the next line's text for its value.
const NAMED = /([A-Za-z_$][\w$.-]{0,80}?)["']?[ \t]*(?::=|=>|=|:)[ \t]*(?:(["'`])([^"'`\s\\]{12,300})\2|([^\s"'`,;#]{12,300}))/g;
const SECRET_LAST_WORD = new Set(['secret', 'token', 'password', 'passwd', 'pwd', 'credential', 'credentials', 'apikey', 'passphrase']);
const KEY_QUALIFIERS = new Set(['api', 'access', 'secret', 'private', 'auth', 'encryption', 'signing', 'master', 'client', 'license', 'service', 'admin']);

/** The lower-cased words of a variable or key name: `dbPassword` -> ['db', 'password']. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (last === undefined) return false;
  if (SECRET_LAST_WORD.has(last)) return true;
  return last === 'key' && words.length >= 2 && KEY_QUALIFIERS.has(words[words.length - 2]!);
}

function looksRandom(value: string): boolean {
  if (value.length < 12) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(value)).length;
  if (classes < 2) return false;
  if (/^[a-z]+(?:[._-][a-z]+)+$/i.test(value)) return false; // dotted or dashed words: config.key.name
  // URLs: a password inside one is the URL detectors' business (`mongodb://app:app@localhost`).
  if (/^[a-z][\w+.-]{1,20}:\/\//i.test(value) || value.startsWith('/') || value.startsWith('./')) return false;
  // Hex digests and keys use 16 symbols, so their entropy tops out at 4 bits where base64 reaches 6.
  if (value.length >= 24 && /^[a-f0-9]+$/i.test(value)) return entropy(value) >= 3;
  return entropy(value) >= (value.length >= 20 ? 3.5 : 3.2);
}

export interface FindSecretsOptions {
  /** Look for secret-named assignments with random-looking values (off in test files). */
  named?: boolean;
  /** Only quoted values count as named secrets (code files, where bare words are identifiers). */
  quotedOnly?: boolean;
  /** Redaction: err towards masking, so placeholders and local defaults of provider formats count too. */
  mask?: boolean;
}

/** A provider-format match, or null for a placeholder or a local development default. */
function providerMatch(p: ProviderPattern, m: RegExpExecArray, mask: boolean): SecretMatch | null {
  const group = p.group ?? 0;
  const value = m[group]!;
  const start = group === 0 ? m.index : m.indices![group]![0];
  // A provider format whose body is a typed sequence is judged later (warn), not dropped here.
  if (!mask && isPlaceholder(value, true)) return null;
  if (!mask && p.kind.startsWith('connection string') && (LOCAL_HOSTS.test(m[2] ?? '') || TRIVIAL_PASSWORDS.test(value))) return null;
  return { start, end: start + value.length, kind: p.kind, severity: p.severity ?? 'block', confidence: 'high', ...(group === 0 ? {} : { plain: true, typed: true }) };
}

/** A random-looking value assigned to a secret-named key, or null. */
function namedMatch(m: RegExpExecArray, quotedOnly: boolean): SecretMatch | null {
  const quoted = m[3];
  const value = quoted ?? m[4];
  if (value === undefined || (quotedOnly && quoted === undefined)) return null;
  if (!isSecretName(m[1]!) || isPlaceholder(value) || !looksRandom(value)) return null;
  const start = m.index + m[0].lastIndexOf(value);
  // A secret-looking name and a random-looking value: a heuristic, so never a block on its own.
  return { start, end: start + value.length, kind: `secret in "${m[1]}"`, severity: 'warn', confidence: 'medium', plain: true };
}

function* matches(regex: RegExp, text: string): Generator<RegExpExecArray> {
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m; m = regex.exec(text)) yield m;
}

/** Finds secrets in `text`. Pure and synchronous; used by the hardcoded-secret rule and by LLM redaction. */
export function findSecrets(text: string, options: FindSecretsOptions = {}): SecretMatch[] {
  // Kept sorted and non-overlapping, so an overlap check looks at two neighbours (linear in matches).
  const found: SecretMatch[] = [];
  // Provider formats first: a value they claim is not reported again as a named secret.
  const add = (match: SecretMatch | null): void => {
    if (!match) return;
    let lo = 0;
    let hi = found.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (found[mid]!.start < match.start) lo = mid + 1;
      else hi = mid;
    }
    const before = found[lo - 1];
    const after = found[lo];
    if ((before && before.end > match.start) || (after && after.start < match.end)) return;
    found.splice(lo, 0, match);
  };
  for (const p of PROVIDERS) if ((!p.maskOnly || options.mask === true) && text.includes(p.keyword)) for (const m of matches(p.regex, text)) add(providerMatch(p, m, options.mask === true));
  const shaped: SecretMatch[] = [];
  basicAuthUrls(text, shaped);
  curlCredentials(text, shaped);
  keyArguments(text, shaped);
  webTokens(text, shaped);
  for (const match of shaped) add(match);
  if (options.named !== false && /key|secret|token|pass|pwd|credential/i.test(text)) for (const m of matches(NAMED, text)) add(namedMatch(m, options.quotedOnly === true));
  return found;
}
