// Reads the true and false positives out of gitleaks' rule definitions (Go source) without running Go:
// a small evaluator for the few expression shapes those files use (string literals, `+`, `[]string{}`,
// `append`, variables, and gitleaks' sample helpers), and a generator of strings matching a regex.
// Whatever it cannot evaluate is skipped and counted, never guessed.

/** A seeded generator, so the cases (and the figures) are the same on every run. */
export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const range = (a, b) => Array.from({ length: b.charCodeAt(0) - a.charCodeAt(0) + 1 }, (_, i) => String.fromCharCode(a.charCodeAt(0) + i));
const DIGITS = range('0', '9');
const WORD = [...range('a', 'z'), ...range('A', 'Z'), ...DIGITS, '_'];
const PRINTABLE = range('!', '~');

/** A random string matching `source` (the subset of RE2 syntax gitleaks' samples use). */
export function generate(source, random) {
  let i = 0;
  const pick = (list) => list[Math.floor(random() * list.length)];
  const escape = () => {
    const c = source[i++];
    if (c === 'd') return DIGITS;
    if (c === 'w') return WORD;
    if (c === 's') return [' '];
    if (c === 'b' || c === 'A' || c === 'z') return [];
    if (c === 'x') {
      const hex = source.slice(i, i + 2);
      i += 2;
      return [String.fromCharCode(parseInt(hex, 16))];
    }
    if (c === 'n') return ['\n'];
    if (c === 't') return ['\t'];
    return [c];
  };
  const cls = () => {
    const negate = source[i] === '^';
    if (negate) i++;
    const set = [];
    let first = true;
    while (i < source.length && (source[i] !== ']' || first)) {
      first = false;
      let items;
      if (source[i] === '\\') {
        i++;
        items = escape();
      } else items = [source[i++]];
      if (items.length === 1 && source[i] === '-' && source[i + 1] !== ']') {
        i++;
        const hi = source[i] === '\\' ? (i++, escape()[0]) : source[i++];
        set.push(...range(items[0], hi));
      } else set.push(...items);
    }
    i++;
    return negate ? PRINTABLE.filter((c) => !set.includes(c)) : set;
  };
  const atom = () => {
    const c = source[i];
    if (c === '(') {
      i++;
      if (source[i] === '?') {
        const flags = /^\?(?:P<\w+>|<\w+>|[-imsU]*:|[-imsU]*\))/.exec(source.slice(i));
        if (!flags) throw new Error(`group syntax in ${source}`);
        i += flags[0].length;
        if (flags[0].endsWith(')')) return () => '';
      }
      const inner = alternation();
      i++; // ')'
      return inner;
    }
    if (c === '[') {
      i++;
      const set = cls();
      return () => pick(set);
    }
    i++;
    if (c === '\\') {
      const set = escape();
      return () => (set.length ? pick(set) : '');
    }
    if (c === '.') return () => pick(WORD);
    if (c === '^' || c === '$') return () => '';
    return () => c;
  };
  const quantified = () => {
    const a = atom();
    let min = 1;
    let max = 1;
    const q = /^(?:\{(\d+)(,(\d*))?\}|\*|\+|\?)\??/.exec(source.slice(i));
    if (q) {
      i += q[0].length;
      if (q[0][0] === '*') [min, max] = [0, 10];
      else if (q[0][0] === '+') [min, max] = [1, 10];
      else if (q[0][0] === '?') [min, max] = [0, 1];
      else {
        min = Number(q[1]);
        max = q[2] === undefined ? min : q[3] === '' ? min + 10 : Number(q[3]);
      }
    }
    return () => {
      const n = min + Math.floor(random() * (max - min + 1));
      let out = '';
      for (let k = 0; k < n; k++) out += a();
      return out;
    };
  };
  const sequence = () => {
    const parts = [];
    while (i < source.length && source[i] !== '|' && source[i] !== ')') parts.push(quantified());
    return () => parts.map((p) => p()).join('');
  };
  const alternation = () => {
    const branches = [sequence()];
    while (source[i] === '|') {
      i++;
      branches.push(sequence());
    }
    return () => pick(branches)();
  };
  const whole = alternation();
  if (i < source.length) throw new Error(`unbalanced regex ${source}`);
  return whole();
}

