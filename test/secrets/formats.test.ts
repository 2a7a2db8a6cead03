import { describe, expect, it } from 'vitest';
import rule from '../../rules/hardcoded-secret.js';
import { findSecrets } from '../../src/secrets/detect.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';
import { j } from '../helpers/repo.js';

// Random bodies typed for these tests (never issued by anyone); keys are split so no source line holds one whole.
const HEX64 = j('18b93f023ff49b6016fa078f286c7cc3', '5a128931b767910ced1b90b9e0de2968');
const HEX32 = j('74ce1d0474e1f7be', '802a914e0f8b186c');
const A20 = j('XIPFuAriS0', 'DQF3CEYTdb');
const A32 = j('DogJwkraW1u4hcfi', 'NtBDyaK4ebFsOLVW');
const L34 = j('imKCVGNwpKjknfAzT', 'QpWFdcbCMCAfgpgDy');
const A36 = j('aY44Vd83IO78NGJmo4', 'LrPLQBuWnkCiFsFLVo');
const A40 = j('Z4RTjwkKo8gcFs8iktm1', 'lOB4443xwH5H4oJpxuGu');
const A52 = j('uXInBK1GDAFnPYoeVdssEEK73Z', 'aBWQTJWkZuXo5MYNjCrnV8LXpO');

const run = (file: string, code: string) => runRule(rule as Rule<unknown>, { file, code }).map((f) => [f.line, f.severity, f.message]);

describe('provider formats recognised by their shape, whatever the variable is called', () => {
  const keys: [string, string, 'block' | 'warn'][] = [
    ['GitLab token', j('glpat-', A20), 'block'],
    ['Hugging Face token', j('hf_', L34), 'block'],
    ['SendGrid API key', j('SG.', j('V8xrYnCVg08ip0pNIDg85l', '.', 'qkjTGHOeO5Go7LvCe4YfReVFObVudGKDZwoTk2I8xh7')), 'block'],
    ['Shopify token', j('shpat_', HEX32), 'block'],
    ['DigitalOcean token', j('dop_v1_', HEX64), 'block'],
    ['Vercel token', j('vcp_', A32), 'block'],
    ['Tailscale key', j('tskey-auth-', 'kQ7cMnP2xR', '-', A32), 'block'],
    ['Notion token', j('ntn_', '40717269354', A32, 'Zp3'), 'block'],
    ['Grafana token', j('glsa_', A32, '_', '9c4e1f7a'), 'block'],
    ['Groq API key', j('gsk_', A52), 'block'],
    ['Linear API key', j('lin_api_', A40), 'block'],
    ['Databricks token', j('dapi', HEX32), 'block'],
    ['Doppler token', j('dp.pt.', A40, 'Qw3'), 'block'],
    ['Cloudflare token', j('cfut_', A40, '03fa099b'), 'block'],
    ['Prefect key', j('pnu_', A36), 'block'],
    ['Telegram bot token', j('7203948815', ':A', 'eOpBHo5kNoUqxJycpuA46iYMoxeUktrfVw'), 'warn'],
    ['Twilio API key', j('SK', HEX32), 'warn'],
    ['Azure AD client secret', j('bP8', '8Q~', 'rcBcYjzzOhg1Hnn76Wm3jGgakZiZ.8vMgR'), 'warn'],
  ];
  it('finds each format once, with exact offsets, as a bare word of a text file', () => {
    for (const [kind, key, severity] of keys) {
      const text = `note ${key} end`;
      expect(findSecrets(text, { named: false }).map((m) => [m.kind, text.slice(m.start, m.end), m.severity]), kind).toEqual([[kind, key, severity]]);
    }
  });

  it('reports them under names that do not look secret, in code and in config', () => {
    expect(run('src/client.ts', `const gl = new Gitlab({ host: 'https://gitlab.acme.dev', auth: '${j('glpat-', A20)}' });`)).toEqual([[1, 'block', 'Hard-coded GitLab token.']]);
    expect(run('deploy/values.yaml', `model:\n  hub: ${j('hf_', L34)}\n`)).toEqual([[2, 'block', 'Hard-coded Hugging Face token.']]);
  });

  it('does not match inside longer tokens or file names', () => {
    expect(findSecrets(j('xglpat-', A20), { named: false })).toEqual([]);
    expect(findSecrets(j('video_box.ico-', HEX32, '.png'), { named: false })).toEqual([]);
    expect(findSecrets(j('foosk_test_', A32), { named: false })).toEqual([]);
  });
});

