#!/usr/bin/env node
/*
 * Regex audit: runs every regular expression literal of src/ and rules/ against long adversarial
 * strings (prefix + filler x N + suffix) and prints those slower than 30 ms with their worst input.
 * Linear patterns stay flat as N grows; compare `node bench/regex-scan.mjs 5000` with 20000.
 * Timings on a busy machine are noisy: look for figures that grow with the square of N.
 */
import ts from 'typescript';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
const files = [];
const walk = (d) => { for (const e of readdirSync(d)) { const p = join(d, e); if (statSync(p).isDirectory()) walk(p); else if (p.endsWith('.ts')) files.push(p); } };
walk('src'); walk('rules');
const N = Number(process.argv[2] ?? 20000);
const fillers = [' ', 'a', '0', '-', '.', '/', '#', '*', '=', '\t', 'a ', ' a', '"', "'", '_', '\\', ':', '@', 'A', '+', '.a', 'a.', 'a-', '1.', '// ', '<!--', '-->', '*/', 'ab', '$', '{', '}', '(', ')', ',', 'x=', 'aA1'];
const prefixes = ['', '# a', '// ', '#', '-- ', '<!-- ', 'a', 'x: ', 'KEY=', 'password=', '"', "'", 'http://', 'step 1', 'diffwarden-ignore-file ', '# diffwarden-ignore-file ', 'import ', '@@ -1 +1 @@', 'sk_', 'ghp_', '-----BEGIN ', 'const a = ', 'bearer ', 'Authorization: Bearer ', 'postgres://a:', 'a@', 'eyJ'];
const suffixes = ['x', '', '\u0000', '!', '\n', '*/x', '-->x'];
for (const f of files) {
  const sf = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (n) => {
    if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      let re;
      // diffwarden-ignore-next-line dynamic-code-exec -- evaluates regex literals of our own sources, to fuzz them
      try { re = eval(n.text); } catch { return; }
      let worst = 0, worstIn = '';
      for (const p of prefixes) for (const fl of fillers) for (const s of suffixes) {
        const str = p + fl.repeat(Math.ceil(N / fl.length)) + s;
        re.lastIndex = 0;
        const t = performance.now();
        try { if (re.global) str.replace(re, ''); else re.exec(str); } catch {}
        const dt = performance.now() - t;
        if (dt > worst) { worst = dt; worstIn = JSON.stringify(p) + '+' + JSON.stringify(fl) + '*N+' + JSON.stringify(s); }
        if (dt > 2000) break;
      }
      if (worst > 30) console.log(`${worst.toFixed(0)}ms ${f}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1} ${n.text.slice(0, 120)} <- ${worstIn}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
}
