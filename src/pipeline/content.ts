import { kindOf } from './file-kind.js';

/*
 * diffwarden decides itself what is text, by content and by its own idea of file kinds: never by
 * the change's `.gitattributes` (a change could mark itself `binary`) and never by one NUL byte
 * (a change could put one at the top of a file to have it skipped).
 */

export type Content = { kind: 'text'; text: string; valid: boolean; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' } | { kind: 'binary' };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');
const SAMPLE = 8000;

/** Decodes UTF-8; invalid sequences become U+FFFD and the caller is told. */
export function decodeText(data: Uint8Array): { text: string; valid: boolean } {
  try {
    return { text: utf8.decode(data), valid: true };
  } catch {
    return { text: lenient.decode(data), valid: false };
  }
}

function isControl(byte: number): boolean {
  return byte < 0x20 ? byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12 && byte !== 27 && byte !== 11 : byte === 0x7f;
}

/**
 * Binary by content: more than 1 in 10 of the first 8000 bytes are control characters (NUL
 * included). Text rarely holds any; compressed or random data holds about 1 in 9.
 */
export function looksBinary(data: Uint8Array): boolean {
  const end = Math.min(data.length, SAMPLE);
  let controls = 0;
  for (let i = 0; i < end; i++) if (isControl(data[i]!)) controls++;
  return controls * 10 > end;
}

/** UTF-16 without a byte order mark: NUL in most high bytes of one parity and almost none of the other. */
function utf16Order(data: Uint8Array): 'le' | 'be' | null {
  if (data[0] === 0xff && data[1] === 0xfe) return 'le';
  if (data[0] === 0xfe && data[1] === 0xff) return 'be';
  const end = Math.min(data.length, SAMPLE) & ~1;
  if (end < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < end; i += 2) {
    if (data[i] === 0) evenNul++;
    if (data[i + 1] === 0) oddNul++;
  }
  const pairs = end / 2;
  if (oddNul > pairs * 0.6 && evenNul < pairs * 0.05) return 'le';
  if (evenNul > pairs * 0.6 && oddNul < pairs * 0.05) return 'be';
  return null;
}

function decodeUtf16(data: Uint8Array, order: 'le' | 'be'): Content {
  const bom = (data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff) ? 2 : 0;
  const decoder = new TextDecoder(order === 'le' ? 'utf-16le' : 'utf-16be');
  return { kind: 'text', text: decoder.decode(data.subarray(bom)), valid: true, encoding: order === 'le' ? 'utf-16le' : 'utf-16be' };
}

/** Text or binary, by content; code, JSON, YAML and Markdown files are always read as text. */
export function classifyContent(data: Uint8Array, path: string): Content {
  const order = utf16Order(data);
  if (order) return decodeUtf16(data, order);
  if (kindOf(path) === 'text' && looksBinary(data)) return { kind: 'binary' };
  const { text, valid } = decodeText(data);
  return { kind: 'text', text, valid, encoding: 'utf-8' };
}

/**
 * The printable ASCII runs of binary data, for the secret scan: every other byte becomes a space, so
 * offsets and line breaks stay those of the bytes.
 */
export function printableText(data: Uint8Array): string {
  const out = Buffer.allocUnsafe(data.length);
  for (let i = 0; i < data.length; i++) {
    const b = data[i]!;
    out[i] = (b >= 0x20 && b < 0x7f) || b === 10 || b === 9 ? b : 0x20;
  }
  return out.toString('latin1');
}

/** 1-based lines of `text` that do not occur in `old`: the added lines when git gave none. */
export function linesNotIn(text: string, old: string | null): number[] {
  const lines = text.split('\n');
  const before = new Set(old === null ? [] : old.split('\n'));
  const out: number[] = [];
  for (let i = 0; i < lines.length; i++) if (!before.has(lines[i]!) && (i < lines.length - 1 || lines[i] !== '')) out.push(i + 1);
  return out;
}
