// Generates a deterministic, realistic-looking TypeScript project for the benchmarks: modules with
// imports, interfaces, classes, control flow and comments. Nothing is downloaded.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const NOUNS = ['user', 'order', 'invoice', 'cart', 'payment', 'session', 'product', 'review', 'shipment', 'coupon', 'account', 'report'];
const VERBS = ['load', 'save', 'validate', 'format', 'compute', 'merge', 'resolve', 'filter', 'apply', 'render'];
const cap = (w) => w[0].toUpperCase() + w.slice(1);

function moduleSource(index, count, random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const noun = NOUNS[index % NOUNS.length];
  const Type = `${cap(noun)}${index}`;
  const lines = [];
  const deps = new Set();
  for (let i = 0; i < 3 && index > 0; i++) deps.add(Math.floor(random() * index));
  for (const d of deps) lines.push(`import { ${cap(NOUNS[d % NOUNS.length])}${d}, ${VERBS[d % VERBS.length]}${d} } from './module${d}.js';`);
  lines.push('', `/** A ${noun} record as stored. */`, `export interface ${Type} {`, '  id: string;', '  createdAt: Date;', '  amount: number;', '  tags: string[];', '  owner?: { id: string; name: string };', '}', '');
  const fnCount = 4 + Math.floor(random() * 4);
  for (let f = 0; f < fnCount; f++) {
    const verb = f === 0 ? VERBS[index % VERBS.length] : pick(VERBS);
    const name = f === 0 ? `${verb}${index}` : `${verb}${cap(noun)}${f}_${index}`;
    lines.push(`// ${cap(verb)}s ${noun}s; keeps the input order because callers page through it.`);
    lines.push(`export ${random() < 0.3 ? 'async ' : ''}function ${name}(items: ${Type}[], limit = ${10 + f}): ${Type}[] {`);
    lines.push('  const out: typeof items = [];');
    lines.push('  for (const item of items) {');
    lines.push(`    if (item.amount > ${f * 3} && item.tags.includes('${pick(NOUNS)}')) {`);
    lines.push('      out.push({ ...item, tags: [...item.tags].sort() });');
    lines.push(`    } else if (item.owner?.name.startsWith('${pick(['a', 'b', 'c'])}')) {`);
    lines.push('      out.push(item);');
    lines.push('    }');
    lines.push('    if (out.length >= limit) break;');
    lines.push('  }');
    lines.push(`  return out.filter((x) => x.id !== '${index}-${f}');`);
    lines.push('}', '');
  }
  lines.push(`export class ${Type}Store {`, `  private readonly items = new Map<string, ${Type}>();`, '');
  lines.push(`  get(id: string): ${Type} | undefined {`, '    return this.items.get(id);', '  }', '');
  lines.push(`  put(item: ${Type}): void {`, "    if (!item.id) throw new Error('id required');", '    this.items.set(item.id, item);', '  }', '');
  lines.push('  get size(): number {', '    return this.items.size;', '  }', '}', '');
  return lines.join('\n');
}

/** Writes `count` modules under `dir/src` plus package.json and tsconfig.json. Returns the file paths. */
export function generateProject(dir, count, seed = 42) {
  const random = rng(seed);
  const files = [];
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bench-app', type: 'module', dependencies: {} }, null, 2));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext' } }, null, 2));
  for (let i = 0; i < count; i++) {
    const sub = i < 100 ? '' : `pkg${Math.floor(i / 100)}/`;
    const path = `src/${sub}module${i}.ts`;
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), moduleSource(i, count, random).replace(/from '\.\/module(\d+)\.js'/g, (_, d) => `from '${relativeImport(sub, Number(d))}'`));
    files.push(path);
  }
  return files;
}

function relativeImport(fromSub, d) {
  const toSub = d < 100 ? '' : `pkg${Math.floor(d / 100)}/`;
  const up = fromSub ? '../' : './';
  return `${up}${toSub}module${d}.js`;
}

/** A typical small change: about 40 added lines over 5 files. */
export function editForCommit(dir, files) {
  const changed = files.slice(10, 15);
  changed.forEach((path, i) => {
    const extra = [
      '',
      `// Totals per owner, for the ${i} report; ignores records without an owner.`,
      `export function totalsByOwner${i}(items: { amount: number; owner?: { id: string } }[]): Map<string, number> {`,
      '  const totals = new Map<string, number>();',
      '  for (const item of items) {',
      '    if (!item.owner) continue;',
      '    totals.set(item.owner.id, (totals.get(item.owner.id) ?? 0) + item.amount);',
      '  }',
      '  return totals;',
      '}',
    ].join('\n');
    writeFileSync(join(dir, path), `${moduleSourceOf(dir, path)}${extra}\n`);
  });
  return changed;
}

import { readFileSync } from 'node:fs';
function moduleSourceOf(dir, path) {
  return readFileSync(join(dir, path), 'utf8');
}
