import type { Confidence, Severity } from '../types.js';

/** A secret found in a piece of text; offsets are relative to that text. */
export interface SecretMatch {
  start: number;
  end: number;
  /** What it is, for the message: "OpenAI API key", "AWS access key id"... */
  kind: string;
  severity: Severity;
  confidence: Confidence;
}

interface ProviderPattern {
  kind: string;
  /** Cheap substring test run before the regex (gitleaks' keyword prefilter). */
  keyword: string;
  regex: RegExp;
  /** Capture group holding the secret itself (default: the whole match). */
  group?: number;
  severity?: Severity;
}

/*
 * Provider formats, after gitleaks' rules (config/gitleaks.toml) and each provider's documentation.
 * Boundaries are explicit look-arounds so a key inside a longer token does not match.
 */
const PROVIDERS: ProviderPattern[] = [
  { kind: 'Anthropic API key', keyword: 'sk-ant-', regex: /(?<![\w-])sk-ant-(?:api|admin|sid)\d{2}-[\w-]{40,}/g },
  { kind: 'OpenRouter API key', keyword: 'sk-or-', regex: /(?<![\w-])sk-or-v1-[a-f0-9]{64}(?![\w-])/g },
  { kind: 'OpenAI API key', keyword: 'T3BlbkFJ', regex: /(?<![\w-])sk-(?:proj-|svcacct-|admin-)?[\w-]{16,}T3BlbkFJ[\w-]{16,}/g },
  { kind: 'OpenAI API key', keyword: 'sk-proj-', regex: /(?<![\w-])sk-(?:proj|svcacct|admin)-[\w-]{40,}/g },
  { kind: 'AWS access key id', keyword: 'A', regex: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Z0-9])/g },
  { kind: 'GitHub token', keyword: 'gh', regex: /(?<![\w])gh[pousr]_[A-Za-z0-9]{36,251}(?![\w])/g },
  { kind: 'GitHub fine-grained token', keyword: 'github_pat_', regex: /(?<![\w])github_pat_\w{82}(?![\w])/g },
  { kind: 'Stripe live secret key', keyword: '_live_', regex: /(?<![\w])(?:sk|rk)_live_[A-Za-z0-9]{20,247}(?![\w])/g },
  { kind: 'Stripe test secret key', keyword: '_test_', regex: /(?<![\w])(?:sk|rk)_test_[A-Za-z0-9]{20,247}(?![\w])/g, severity: 'warn' },
  { kind: 'Slack token', keyword: 'xox', regex: /(?<![\w-])xox[abposr]-[A-Za-z0-9-]{10,250}/g },
  { kind: 'Slack webhook URL', keyword: 'hooks.slack.com', regex: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{20,}/g },
  { kind: 'Google API key', keyword: 'AIza', regex: /(?<![\w-])AIza[\w-]{35}(?![\w-])/g },
  { kind: 'npm access token', keyword: 'npm_', regex: /(?<![\w])npm_[A-Za-z0-9]{36}(?![\w])/g },
  { kind: 'private key', keyword: 'PRIVATE KEY', regex: /-----BEGIN[ A-Z0-9]{0,20} PRIVATE KEY(?: BLOCK)?-----/g },
  {
    kind: 'connection string with a password',
    keyword: '://',
    regex: /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver):\/\/[^\s:@/'"`]+:([^\s@/'"`]{3,})@([^\s/:'"`?]+)/g,
    group: 1,
  },
];

/** Documentation keys published by providers as examples. */
const DOCUMENTED_EXAMPLES = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  'sk_test_BQokikJOvBiI2HlWgH4olfQ2',
]);

// Bounded runs (`{0,40}`, `[^<>]`): an unbounded `your[\w-]*` or `<[^>]*>` rescanned the rest of a long value at every start.
const PLACEHOLDER =
  /your[\w-]{0,40}(?:key|token|secret|password)|<[^<>]{0,200}>|\$\{|\{\{|%\(|\$[A-Z_]{3,}|xxxx|XXXX|\*\*\*|\.\.\.|…|example|placeholder|changeme|change[_-]?me|dummy|fake|sample|redacted|replace[_-]?me|insert[_-]?|lorem|_here\b|process\.env|import\.meta\.env|secrets\.|0{8,}|1234567|abcdef?g/i;

const LOCAL_HOSTS = /^(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|host\.docker\.internal)$/i;
const TRIVIAL_PASSWORDS = /^(?:pass(?:word)?|secret|root|admin|postgres|mysql|user|test|guest|changeme|\w{1,3})$/i;

export function isPlaceholder(value: string): boolean {
  if (DOCUMENTED_EXAMPLES.has(value)) return true;
  if (PLACEHOLDER.test(value)) return true;
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
const NAMED = /([A-Za-z_$][\w$.-]{0,80}?)["']?\s*(?::=|=>|=|:)\s*(?:(["'`])([^"'`\s\\]{12,300})\2|([^\s"'`,;#]{12,300}))/g;
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
  if (/^(?:https?|file):\/\//.test(value) || value.startsWith('/') || value.startsWith('./')) return false;
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
  // The only grouped pattern is the connection string, whose group is the password after `user:`.
  const start = m.index + (group === 0 ? 0 : m[0].indexOf(':', m[0].indexOf('://') + 3) + 1);
  if (!mask && isPlaceholder(value)) return null;
  if (!mask && p.kind.startsWith('connection string') && (LOCAL_HOSTS.test(m[2] ?? '') || TRIVIAL_PASSWORDS.test(value))) return null;
  return { start, end: start + value.length, kind: p.kind, severity: p.severity ?? 'block', confidence: 'high' };
}

/** A random-looking value assigned to a secret-named key, or null. */
function namedMatch(m: RegExpExecArray, quotedOnly: boolean): SecretMatch | null {
  const quoted = m[3];
  const value = quoted ?? m[4];
  if (value === undefined || (quotedOnly && quoted === undefined)) return null;
  if (!isSecretName(m[1]!) || isPlaceholder(value) || !looksRandom(value)) return null;
  const start = m.index + m[0].lastIndexOf(value);
  return { start, end: start + value.length, kind: `secret in "${m[1]}"`, severity: 'block', confidence: 'medium' };
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
  for (const p of PROVIDERS) if (text.includes(p.keyword)) for (const m of matches(p.regex, text)) add(providerMatch(p, m, options.mask === true));
  if (options.named !== false && /key|secret|token|pass|pwd|credential/i.test(text)) for (const m of matches(NAMED, text)) add(namedMatch(m, options.quotedOnly === true));
  return found;
}