function tokenize(src) {
  const tokens = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') {
      tokens.push({ t: 'nl' });
      i++;
    } else if (/\s/.test(c)) i++;
    else if (src.startsWith('//', i)) while (i < src.length && src[i] !== '\n') i++;
    else if (src.startsWith('/*', i)) i = src.indexOf('*/', i) + 2;
    else if (c === '`') {
      const end = src.indexOf('`', i + 1);
      tokens.push({ t: 'str', v: src.slice(i + 1, end) });
      i = end + 1;
    } else if (c === '"' || c === "'") {
      let k = i + 1;
      while (src[k] !== c) k += src[k] === '\\' ? 2 : 1;
      tokens.push({ t: 'str', v: JSON.parse(`"${src.slice(i + 1, k).replace(/\\'/g, "'").replace(/\\x([0-9a-f]{2})/gi, '\\u00$1')}"`) });
      i = k + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/.exec(src.slice(i, i + 200));
      tokens.push({ t: 'id', v: m[0] });
      i += m[0].length;
    } else if (/\d/.test(c)) {
      const m = /^\d+/.exec(src.slice(i));
      tokens.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else {
      const op = ['...', ':=', '[]'].find((o) => src.startsWith(o, i)) ?? c;
      tokens.push({ t: 'op', v: op });
      i += op.length;
    }
  }
  return tokens;
}

const SIZE = { Numeric: '[0-9]', Hex: '[a-f0-9]', AlphaNumeric: '[a-z0-9]', AlphaNumericExtendedShort: '[a-z0-9_-]', AlphaNumericExtended: '[a-z0-9=_\\-]', AlphaNumericExtendedLong: '[a-z0-9\\/=_\\+\\-]' };

