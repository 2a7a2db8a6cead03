import { describe, expect, it } from 'vitest';
import rule from '../../rules/hardcoded-secret.js';
import { runRule } from '../../src/testing/run-rule.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { j } from '../helpers/repo.js';

const run = (file: string, code: string, old?: string) =>
  runRule(rule as Rule<unknown>, { file, code, ...(old !== undefined ? { old } : {}) }).map((f) => [f.line, f.column, f.severity, f.confidence, f.message]);

// One line of base64 key material (random, not a real key).
const KEY_LINE = j('MIIEpQIBAAKCAQEAx7Rk2Qp9ZtB4mK7vN3pW6yH1', 'cJ5sD0fG2aE9uLq8Tz3Xw4Vb6Nd7Mh5Kj2Pr9Sg1');
const IN_TEST = ' It is in a test or fixture file, but looks like a real credential: make sure it was never live.';

describe('hardcoded-secret', () => {
  it('fires on provider keys in code, .env, JSON and YAML, pointing at the key', () => {
    const aws = j('AKIA', 'Q3EGRTXB7JN4WZ5K');
    expect(run('src/s3.ts', `const id = '${aws}';`)).toEqual([[1, 13, 'block', 'high', 'Hard-coded AWS access key id.']]);
    expect(run('.env.production', `OPENAI_API_KEY=${j('sk-proj-', 'Ab3dE5fG7hJ9kL1mN3pQ5rS7t', 'T3BlbkFJ', 'U9vW1xY3zA5bC7dE9fG1hJ3kL5')}`)).toEqual([[1, 16, 'block', 'high', 'Hard-coded OpenAI API key.']]);
    expect(run('config.json', `{\n  "slack": "${j('xoxb-', '4819273650-7391046285-Zq8vR2mLx9wKp3TbN6cYd1Fh')}"\n}`)).toEqual([[2, 13, 'block', 'high', 'Hard-coded Slack token.']]);
    expect(run('deploy/key.yml', `key: |\n  ${j('-----BEGIN RSA ', 'PRIVATE KEY-----')}\n  ${KEY_LINE}\n`)).toEqual([[2, 3, 'block', 'high', 'Hard-coded private key.']]);
    expect(run('src/db.ts', `const url = 'postgres://svc:${j('Zq8vR2mLx9', 'w')}@db.prod.internal:5432/app';`)).toEqual([[1, 29, 'block', 'high', 'Hard-coded connection string with a password.']]);
    expect(run('src/pay.ts', `const k = '${j('sk_test_', 'Zx9QmR3tLp7VwK2nYb8cJd4F')}';`)).toEqual([[1, 12, 'warn', 'high', 'Hard-coded Stripe test secret key.']]);
  });

  it('fires on a secret-named variable holding a random-looking value', () => {
    expect(run('src/api.ts', `export const clientSecret = '${j('f3a9c2e8b7d1', '4c6a9e0b2d5f8a1c')}';`)).toEqual([[1, 30, 'warn', 'medium', 'Hard-coded secret in "clientSecret".']]);
    expect(run('.env', `DB_PASSWORD=${j('Xk29fLq', '0vM3zT8r')}`)).toEqual([[1, 13, 'warn', 'medium', 'Hard-coded secret in "DB_PASSWORD".']]);
  });

  it('does not fire on placeholders, documented examples, env references, local dev URLs or ordinary names', () => {
    expect(run('.env.example', 'OPENAI_API_KEY=YOUR_API_KEY_HERE\nGITHUB_TOKEN=<your token>\nAWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nSTRIPE_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx')).toEqual([]);
    expect(run('src/a.ts', "const apiKey = process.env.API_KEY;\nconst token = req.headers['x-auth-token'];\nconst tokenUrl = 'https://login.acme.dev/oauth2/v2.0/token';\nconst secretName = 'prod/db/password-rotation';")).toEqual([]);
    expect(run('docker-compose.yml', 'DATABASE_URL: postgres://postgres:postgres@localhost:5432/dev\nREDIS: redis://:${REDIS_PASSWORD}@cache:6379')).toEqual([]);
    expect(run('src/a.ts', "const passwordRegex = '^(?=.*[A-Z])(?=.*[0-9]).{12,}$';\nconst i18nKey = 'auth.password.tooShortHint';")).toEqual([]);
  });

  it('does not take a name-shaped value under a secret-ish key for a secret', () => {
    // A design-token table: the key is `token`, the value a CSS custom property.
    expect(run('src/routes/design.tsx', 'const rows = [\n  { token: "--color-success", usedBy: "Completed / Deployed" },\n  { token: "--spacing-4", usedBy: "Cards" },\n];')).toEqual([]);
    expect(run('config/app.yml', 'session_token: auth.session.refreshToken\nsecret: prod_db_password_v2')).toEqual([]);
    // Random runs with separators still count.
    expect(run('src/api.ts', `const accessToken = '${j('Zq8vR2mLx9w', '-Kp3TbN6cYd1Fh')}';`)).toEqual([[1, 22, 'warn', 'medium', 'Hard-coded secret in "accessToken".']]);
  });

  it('takes only quoted literals as named secrets in component files, and skips expressions in other text files', () => {
    const sfc = '<script setup lang="ts">\nconst hasApiKey = provider.apiKey?.trim().length > 0;\nconst apiToken = store.tokens[providerId];\n</script>\n';
    expect(run('src/views/Settings.vue', sfc)).toEqual([]);
    expect(run('src/lib/Keys.svelte', `<script>\n  const apiKey = '${j('f3a9c2e8b7d1', '4c6a9e0b2d5f8a1c')}';\n</script>`)).toEqual([[2, 19, 'warn', 'medium', 'Hard-coded secret in "apiKey".']]);
    expect(run('scripts/deploy.groovy', 'def authToken = creds.lookup(serviceName)')).toEqual([]);
    expect(run('.env', `DB_PASSWORD=${j('Xk2(9fLq', '0vM3zT8r')}`)).toEqual([[1, 13, 'warn', 'medium', 'Hard-coded secret in "DB_PASSWORD".']]);
  });

  it('skips generic named values in test files but still catches provider keys there', () => {
    expect(run('src/a.test.ts', `const apiKey = '${j('f3a9c2e8b7d1', '4c6a9e0b2d5f8a1c')}';`)).toEqual([]);
    expect(run('src/a.test.ts', `const key = '${j('AKIA', 'Q3EGRTXB7JN4WZ5K')}';`)).toHaveLength(1);
  });

  it('only looks at added lines', () => {
    const old = `const key = '${j('AKIA', 'Q3EGRTXB7JN4WZ5K')}';\nconst a = 1;\n`;
    expect(run('src/a.ts', `${old.split('\n')[0]}\nconst a = 2;\n`, old)).toEqual([]);
  });

  it('ignores fake keys in tests of redaction code: made-up key bodies, repeated or worded tokens', () => {
    const pem = `const pem = '${j('-----BEGIN PRIVATE', ' KEY-----')}\\ntest-key-content\\n${j('-----END PRIVATE', ' KEY-----')}';`;
    expect(run('src/llm/redact.test.ts', pem)).toEqual([]);
    expect(run('src/llm/redact.test.ts', `const token = '${j('ghp_', 'a'.repeat(36))}';\nconst ant = '${j('sk-ant-api03-', 'testKeyForRedaction'.repeat(3))}';`)).toEqual([]);
    expect(run('src/sanitize.spec.ts', `expect(scrub('Bearer ${j('sk-proj-', 'ab12'.repeat(12))}')).toBe('Bearer [REDACTED]');`)).toEqual([]);
  });

  it('warns, not blocks, on a realistic provider key in a test or fixture file', () => {
    expect(run('src/llm/redact.test.ts', `const token = '${j('ghp_', 'R8x2Lq9ZtB4mK7vN3pW6yH1cJ5sD0fG2aE9u')}';`)).toEqual([[1, 16, 'warn', 'high', `Hard-coded GitHub token.${IN_TEST}`]]);
    expect(run('test/fixtures/slack.yml', `token: ${j('xoxb-', '4819273650-7391046285-Zq8vR2mLx9wKp3TbN6cYd1Fh')}`)).toEqual([[1, 8, 'warn', 'high', `Hard-coded Slack token.${IN_TEST}`]]);
    expect(run('src/keys.test.ts', `const pem = \`${j('-----BEGIN RSA ', 'PRIVATE KEY-----')}\n${KEY_LINE}\n\`;`)).toEqual([[1, 14, 'warn', 'high', `Hard-coded private key.${IN_TEST}`]]);
  });

  it('does not take a private-key header without key material for a key (detection code, docs)', () => {
    const header = j('-----BEGIN RSA ', 'PRIVATE KEY-----');
    expect(run('src/scan.ts', `export const isPem = (s: string) => s.startsWith('${header}');`)).toEqual([]);
  });

  it('ignores known placeholders of provider formats anywhere: repeated or sequential bodies', () => {
    expect(run('src/config.ts', `const gh = '${j('ghp_', '0'.repeat(36))}';\nconst aws = '${j('AKIA', 'ABCDEFGHIJKLMNOP')}';\nconst sk = '${j('sk-proj-', 'xxxx'.repeat(12))}';\nconst npm = '${j('npm_', 'abcd'.repeat(9))}';`)).toEqual([]);
  });
});