describe('placeholders and documented samples are not secrets', () => {
  it('skips Firebase sample keys, one repeated character, typed sequences and x-runs', () => {
    const code = [
      `const firebase = '${j('AIza', 'SyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs')}';`,
      `const google = '${j('AIza', 'a'.repeat(35))}';`,
      `const stripe = '${j('sk_live_', 'A'.repeat(24))}';`,
      `const hf = '${j('hf_', 'x'.repeat(34))}';`,
      `const vercel = '${j('vcp_', 'aBcDeFgHiJkLmNoPqRsT', '1234567890abcdefghij')}';`,
      `const tail = '${j('tskey-api-', 'A'.repeat(12), '-', 'B'.repeat(24))}';`,
    ].join('\n');
    expect(run('src/config.ts', code)).toEqual([]);
  });

  it('warns, without blocking, when a typed sequence sits inside an otherwise random body', () => {
    expect(run('src/config.ts', `const gl = '${j('glpat-', 'Qz8', 'abcdefg', 'Rk2pW9mTx4')}';`)).toEqual([
      [1, 'warn', 'Hard-coded GitLab token. Its body reads like a typed sequence, so it may be a sample value: if so, replace it with an obvious placeholder.'],
    ]);
  });

  it('requires the exact length where the provider fixes it (Anthropic keys end in AA after 93 characters)', () => {
    const short = j('sk-ant-api03-', A52, 'AA');
    expect(findSecrets(`key ${short} end`, { named: false })).toEqual([]);
    // Under a secret name it is still a random value: the name-based heuristic warns, nothing blocks.
    expect(run('src/llm.ts', `const client = new Anthropic({ apiKey: '${short}' });`)).toEqual([[1, 'warn', 'Hard-coded secret in "apiKey".']]);
  });

  it('skips private-key blocks whose body is a placeholder', () => {
    const pem = (body: string) => `${j('-----BEGIN RSA ', 'PRIVATE KEY-----')}\n${body}\n${j('-----END RSA ', 'PRIVATE KEY-----')}\n`;
    expect(run('deploy/key.pem', pem('x'.repeat(64)))).toEqual([]);
    expect(run('deploy/key.pem', pem('...'))).toEqual([]);
    expect(run('deploy/key.pem', pem('*'.repeat(64)))).toEqual([]);
  });
});

