import { j } from '../helpers/repo.js';

/** A realistic change an assistant might make, as files before and after, with what must be caught. */
export interface CorpusCase {
  name: string;
  before: Record<string, string>;
  after: Record<string, string | null>;
  /** rule@file:line=severity (the lowest acceptable severity); empty = a clean change. */
  expect: string[];
}

const PKG = JSON.stringify({ name: 'shop', type: 'module', dependencies: { express: '^4.19.0', zod: '^3.23.0' }, devDependencies: { vitest: '^2.0.0', typescript: '^5.5.0' } }, null, 2);

const cart = `import { z } from 'zod';

export const Item = z.object({ id: z.string(), price: z.number(), qty: z.number() });
export type Item = z.infer<typeof Item>;

export function total(items: Item[]): number {
  let sum = 0;
  for (const item of items) sum += item.price * item.qty;
  return Math.round(sum * 100) / 100;
}

export function discount(total: number, code: string): number {
  if (code === 'TENOFF') return total * 0.9;
  return total;
}
`;

const cartTest = `import { describe, expect, it } from 'vitest';
import { discount, total } from './cart.js';

describe('cart', () => {
  it('sums prices', () => {
    expect(total([{ id: 'a', price: 2, qty: 3 }])).toBe(6);
  });
  it('applies TENOFF', () => {
    expect(discount(100, 'TENOFF')).toBe(90);
  });
  it('ignores unknown codes', () => {
    expect(discount(100, 'NOPE')).toBe(100);
  });
});
`;

const base = { 'package.json': PKG, 'src/cart.ts': cart, 'src/cart.test.ts': cartTest };

