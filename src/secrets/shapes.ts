import type { SecretMatch } from './detect.js';

/*
 * Credentials recognised by where they stand rather than by a provider prefix: a password inside a
 * URL, `curl -u user:password`, a literal key handed to an HMAC, cipher or JWT call, a JSON web token.
 * None of these proves the value is live, so each is `warn` at most. All scans are linear: each
 * pattern starts at a fixed word and its runs are bounded or separated by characters outside them.
 */

const LOCAL_HOSTS = /^(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|host\.docker\.internal)$/i;
// Values that are templates or documentation, never a typed-in password.
const TEMPLATE = /[{}<>]|\$\(|\$[A-Za-z_]|%\(|password|passwd|secret_here|your[_-]|replace|changeme|example|placeholder|redacted|xxx|\*\*\*/i;

// A generic noun where the credential goes: `curl -u username:token`.
const NOUN = /^(?:token|secret|apikey|api[_-]key|key|pwd|credentials?)$/i;

function plausible(value: string, user: string): boolean {
  if (value.length < 4 || NOUN.test(value) || TEMPLATE.test(value) || value.toLowerCase() === user.toLowerCase()) return false;
  return new Set(value).size > 2;
}

const match = (start: number, value: string, kind: string): SecretMatch => ({ start, end: start + value.length, kind, severity: 'warn', confidence: 'medium', plain: true, typed: true });

// Web and file-transfer URLs (databases are a provider pattern of their own).
const BASIC_AUTH = /\b(?:https?|ftps?|sftp|ssh|git|smtps?|imaps?|ldaps?|wss?):\/\/([^\s:@/'"`()<>\\]{1,100}):([^\s@/'"`<>\\]{1,200})@([^\s/:'"`?#)\]<>\\]{1,253})/dgi;

/** `https://user:password@host`, unless the password is a template, a placeholder or the user name again. */
export function basicAuthUrls(text: string, out: SecretMatch[]): void {
  if (!text.includes('@')) return;
  BASIC_AUTH.lastIndex = 0;
  for (let m = BASIC_AUTH.exec(text); m; m = BASIC_AUTH.exec(text)) {
    const [user, password, host] = [m[1]!, m[2]!, m[3]!];
    if (LOCAL_HOSTS.test(host) || TEMPLATE.test(user) || !plausible(password, user)) continue;
    out.push(match(m.indices![2]![0], password, 'password in a URL'));
  }
}

// `curl … -u user:password` / `--user "user:password"` / `--user kevin:'pw'`; quoted and bare pieces
// alternate, so a bare run always ends at a quote and there is one way to split the argument.
const CURL_USER = /\bcurl\b[^\n]{0,300}?[ \t](?:-u|--user)(?:=|[ \t]{1,5})((?:[^\s"'\\]{1,200})?(?:(?:"[^"\n]{0,200}"|'[^'\n]{0,200}')[^\s"'\\]{0,200}){0,3})/dg;
// `curl … -H "Authorization: Bearer <token>"`, also on a continuation line of the same command.
const CURL_HEADER = /\bcurl\b(?:[^\n\\]|\\[^\n]|\\\r?\n){0,800}?(?:-H|--header)[ \t]*(["'])[ \t]*(?:Authorization|Api-Token|X-Api-Key|Private-Token|Token)[ \t]*:[ \t]*(?:(Bearer|Basic|Token|Api-Token)[ \t]+)?([^\s"'$]{8,400})[ \t]*\1/dgi;

function curlUser(text: string, out: SecretMatch[]): void {
  CURL_USER.lastIndex = 0;
  for (let m = CURL_USER.exec(text); m; m = CURL_USER.exec(text)) {
    const argument = m[1]!;
    const colon = argument.indexOf(':');
    if (colon < 0) continue;
    const unquote = (s: string): string => s.replace(/["']/g, '');
    const [user, password] = [unquote(argument.slice(0, colon)), unquote(argument.slice(colon + 1))];
    if (!plausible(password, user) || /^\$/.test(password)) continue;
    // A local server's test login (`curl http://127.0.0.1:5000 --user user:pass`).
    const line = text.slice(text.lastIndexOf('\n', m.index) + 1, text.indexOf('\n', m.index) >>> 0);
    if (/:\/\/(?:localhost|127\.0\.0\.1|0\.0\.0\.0)\b/.test(line)) continue;
    const start = m.indices![1]![0] + colon + 1;
    out.push(match(start, argument.slice(colon + 1), 'password in a curl command'));
  }
}

export function curlCredentials(text: string, out: SecretMatch[]): void {
  if (!text.includes('curl')) return;
  curlUser(text, out);
  CURL_HEADER.lastIndex = 0;
  for (let m = CURL_HEADER.exec(text); m; m = CURL_HEADER.exec(text)) {
    const value = m[3]!;
    if (!plausible(value, '')) continue;
    // Basic credentials are base64 of `user:password`; anything else after `Basic` is not one.
    if (m[2]?.toLowerCase() === 'basic' && !/^[A-Za-z0-9+/]+=*$/.test(value)) continue;
    out.push(match(m.indices![3]![0], value, 'credential in a curl header'));
  }
}

// The key argument of calls whose key must be secret: `createHmac(alg, '<key>')`,
// `createCipheriv(alg, '<key>', iv)`, `jwt.sign(payload, '<key>')`, `jwt.verify(token, '<key>')`.
const KEY_ARGUMENT = /\b(?:createHmac|createCipheriv|createDecipheriv|(?:jwt|jsonwebtoken|JWT)\.(?:sign|verify))\([^()]{1,200}?,[ \t\r\n]*(["'`])([^"'`\\\n]{6,200})\1/dg;

export function keyArguments(text: string, out: SecretMatch[]): void {
  if (!/createHmac|Cipheriv|\.sign\(|\.verify\(/.test(text)) return;
  KEY_ARGUMENT.lastIndex = 0;
  for (let m = KEY_ARGUMENT.exec(text); m; m = KEY_ARGUMENT.exec(text)) {
    const key = m[2]!;
    if (TEMPLATE.test(key) || new Set(key).size <= 2 || /^(?:sha\d+|md5|aes-\d+-\w+|hex|base64|utf-?8)$/i.test(key)) continue;
    out.push(match(m.indices![2]![0], key, 'signing key passed as a literal'));
  }
}

const JWT = /(?<![\w-])eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{0,600}/g;

/** JSON web tokens, except Supabase-style public keys (`"role":"anon"`), which are meant to be shipped. */
export function webTokens(text: string, out: SecretMatch[]): void {
  if (!text.includes('eyJ')) return;
  JWT.lastIndex = 0;
  for (let m = JWT.exec(text); m; m = JWT.exec(text)) {
    const payload = Buffer.from(m[0].split('.')[1]!, 'base64url').toString('utf8');
    if (/"role"\s*:\s*"anon"/.test(payload)) continue;
    // A token that names no subject, issuer, audience or lifetime authenticates nobody.
    if (!/"(?:sub|iss|aud|exp|iat|nbf|jti|user\w*|uid|email|role|scope|client_id|azp|sid)"\s*:/.test(payload)) continue;
    out.push(match(m.index, m[0], 'JSON web token'));
  }
}