/** One rule function's cases: `{ tps, fps, skipped }`, where a sample is `{ sample: identifier, secret }`. */
function evaluateBody(tokens, random, globals = new Map()) {
  const env = new Map(globals);
  let p = 0;
  let result = null;
  const peek = () => tokens[p];
  const skipNl = () => {
    while (tokens[p]?.t === 'nl') p++;
  };
  const expect = (v) => {
    skipNl();
    if (tokens[p]?.v !== v) throw new Error(`expected ${v} got ${tokens[p]?.v}`);
    p++;
  };
  const list = (close) => {
    const items = [];
    skipNl();
    while (peek().v !== close) {
      const value = expr();
      skipNl();
      if (peek().v === '...') {
        p++;
        items.push(...value);
      } else items.push(value);
      skipNl();
      if (peek().v === ',') p++;
      skipNl();
    }
    p++;
    return items;
  };
  const call = (name, args) => {
    const fn = name.replace(/^(?:utils|secrets|fmt|strings)\./, '');
    if (fn === 'NewSecret') return generate(args[0], random);
    if (fn in SIZE) return `${SIZE[fn]}{${args[0]}}`;
    if (fn === 'Hex8_4_4_4_12') return '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
    if (fn === 'GenerateSampleSecrets') return [{ sample: args[0], secret: args[1] }];
    if (fn === 'GenerateSampleSecret') return `${args[0]}_api_token = "${args[1]}"`;
    if (fn === 'Sprintf') {
      let k = 1;
      return args[0].replace(/%[sdvq]/g, () => String(args[k++]));
    }
    const b64 = /^base64\.(Raw)?(Std|URL)Encoding\.EncodeToString$/.exec(name);
    if (b64) {
      const url = Buffer.from(args[0], 'latin1').toString('base64url');
      const std = Buffer.from(args[0], 'latin1').toString('base64');
      const padded = b64[2] === 'URL' ? url + '='.repeat((4 - (url.length % 4)) % 4) : std;
      return b64[1] ? padded.replace(/=+$/, '') : padded;
    }
    if (fn === 'Repeat') return args[0].repeat(args[1]);
    if (fn === 'ToUpper') return args[0].toUpperCase();
    if (fn === 'ToLower') return args[0].toLowerCase();
    if (fn === 'Validate') {
      result = { tps: args[1] ?? [], fps: args[2] ?? [] };
      return null;
    }
    throw new Error(`unknown function ${name}`);
  };
  const term = () => {
    skipNl();
    const tok = tokens[p++];
    if (tok.t === 'str' || tok.t === 'num') return tok.v;
    if (tok.t === 'op' && tok.v === '(') {
      const v = expr();
      expect(')');
      return v;
    }
    if (tok.t === 'op' && tok.v === '[]' && tokens[p]?.v === 'byte' && tokens[p + 1]?.v === '(') {
      p += 2;
      const v = expr();
      expect(')');
      return v;
    }
    if (tok.t === 'op' && tok.v === '[]') {
      p++; // element type
      expect('{');
      return list('}');
    }
    if (tok.t === 'id') {
      if (tok.v === 'nil') return [];
      if (peek()?.v === '(') {
        p++;
        const args = [];
        skipNl();
        while (peek().v !== ')') {
          const value = expr();
          skipNl();
          const spread = peek().v === '...';
          if (spread) p++;
          args.push({ value, spread });
          skipNl();
          if (peek().v === ',') p++;
          skipNl();
        }
        p++;
        if (tok.v === 'append') return [...args[0].value, ...args.slice(1).flatMap((a) => (a.spread ? a.value : [a.value]))];
        return call(tok.v, args.map((a) => a.value));
      }
      if (env.has(tok.v)) return env.get(tok.v);
      if (tok.v === 'r') return null; // the rule itself, only passed to Validate
      throw new Error(`unknown name ${tok.v}`);
    }
    throw new Error(`unexpected ${tok.v}`);
  };
  const expr = () => {
    let v = term();
    while (peek()?.v === '+') {
      p++;
      v = `${v}${term()}`;
    }
    return v;
  };
  const skipStatement = () => {
    let depth = 0;
    while (p < tokens.length) {
      const tok = tokens[p++];
      if (tok.v === '(' || tok.v === '{' || tok.v === '[') depth++;
      else if (tok.v === ')' || tok.v === '}' || tok.v === ']') depth--;
      else if (tok.t === 'nl' && depth <= 0) return;
    }
  };
  const assign = () => {
    const name = tokens[p].v;
    p += 2;
    if (tokens[p]?.t === 'id' && tokens[p].v === 'string' && tokens[p + 1]?.v === '=') p += 2;
    env.set(name, expr());
  };
  let skipped = 0;
  while (p < tokens.length) {
    const start = p;
    try {
      const tok = tokens[p];
      if (tok.t === 'nl') p++;
      else if (tok.v === 'var' && tokens[p + 1]?.v === '(') {
        p += 2;
        for (skipNl(); peek().v !== ')'; skipNl()) {
          const at = p;
          try {
            assign();
          } catch {
            p = at;
            skipStatement();
            skipped++;
          }
        }
        p++;
      } else if (tok.v === 'var') {
        p++;
        assign();
      } else if (tok.t === 'id' && (tokens[p + 1]?.v === ':=' || tokens[p + 1]?.v === '=')) assign();
      else if (tok.v === 'return') {
        p++;
        expr();
      } else skipStatement();
    } catch (e) { if (process.env.GODEBUG_CASES) console.error(String(e));
      p = start;
      skipStatement();
      if (/^(?:tps|fps)/.test(tokens[start]?.v ?? '')) skipped++;
    }
  }
  return { ...(result ?? { tps: [], fps: [] }), skipped, env };
}

/** Every rule function of one gitleaks rules file: `[{ name, tps, fps, skipped }]`. */
export function rulesOf(goSource, seed = 1) {
  const out = [];
  const random = rng(seed);
  const [preamble, ...funcs] = goSource.split(/^func /m);
  const globals = evaluateBody(tokenize(preamble.replace(/^import \([^)]*\)/m, '')), random).env;
  for (const body of funcs) {
    const name = /^(\w+)/.exec(body)?.[1] ?? '?';
    const { env, ...cases } = evaluateBody(tokenize(body.slice(body.indexOf('{') + 1)), random, globals);
    out.push({ name, ...cases });
  }
  return out;
}