export const CASES: CorpusCase[] = [
  {
    name: 'elided code replaced a function body',
    before: base,
    after: { 'src/cart.ts': cart.replace('  let sum = 0;\n  for (const item of items) sum += item.price * item.qty;\n  return Math.round(sum * 100) / 100;', '  // ... existing code ...\n  return sum;') },
    expect: ['placeholder-elision@src/cart.ts:7=block'],
  },
  {
    name: 'rest-of-file placeholder',
    before: base,
    after: { 'src/cart.ts': cart.replace(/export function discount[\s\S]*$/, '// rest of the file remains unchanged\n') },
    expect: ['placeholder-elision@src/cart.ts:12=block'],
  },
  {
    name: 'chat preamble pasted into the file',
    before: base,
    after: { 'src/cart.ts': `// Here's the updated code with the discount fix:\n${cart}` },
    expect: ['chat-artifact@src/cart.ts:1=block'],
  },
  {
    name: 'markdown fences around a pasted module',
    before: base,
    after: { 'src/format.ts': "```typescript\nexport const money = (n: number) => `$${n.toFixed(2)}`;\n```\n" },
    expect: ['chat-artifact@src/format.ts:1=block'],
  },
  {
    name: 'sign-off left in a comment',
    before: base,
    after: { 'src/cart.ts': `${cart}\n// Let me know if you need any further changes!\n` },
    expect: ['chat-artifact@src/cart.ts:17=block'],
  },
  {
    name: 'citation token in a config file',
    before: base,
    after: { 'config/retry.json': '{ "retries": 3, "backoffMs": 200 } :contentReference[oaicite:1]{index=1}\n' },
    expect: ['chat-artifact@config/retry.json:1=block'],
  },
  {
    name: 'OpenAI key hard-coded',
    before: base,
    after: { 'src/ai.ts': `import OpenAI from 'openai';\nexport const client = new OpenAI({ apiKey: '${j('sk-proj-', 'Qm3Zr8Lx2Vb9Tn4Wk7Yp1Hd6Fs5Gj0Ac', 'T3BlbkFJ', 'Xw2Ez7Ru4Io9Pa1Sd6Fg3Hj8Kl5')}' });\n`, 'package.json': PKG.replace('"zod": "^3.23.0"', '"zod": "^3.23.0",\n    "openai": "^4.0.0"') },
    expect: ['hardcoded-secret@src/ai.ts:2=block'],
  },
  {
    name: 'AWS keys in .env committed',
    before: base,
    after: { '.env': `AWS_ACCESS_KEY_ID=${j('AKIA', 'Q3EGRTXB7JN4WZ5K')}\nAWS_SECRET_ACCESS_KEY=${j('h7Kq2mXz9pLw', 'R4tYv8NcB3sDf6Gj1Ae5Ui0oZq8v')}\n` },
    expect: ['hardcoded-secret@.env:1=block', 'hardcoded-secret@.env:2=block'],
  },
  {
    name: 'database password in code',
    before: base,
    after: { 'src/db.ts': "import pg from 'pg';\nexport const pool = new pg.Pool({ host: 'db.internal', user: 'shop', password: 'Shop2024!' });\n", 'package.json': PKG.replace('"zod": "^3.23.0"', '"zod": "^3.23.0",\n    "pg": "^8.0.0"') },
    expect: ['hardcoded-password@src/db.ts:2=block'],
  },
  {
    name: 'focused test',
    before: base,
    after: { 'src/cart.test.ts': cartTest.replace("it('applies TENOFF'", "it.only('applies TENOFF'") },
    expect: ['focused-test@src/cart.test.ts:8=block'],
  },
  {
    name: 'failing test skipped',
    before: base,
    after: { 'src/cart.test.ts': cartTest.replace("it('ignores unknown codes'", "it.skip('ignores unknown codes'") },
    expect: ['skipped-test@src/cart.test.ts:11=block'],
  },
  {
    name: 'test with no assertion',
    before: base,
    after: { 'src/cart.test.ts': cartTest.replace("  it('ignores unknown codes'", "  it('handles empty carts', () => {\n    total([]);\n  });\n  it('ignores unknown codes'") },
    expect: ['assertion-free-test@src/cart.test.ts:11=warn'],
  },
  {
    name: 'tautological assertion',
    before: base,
    after: { 'src/cart.test.ts': cartTest.replace('expect(discount(100, \'NOPE\')).toBe(100);', 'expect(true).toBe(true);') },
    expect: ['tautological-assertion@src/cart.test.ts:12=warn'],
  },
  {
    name: 'tests deleted with the code they covered edited',
    before: base,
    after: { 'src/cart.test.ts': null, 'src/cart.ts': cart.replace('0.9', '0.85') },
    expect: ['test-weakened@src/cart.test.ts:1=block'],
  },
  {
    name: 'assertions weakened to make a test pass',
    before: base,
    after: { 'src/cart.test.ts': cartTest.replace("    expect(discount(100, 'TENOFF')).toBe(90);", "    expect(discount(100, 'TENOFF')).toBeDefined();").replace("    expect(discount(100, 'NOPE')).toBe(100);", "    expect(discount(100, 'NOPE')).toBeTruthy();").replace("  it('applies TENOFF', () => {\n", "  it('applies TENOFF', () => {\n    expect(discount(50, 'TENOFF')).toBe(45);\n") },
    expect: [],
  },
  {
    name: 'not-implemented stub',
    before: base,
    after: { 'src/refund.ts': "export async function refund(orderId: string): Promise<void> {\n  throw new Error('Not implemented');\n}\n" },
    expect: ['stub-function@src/refund.ts:1=warn'],
  },
  {
    name: 'TODO placeholder return',
    before: base,
    after: { 'src/users.ts': 'export async function findUser(id: string) {\n  // TODO: implement database lookup\n  return null;\n}\n' },
    expect: ['stub-function@src/users.ts:1=warn'],
  },
  {
    name: 'as any to silence the compiler',
    before: base,
    after: { 'src/cart.ts': cart.replace('export function discount(total: number, code: string): number {', 'export function discount(total: number, code: string): number {\n  const promo = (globalThis as any).promo;') },
    expect: ['type-escape@src/cart.ts:13=warn'],
  },
  {
    name: 'ts-ignore',
    before: base,
    after: { 'src/cart.ts': cart.replace('  if (code ===', "  // @ts-ignore\n  if (code ===") },
    expect: ['ts-directive@src/cart.ts:13=warn'],
  },
  {
    name: 'eslint disabled for the whole file',
    before: base,
    after: { 'src/cart.ts': `/* eslint-disable */\n${cart}` },
    expect: ['lint-disable@src/cart.ts:1=block'],
  },
  {
    name: 'strict mode turned off',
    before: { ...base, 'tsconfig.json': '{\n  "compilerOptions": {\n    "strict": true,\n    "module": "NodeNext"\n  }\n}\n' },
    after: { 'tsconfig.json': '{\n  "compilerOptions": {\n    "strict": false,\n    "module": "NodeNext"\n  }\n}\n' },
    expect: ['tsconfig-weakened@tsconfig.json:3=warn'],
  },
  {
    name: 'empty catch',
    before: base,
    after: { 'src/sync.ts': "export async function sync(push: () => Promise<void>) {\n  try {\n    await push();\n  } catch (err) {}\n}\n" },
    expect: ['swallowed-error@src/sync.ts:4=warn'],
  },
  {
    name: 'eval on user input',
    before: base,
    after: { 'src/calc.ts': 'export function calculate(expression: string): number {\n  return eval(expression);\n}\n' },
    expect: ['dynamic-code-exec@src/calc.ts:2=block'],
  },
  {
    name: 'shell command built from a branch name',
    before: base,
    after: { 'src/deploy.ts': "import { execSync } from 'node:child_process';\nexport function deploy(branch: string) {\n  execSync(`git checkout ${branch} && npm run build`);\n}\n" },
    expect: ['shell-injection@src/deploy.ts:3=block'],
  },
  {
    name: 'TLS verification disabled',
    before: base,
    after: { 'src/http.ts': "import https from 'node:https';\nexport const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });\n" },
    expect: ['tls-verification-off@src/http.ts:2=block'],
  },
  {
    name: 'innerHTML with user data',
    before: base,
    after: { 'src/view.ts': 'export function greet(el: HTMLElement, name: string) {\n  el.innerHTML = `<h1>Hello ${name}</h1>`;\n}\n' },
    expect: ['unsafe-html-sink@src/view.ts:2=block'],
  },
  {
    name: 'SQL built by interpolation',
    before: base,
    after: { 'src/orders.ts': 'export async function ordersFor(db: { query(sql: string): Promise<unknown> }, userId: string) {\n  return db.query(`SELECT * FROM orders WHERE user_id = \'${userId}\' ORDER BY created_at DESC`);\n}\n' },
    expect: ['sql-injection@src/orders.ts:2=block'],
  },
  {
    name: 'Math.random for a reset token',
    before: base,
    after: { 'src/reset.ts': 'export function createResetToken(): string {\n  return Math.random().toString(36).substring(2, 15);\n}\n' },
    expect: ['insecure-randomness@src/reset.ts:2=warn'],
  },
  {
    name: 'leftover debugger',
    before: base,
    after: { 'src/cart.ts': cart.replace('  let sum = 0;', '  debugger;\n  let sum = 0;') },
    expect: ['debugger-statement@src/cart.ts:7=block'],
  },
  {
    name: 'hallucinated package import',
    before: base,
    after: { 'src/money.ts': "import { formatCurrency } from 'currency-format-utils';\nexport const price = (n: number) => formatCurrency(n, 'USD');\n" },
    expect: ['unresolved-import@src/money.ts:1=block'],
  },
  {
    name: 'import of a module file that does not exist',
    before: base,
    after: { 'src/checkout.ts': "import { total } from './cart.js';\nimport { taxFor } from './tax.js';\nexport const due = (items: Parameters<typeof total>[0]) => total(items) + taxFor(items);\n" },
    expect: ['unresolved-import@src/checkout.ts:2=block'],
  },
  {
    name: 'named import the module does not export',
    before: base,
    after: { 'src/checkout.ts': "import { total, subtotal } from './cart.js';\nexport const due = subtotal;\nexport const sum = total;\n" },
    expect: ['missing-export@src/checkout.ts:1=block'],
  },
  {
    name: 'invented Node API',
    before: base,
    after: { 'src/load.ts': "import { readJsonSync } from 'node:fs';\nexport const load = (p: string) => readJsonSync(p);\n" },
    expect: ['missing-export@src/load.ts:1=block'],
  },
  {
    name: 'typosquatted dependency',
    before: base,
    after: { 'package.json': PKG.replace('"express": "^4.19.0"', '"express": "^4.19.0",\n    "lodahs": "^4.17.21"') },
    expect: ['suspicious-dependency@package.json:6=block'],
  },
  {
    name: 'postinstall script added',
    before: base,
    after: { 'package.json': PKG.replace('"type": "module",', '"type": "module",\n  "scripts": {\n    "postinstall": "node scripts/setup.js"\n  },') },
    expect: ['install-script@package.json:5=warn'],
  },
  {
    name: 'pull_request_target checking out the PR head',
    before: base,
    after: {
      '.github/workflows/preview.yml':
        'name: preview\non: pull_request_target\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n      - run: npm ci && npm run build\n',
    },
    expect: ['workflow-risk@.github/workflows/preview.yml:9=block'],
  },
  {
    name: 'PR title interpolated into a run step',
    before: base,
    after: { '.github/workflows/label.yml': 'on: pull_request\njobs:\n  label:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          echo "Title: ${{ github.event.pull_request.title }}"\n' },
    expect: ['workflow-risk@.github/workflows/label.yml:6=block'],
  },
  // Clean changes: must pass with no warn and no block.
  {
    name: 'clean: new feature with tests',
    before: base,
    after: {
      'src/shipping.ts': "import type { Item } from './cart.js';\n\n// Free shipping from 50: the carrier's flat rate makes smaller orders unprofitable.\nexport function shipping(items: Item[]): number {\n  const weight = items.reduce((w, i) => w + i.qty, 0);\n  return weight === 0 ? 0 : 4.99;\n}\n",
      'src/shipping.test.ts': "import { expect, it } from 'vitest';\nimport { shipping } from './shipping.js';\n\nit('charges a flat rate', () => {\n  expect(shipping([{ id: 'a', price: 1, qty: 1 }])).toBe(4.99);\n});\n",
    },
    expect: [],
  },
  {
    name: 'clean: refactor with rename',
    before: base,
    after: { 'src/cart.ts': cart.replace(/\bsum\b/g, 'running') },
    expect: [],
  },
  {
    name: 'clean: env template and docs',
    before: base,
    after: { '.env.example': 'OPENAI_API_KEY=your-api-key-here\nDATABASE_URL=postgres://postgres:postgres@localhost:5432/shop\n', 'README.md': "# shop\n\nHere's the updated setup: copy `.env.example`.\n\n```ts\n// ... existing code ...\n```\n" },
    expect: [],
  },
  {
    name: 'clean: LLM prompt strings',
    before: base,
    after: { 'src/prompt.ts': "export const SYSTEM_PROMPT = `You are a helpful assistant. Here's the updated code format:\n\\`\\`\\`ts\n// ... existing code ...\n\\`\\`\\`\nLet me know if anything is unclear.`;\n" },
    expect: [],
  },
  {
    name: 'clean: express route with parameters',
    before: base,
    after: { 'src/server.ts': "import express from 'express';\nimport { total } from './cart.js';\n\nconst app = express();\napp.get('/total', (req, res) => {\n  res.json({ total: total([]) });\n});\nexport default app;\n" },
    expect: [],
  },
  {
    name: 'clean: dependency bump and safe workflow',
    before: base,
    after: {
      'package.json': PKG.replace('"zod": "^3.23.0"', '"zod": "^3.24.1"'),
      '.github/workflows/ci.yml': 'on: pull_request\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci && npm test\n',
    },
    expect: [],
  },
  {
    name: 'clean: explained catch and reasoned expect-error',
    before: base,
    after: { 'src/cleanup.ts': "import { rm } from 'node:fs/promises';\n\nexport async function cleanup(dir: string) {\n  try {\n    await rm(dir, { recursive: true });\n  } catch {\n    // already removed by a concurrent run: nothing to do\n  }\n}\n" },
    expect: [],
  },
];
