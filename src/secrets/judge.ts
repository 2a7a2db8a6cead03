import type { Severity } from '../types.js';
import { entropy, isPlaceholder, SEQUENCE, type SecretMatch } from './detect.js';

/*
 * How the hardcoded-secret rule weighs a match found by findSecrets in its context. Redaction for
 * the LLM path keeps every match (hiding a fake key costs nothing); a gate that blocks a commit must
 * instead be sure the value is a real credential, so this judges the value's body and where it stands.
 */

// Lower-case prefix words of provider formats: `sk-`, `proj-`, `api03-`, `ghp_`, `sk_live_`, `xoxb-`, `npm_`.
const PREFIX = /^(?:AKIA|ASIA|ABIA|ACCA|AIza|(?:[a-z][a-z0-9]{1,9}[_-]){1,3})/;
// Words people type into fake tokens: `ghp_testTokenForRedaction…`, `sk-mock-…`.
const FAKE_WORDS = /test|mock|fake|dummy|fixture|invalid|sample|example|secret|token|redact|sanitiz|foo|bar|baz|abc|xyz|qwerty|lorem/i;
// Key material after a private-key header (base64, possibly split by escaped or real newlines).
const KEY_MATERIAL = /[A-Za-z0-9+/]{40,}/;

/** The random part of a provider token, without its fixed prefix. */
export function tokenBody(value: string): string {
  return value.replace(PREFIX, '');
}

/** A short unit repeated (`ab12ab12ab12…`) or too few distinct characters to be random. */
function repetitive(body: string): boolean {
  if (new Set(body).size <= 4) return true;
  return /^(.{1,8}?)\1+.{0,8}$/.test(body);
}

// Words joined by separators, each a plain word with at most trailing digits: `--color-success`,
// `auth.password.hint`, `ACCESS_TOKEN_v2`. Names of things, never issued as credentials; random
// tokens mix letters, cases and digits inside their runs.
const WORD = '(?:[0-9]{0,2}(?:[a-z]+(?:[A-Z][a-z]{2,})*|[A-Z][a-z]*(?:[A-Z][a-z]{2,})*|[A-Z]+)[0-9]*|[0-9]+)';
const IDENTIFIER_LIKE = new RegExp(`^[-_.:/]{0,2}${WORD}(?:[-_.:/]${WORD})+$`);

/** A name-shaped value: a design token, a key path, a field id. */
export function identifierLike(value: string): boolean {
  return IDENTIFIER_LIKE.test(value);
}

/** Mostly runs of consecutive characters (`aBcDeFg…`, `1234567890`, `ABCDEFGHIJ`): typed, never issued. */
export function sequential(body: string): boolean {
  const lower = body.toLowerCase();
  let steps = 0;
  for (let i = 1; i < lower.length; i++) if (lower.charCodeAt(i) === lower.charCodeAt(i - 1) + 1) steps++;
  return steps >= (lower.length - 1) * 0.5;
}

/** A value nobody would issue as a credential: placeholder text, repeated characters, too little entropy. */
export function looksFake(body: string, allowSequences = false): boolean {
  return body.length < 8 || isPlaceholder(body, allowSequences) || repetitive(body) || entropy(body) < 3;
}

/** Random enough to have come from a provider rather than from a person typing a test value. */
function realistic(body: string): boolean {
  return !looksFake(body) && !FAKE_WORDS.test(body) && entropy(body) >= 3.5;
}

export interface SecretVerdict {
  severity: Severity;
  /** Added to the message when the verdict differs from the match's own severity. */
  note?: string;
}

/**
 * The severity a match deserves, or null when it is not a credential.
 * `text` is the whole file and `start` the match's offset in it; `testLike` marks tests and fixtures.
 */
export function judgeSecret(match: SecretMatch, value: string, text: string, start: number, testLike: boolean): SecretVerdict | null {
  let body: string;
  if (match.kind === 'private key') {
    // A header alone is how detection and redaction code names a key; the key is the material after it.
    const material = KEY_MATERIAL.exec(text.slice(start + value.length, start + value.length + 400));
    if (!material) return null;
    body = material[0];
  } else {
    body = match.plain ? value : tokenBody(value);
    // Under a secret-ish name (`token: '--color-success'`) a name-shaped value names something else.
    if (match.kind.startsWith('secret in') && identifierLike(value)) return null;
  }
  // In a provider's exact format, a typed sequence (`aBcDeFg…`, `1234567…`) may be a sample or a real key.
  if (sequential(body)) return null;
  const sequence = !match.plain && match.kind !== 'private key' && new RegExp(SEQUENCE.source, 'i').test(body);
  if (looksFake(body, sequence)) {
    // A typed password (`https://deploy:s3cur3K3y@…`) has little entropy; its detector already ruled out templates.
    if (!match.typed || testLike) return null;
    return { severity: 'warn', note: match.severity === 'block' ? ' The password looks weak or typed by hand; if it is a real one, change it.' : undefined };
  }
  if (!testLike && sequence) return { severity: 'warn', note: ' Its body reads like a typed sequence, so it may be a sample value: if so, replace it with an obvious placeholder.' };
  if (!testLike) return { severity: match.severity };
  // Tests of redaction and parsing code need secret-shaped values; only a realistic one may be real.
  if (!realistic(body)) return null;
  return { severity: match.severity === 'block' ? 'warn' : match.severity, note: ' It is in a test or fixture file, but looks like a real credential: make sure it was never live.' };
}