describe('credentials recognised by where they stand', () => {
  it('warns on a password inside a web URL', () => {
    expect(run('src/backup.ts', `const target = "https://backup-svc:${j('Bk3', 'pR9vLx2')}@files.acme-corp.net/v2";`)).toEqual([[1, 'warn', 'Hard-coded password in a URL.']]);
    expect(run('docs/setup.txt', `Upload to ftps://deploy:${j('s3cur3', 'K3y2024')}@files.acme-corp.net/in`)).toEqual([[1, 'warn', 'Hard-coded password in a URL.']]);
  });

  it('leaves templates, placeholders, local hosts and a repeated user name alone', () => {
    const code = [
      'const a = "https://${user}:${password}@api.acme.dev/v1";',
      'const b = "https://{{user}}:{{pass}}@api.acme.dev";',
      'const c = "https://username:password@api.acme.dev";',
      'const d = "https://YOUR_USERNAME:YOUR_PASSWORD@api.acme.dev";',
      'const e = "https://dev:Zq8vR2mLx9@localhost:3000/";',
      'const f = "https://user:1111@api.acme.dev";',
      'const g = "https://admin:admin@api.acme.dev";',
    ].join('\n');
    expect(run('src/urls.ts', code)).toEqual([]);
  });

  it('warns on curl -u with a literal password, not on a local test login or a variable', () => {
    expect(run('scripts/deploy.sh', `curl -fsS -u ci-bot:${j('Tq7m', 'Vx2pL9')} https://ci.acme.dev/api/trigger`)).toEqual([[1, 'warn', 'Hard-coded password in a curl command.']]);
    expect(run('scripts/local.sh', 'curl http://127.0.0.1:5000/file --user user:hunter2 --digest\ncurl -u "$CI_USER:$CI_TOKEN" https://ci.acme.dev\ncurl -u username:token https://api.acme.dev')).toEqual([]);
  });

  it('warns on a token in a curl header, also on a continuation line, and on a quoted curl password', () => {
    const script = ['curl -X POST https://api.acme.dev/v1/jobs \\', `  -H "Authorization: Bearer ${j('cfcabd11c7ed9a41', 'b1a3e063c32d5114')}" \\`, '  -d @job.json'].join('\n');
    expect(run('scripts/jobs.sh', script)).toEqual([[2, 'warn', 'Hard-coded credential in a curl header.']]);
    expect(run('scripts/patch.sh', `curl --user kevin:'${j('pRf7vG2h', '1L8nQkW9')}' -X PATCH https://api.acme.dev/me`)).toEqual([[1, 'warn', 'Hard-coded password in a curl command.']]);
    expect(run('scripts/ok.sh', 'curl -H "Authorization: Bearer $API_TOKEN" https://api.acme.dev\ncurl -H "Authorization: Bearer <your-token>" https://api.acme.dev')).toEqual([]);
  });

  it('warns on a literal key handed to an HMAC, cipher or JWT call', () => {
    const code = [
      "import crypto from 'node:crypto';",
      "import jwt from 'jsonwebtoken';",
      `export const sign = (body: string) => crypto.createHmac('sha256', '${j('w3bh00k', '-Sh4r3d-K3y')}').update(body).digest('hex');`,
      `export const issue = (id: string) => jwt.sign({ sub: id, scope: 'api' }, '${j('my-sup3r', '-s1gn1ng-k3y')}', { expiresIn: '1h' });`,
      'export const check = (t: string) => jwt.verify(t, process.env.JWT_SECRET!);',
    ].join('\n');
    expect(run('src/auth.ts', code)).toEqual([
      [3, 'warn', 'Hard-coded signing key passed as a literal.'],
      [4, 'warn', 'Hard-coded signing key passed as a literal.'],
    ]);
  });

  it('warns on a JSON web token that names a subject, but not on a public anon key or a claimless toy token', () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const head = part({ alg: 'HS256', typ: 'JWT' });
    const token = (o: object) => `${head}.${part(o)}.${j('hxhGCCCmGV9nT1sl', 'ief1WgEsOsfdnlVi')}`;
    expect(run('src/api.ts', `const session = '${token({ sub: 'u_81', exp: 1893456000 })}';`)).toEqual([[1, 'warn', 'Hard-coded JSON web token.']]);
    expect(run('src/supabase.ts', `const anon = '${token({ iss: 'supabase', role: 'anon' })}';\nconst toy = '${token({ a: 1, b: 2 })}';`)).toEqual([]);
  });

  it('warns (does not block) on a secret-named random value: the name is a heuristic', () => {
    expect(run('.env', `ALGOLIA_ADMIN_TOKEN=${j('4d2ba89d80aa1641', '0d99e9795999d2de')}`)).toEqual([[1, 'warn', 'Hard-coded secret in "ALGOLIA_ADMIN_TOKEN".']]);
    expect(run('src/db.ts', 'export const MONGO_CREDENTIALS = "mongodb://mongodb:mongodb@localhost:27017/app";')).toEqual([]);
    // An empty value in an env template does not take the next line for its value.
    expect(run('deploy/.env.example', 'QUEUE_SIZE=500\nSANDBOX_API_KEY=\nSANDBOX_TEMPLATE_NAME=\nSANDBOX_TIMEOUT_MS=3600000\n')).toEqual([]);
  });
});
