import { isSecretName } from './detect.js';

/** A span of text that must not be shown or sent; offsets are relative to the scanned text. */
export interface SecretRange {
  start: number;
  end: number;
  kind: string;
}

/*
 * Shapes that carry a credential whatever its value looks like. Every scan here is linear: patterns
 * start only at a boundary (look-behind) and their runs cannot overlap, or the scan is by hand.
 */

const KEY_HEADER = /-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----/g;

/** Whole private-key blocks, BEGIN to END (or to the end of the text when END is missing). */
export function keyBlocks(text: string, out: SecretRange[]): void {
  if (!text.includes('PRIVATE KEY')) return;
  KEY_HEADER.lastIndex = 0;
  for (let m = KEY_HEADER.exec(text); m; m = KEY_HEADER.exec(text)) {
    const footer = text.indexOf('-----END', m.index + m[0].length);
    const close = footer < 0 ? -1 : text.indexOf('-----', footer + 8);
    const end = close < 0 ? text.length : close + 5;
    out.push({ start: m.index, end, kind: 'private key' });
    KEY_HEADER.lastIndex = end;
  }
}

const URL_STOP = new Set([' ', '\t', '\n', '\r', '/', '?', '#', '"', "'", '`', '<', '>', '\\']);

/** `scheme://user:password@host` (password masked), `scheme://:password@host`, `scheme://long-token@host`. */
export function urlCredentials(text: string, out: SecretRange[]): void {
  for (let i = text.indexOf('://'); i >= 0; i = text.indexOf('://', i + 3)) {
    let colon = -1;
    let at = -1;
    // The scan stops at the next `/`, so scans of different URLs never overlap.
    for (let k = i + 3; k < text.length && !URL_STOP.has(text[k]!); k++) {
      if (text[k] === '@') {
        at = k;
        break;
      }
      if (text[k] === ':' && colon < 0) colon = k;
    }
    if (at < 0) continue;
    if (colon >= 0 && at > colon + 1) out.push({ start: colon + 1, end: at, kind: 'password in a URL' });
    else if (colon < 0 && at - (i + 3) >= 12) out.push({ start: i + 3, end: at, kind: 'credential in a URL' });
  }
}

const QUERY = /[?&;]([A-Za-z_][\w.-]{0,40})=([^&\s'"`#<>\\]+)/g;
const QUERY_NAMES = new Set(['key', 'apikey', 'api_key', 'api-key', 'sig', 'signature', 'auth', 'access_token', 'code', 'pass', 'pw', 'x-amz-signature', 'x-amz-credential', 'x-amz-security-token', 'x-goog-signature']);

/** Credentials in query strings: `?api_key=…`, `&token=…`, `&sig=…`. */
export function queryCredentials(text: string, out: SecretRange[]): void {
  if (!text.includes('=')) return;
  QUERY.lastIndex = 0;
  for (let m = QUERY.exec(text); m; m = QUERY.exec(text)) {
    const name = m[1]!;
    if (!isSecretName(name) && !QUERY_NAMES.has(name.toLowerCase()) && !/(?:key|token|secret|password)$/i.test(name)) continue;
    const start = m.index + m[0].length - m[2]!.length;
    out.push({ start, end: m.index + m[0].length, kind: 'credential in a URL' });
  }
}

const AUTH_SCHEME = /(?<![\w-])(?:Bearer|Basic|Digest)[ \t]+([\w.~+/=-]{8,})/gi;
const AUTH_HEADER = /(?<![\w-])(?:authorization|x-api-key|api-key|x-auth-token|private-token|cookie)["']?[ \t]*[:=,][ \t]*["'`]?([^"'`\r\n]{6,400})/gi;

/** `Authorization: …` header values and `Bearer …`/`Basic …` credentials anywhere. */
export function authValues(text: string, out: SecretRange[]): void {
  for (const regex of [AUTH_SCHEME, AUTH_HEADER]) {
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m; m = regex.exec(text)) {
      const value = m[1]!.trimEnd();
      const start = m.index + m[0].length - m[1]!.length;
      out.push({ start, end: start + value.length, kind: 'authorization credential' });
    }
  }
}

const JWT = /(?<![\w-])eyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]*/g;

export function jwts(text: string, out: SecretRange[]): void {
  if (!text.includes('eyJ')) return;
  JWT.lastIndex = 0;
  for (let m = JWT.exec(text); m; m = JWT.exec(text)) out.push({ start: m.index, end: m.index + m[0].length, kind: 'JSON web token' });
}

const BASE64 = /(?<![\w+/=-])[\w+/-]{24,}={0,2}/g;

/** Base64 runs whose decoded text holds a credential (`detect` scans the decoded text). */
export function encodedSecrets(text: string, detect: (decoded: string) => boolean, out: SecretRange[]): void {
  BASE64.lastIndex = 0;
  for (let m = BASE64.exec(text); m; m = BASE64.exec(text)) {
    const decoded = Buffer.from(m[0], 'base64').toString('latin1');
    let printable = 0;
    for (let i = 0; i < decoded.length; i++) {
      const c = decoded.charCodeAt(i);
      if ((c >= 32 && c < 127) || c === 10 || c === 13 || c === 9) printable++;
    }
    if (decoded.length >= 12 && printable >= decoded.length * 0.95 && detect(decoded)) out.push({ start: m.index, end: m.index + m[0].length, kind: 'encoded secret' });
  }
}

const LITERAL = /(["'`])((?:[^"'`\\\n]|\\.){1,2000})\1/g;
const JOINER = /^[ \t]*(?:\+[ \t]*)?$/;

/** Keys split into string literals joined by `+` (or adjacent, as in Python): the joined text is scanned. */
export function splitLiterals(text: string, detect: (joined: string) => boolean, out: SecretRange[]): void {
  if (!text.includes('+') && !/["'][ \t]+["']/.test(text)) return;
  let chain: RegExpExecArray[] = [];
  const flush = (): void => {
    if (chain.length >= 2 && detect(chain.map((m) => m[2]).join(''))) for (const m of chain) out.push({ start: m.index + 1, end: m.index + m[0].length - 1, kind: 'split secret' });
    chain = [];
  };
  LITERAL.lastIndex = 0;
  for (let m = LITERAL.exec(text); m; m = LITERAL.exec(text)) {
    const last = chain[chain.length - 1];
    if (last && !JOINER.test(text.slice(last.index + last[0].length, m.index))) flush();
    chain.push(m);
  }
  flush();
}
