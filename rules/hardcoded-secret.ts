import { defineRule } from '../src/rules/define-rule.js';
import { findSecrets } from '../src/secrets/detect.js';
import { judgeSecret } from '../src/secrets/judge.js';

// Test data that is not under a test folder by the usual names.
const TEST_DATA = /(?:^|\/)(?:testdata|test-?data|mocks?|__snapshots__)\/|\.snap$/;

// Text files whose assignments are code (single-file components, markup with scripts): there a bare
// value after `apiKey =` is an expression, and only a quoted literal can be a written-in secret.
const SCRIPTED_TEXT = /\.(?:vue|svelte|astro|html?|php|py|rb)$/i;
// A bare value that is code rather than data: a call, an index, optional chaining (`provider.apiKey?.trim()`).
// Not applied to env/ini-like files, where `PASS=Zq8(v[R2` is the literal password.
const EXPRESSION = /[\w$\])](?:\?\.|\(|\[)/;
const ENV_LIKE = /(?:^|\/)\.env|\.(?:ini|cfg|conf|properties|toml)$/i;

// Example keys are split so that diffwarden's own sources never contain a whole fake key.
const j = (...parts: string[]): string => parts.join('');

/** An unquoted named value in a text file that reads as an expression, not as a literal. */
function codeValue(kind: string, text: string, start: number, end: number): boolean {
  if (!kind.startsWith('secret in') || '"\'`'.includes(text[start - 1] ?? '')) return false;
  return EXPRESSION.test(text.slice(start, end));
}

export default defineRule({
  id: 'hardcoded-secret',
  meta: {
    category: 'secret',
    severity: 'block',
    confidence: 'high',
    description: 'API keys, tokens, private keys and passwords in any text file; provider formats block, context-only matches (names, URLs, curl, HMAC/JWT keys) warn.',
    why: 'A secret that reaches git history is leaked for good: rewriting history does not recall clones, forks or CI caches. Repositories where assistants write code leak secrets about 40% more often (GitGuardian 2025).',
    fix: 'Remove the value, rotate the credential now, and read it from the environment or a secret manager (process.env.API_KEY).',
    files: 'text',
    examples: {
      fires: [
        { file: 'src/billing.ts', code: `const stripe = new Stripe('${j('sk_live_', '51H8xYzQ2eZvKYlo2C9qW3rTaB')}');` },
        { file: '.env', code: `GITHUB_TOKEN=${j('ghp_', 'R8x2Lq9ZtB4mK7vN3pW6yH1cJ5sD0fG2aE9u')}` },
        { file: 'config/db.yml', code: `url: ${j('postgres://app:', 'Zq8vR2mLx9w', '@db.internal.acme.net:5432/app')}` },
        { file: 'src/api.ts', code: `export const apiKey = '${j('f3a9c2e8b7d1', '4c6a9e0b2d5f8a1c')}';` },
        { file: 'src/gitlab.ts', code: `const client = new Gitlab({ auth: '${j('glpat-', 'XIPFuAriS0DQF3CEYTdb')}' });` },
        { file: 'src/webhook.ts', code: `const sig = createHmac('sha256', '${j('w3bh00k', '-Sh4r3d-K3y')}').update(body).digest('hex');` },
        { file: 'scripts/sync.sh', code: `curl -u sync-bot:${j('Tq7m', 'Vx2pL9')} https://files.acme-corp.net/api` },
      ],
      passes: [
        { file: 'src/billing.ts', code: 'const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);' },
        { file: '.env.example', code: 'OPENAI_API_KEY=YOUR_API_KEY_HERE\nAWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE' },
        { file: 'docker-compose.yml', code: 'DATABASE_URL: postgres://postgres:postgres@localhost:5432/dev' },
        { file: 'src/auth.ts', code: "const tokenUrl = 'https://auth.acme.net/oauth/token';\nconst passwordField = 'current-password';" },
        { file: 'src/redact.test.ts', code: `const pem = '${j('-----BEGIN PRIVATE', ' KEY-----')}\\ntest-key-content\\n${j('-----END PRIVATE', ' KEY-----')}';\nconst token = '${j('ghp_', 'a'.repeat(36))}';` },
        { file: 'src/routes/tokens.tsx', code: 'const rows = [{ token: "--color-success", usedBy: "Completed / Deployed" }];' },
        { file: 'src/components/Provider.vue', code: '<script setup lang="ts">\nconst hasApiKey = provider.apiKey?.trim().length > 0;\n</script>' },
        { file: 'src/scan.ts', code: `export const isPem = (s: string) => s.startsWith('${j('-----BEGIN RSA ', 'PRIVATE KEY-----')}');` },
        { file: 'src/firebase.ts', code: `const config = { apiKey: '${j('AIza', 'a'.repeat(35))}', stripe: '${j('sk_live_', 'A'.repeat(24))}' };` },
        { file: 'src/client.ts', code: 'const url = `https://${user}:${password}@api.acme.dev/v1`;' },
      ],
    },
  },
  defaultOptions: {},
  create(context) {
    const { file } = context;
    const testLike = file.isTest || TEST_DATA.test(file.path);
    const options = { named: !testLike, quotedOnly: file.kind === 'code' || SCRIPTED_TEXT.test(file.path) };
    const scriptText = file.kind === 'text' && !ENV_LIKE.test(file.path);
    const scan = (text: string, offset: number): void => {
      for (const secret of findSecrets(text, options)) {
        const verdict = judgeSecret(secret, text.slice(secret.start, secret.end), file.text, offset + secret.start, testLike);
        if (!verdict || (scriptText && codeValue(secret.kind, text, secret.start, secret.end))) continue;
        context.report({
          message: `Hard-coded ${secret.kind}.${verdict.note ?? ''}`,
          start: offset + secret.start,
          end: offset + secret.end,
          severity: verdict.severity,
          confidence: secret.confidence,
          sensitive: true,
        });
      }
    };
    return {
      onFile() {
        if (file.allAdded) return scan(file.text, 0);
        // Only added lines can add a secret; scanning just those keeps big edited files cheap. Runs of
        // consecutive added lines are scanned together, so a command continued over lines stays whole.
        const lines = file.lines();
        const added = file.addedLines;
        for (let i = 0; i < added.length; ) {
          let k = i;
          while (k + 1 < added.length && added[k + 1] === added[k]! + 1) k++;
          const last = lines[added[k]! - 1];
          if (last !== undefined) {
            const start = file.offsetOfLine(added[i]!);
            scan(file.text.slice(start, file.offsetOfLine(added[k]!) + last.length), start);
          }
          i = k + 1;
        }
      },
    };
  },
});
