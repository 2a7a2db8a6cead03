// diffwarden-ignore-file hardcoded-secret -- fake keys planted to prove that redaction and code frames mask them
import { j } from '../helpers/repo.js';

/** One planted secret: where it is, and every string that must never be shown or sent. */
export interface Planted {
  form: string;
  file: string;
  /** Lines added by the change (appended to `base` when there is one). */
  text: string;
  /** Committed before the change: a secret here sits on unchanged context lines. */
  base?: string;
  secrets: string[];
}

// Fake values, split so that no whole key sits in this source file.
const GHP = j('ghp_', 'R8x2Lq9ZtB4mK7vN3pW6yH1cJ5sD0fG2aE9u');
const RSA_BODY = [j('MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM2', 'hQ8nP0qL5vK9xW2'), j('Zq8vR2mLx9wKp3TbN6cYd1Fh7gJ4sA0eU', '5iO8yT3rE6wQ9zX'), j('Yk2Hn5Bv8Cx1Lm4Np7Qr0St3Uw6Xz9Ab', '2De5Fg8Hj1Kl4Mn')];
const GCP_BODY = j('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 'BKcwggSjAgEAAoIBAQC7Vq');
const SSH_BODY = j('b3BlbnNzaC1rZXktdjEAAAAABG5vbmUA', 'AAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW');
const PGP_BODY = j('lQOYBGXk3z8BCADq8vR2mLx9wKp3TbN6', 'cYd1Fh7gJ4sA0eU5iO8yT3rE6wQ9z');
const JWT = j('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', '.eyJzdWIiOiI0MjQyIiwibmFtZSI6IkphbmUifQ', '.Xk2pL9vR3mQ8wZ5tB7nC1yH4jF6sD0gA2eU9iO3rT5w');
const STRIPE_TAIL = j('51H8xYzQ2eZv', 'KYlo2C9qW3rTaB');
const SPLIT_TAIL = j('4eC39HqLyjWD', 'arjtT1zdp7dcQ9');
const ENCODED = Buffer.from(j('ghp_', 'Vb7nM3kP9qR2sT5wX8yZ1aC4dF6gH0jK3lN7')).toString('base64');
const K8S_B64 = Buffer.from(j('c2VjcmV0LXZhbHVl', '-Zq8vR2mLx9wKp3T')).toString('base64');
const ZW_TOKEN = j('ghp_', 'Q7w', '\u200b', 'E9rT2yU5iO8pA3sD6fG1hJ4kL7zX0cV');
const PLACEHOLDERISH = j('ghp_', 'Zt1234567Lq9mK7vN3pW6yH1cJ5sD0fG2aE8');
const AZURE_KEY = j('Zq8vR2mLx9wKp3TbN6cYd1Fh7gJ4sA0eU5iO8yT3rE6wQ', '9zXYk2Hn5Bv8Cx1Lm4Np7Qr0St3Uw6Xz9Ab2De5Fg8Hj==');
const AWS_SECRET = j('wJa7rXUtnF2MI/K7MDENG/bPxRfi', 'CYzq8vR2mLx9wK');

export const PLANTED: Planted[] = [
  { form: 'RSA private key body', file: 'certs/server.pem', text: `-----BEGIN RSA PRIVATE KEY-----\n${RSA_BODY.join('\n')}\n-----END RSA PRIVATE KEY-----\n`, secrets: RSA_BODY },
  { form: 'GCP service account private_key', file: 'config/gcp.json', text: `{\n  "type": "service_account",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\n${GCP_BODY}\\n-----END PRIVATE KEY-----\\n",\n  "client_email": "ci@acme.iam.gserviceaccount.com"\n}\n`, secrets: [GCP_BODY] },
  { form: 'OpenSSH key in a template literal', file: 'src/ssh.ts', text: `export const deployKey = \`-----BEGIN OPENSSH PRIVATE KEY-----\n${SSH_BODY}\n-----END OPENSSH PRIVATE KEY-----\`;\n`, secrets: [SSH_BODY] },
  { form: 'PGP private key block', file: 'keys/release.asc', text: `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${PGP_BODY}\n-----END PGP PRIVATE KEY BLOCK-----\n`, secrets: [PGP_BODY] },
  { form: 'hardcoded-password in code', file: 'src/db.ts', text: `export const pool = { user: 'app', password: '${j('admin', '4711x')}' };\n`, secrets: [j('admin', '4711x')] },
  { form: 'hardcoded-password in .env', file: 'deploy/.env', text: `DB_PASSWORD=${j('summer', '2024')}\n`, secrets: [j('summer', '2024')] },
  { form: 'JWT', file: 'src/session.ts', text: `export const session = '${JWT}';\n`, secrets: [JWT, JWT.split('.')[2]!] },
  { form: 'Authorization: Bearer in code', file: 'src/client.ts', text: `export const headers = { Authorization: 'Bearer ${j('zT9kQ2', 'mLx8vR4wNp')}' };\n`, secrets: [j('zT9kQ2', 'mLx8vR4wNp')] },
  { form: 'Authorization: Bearer in curl', file: 'ops/call.sh', text: `curl -H "Authorization: Bearer ${j('Hq3nV7', 'cY1xK5pT9r')}" https://api.acme.net/v1\n`, secrets: [j('Hq3nV7', 'cY1xK5pT9r')] },
  { form: 'Authorization: Basic', file: 'ops/basic.sh', text: `curl -H 'Authorization: Basic ${j('YWRtaW46', 'czNjcjN0UGFzcw==')}' https://intranet\n`, secrets: [j('YWRtaW46', 'czNjcjN0UGFzcw==')] },
  { form: 'redis://:pw@host', file: 'src/cache.ts', text: `export const cacheUrl = 'redis://:${j('r3dis', 'Pw0rd')}@cache.acme.net:6379';\n`, secrets: [j('r3dis', 'Pw0rd')] },
  { form: 'https://user:pw@host', file: 'src/mirror.ts', text: `export const mirror = 'https://deploy:${j('m1rr0r', 'Secret')}@git.acme.net/app.git';\n`, secrets: [j('m1rr0r', 'Secret')] },
  { form: '?api_key= in a URL', file: 'src/weather.ts', text: `export const url = 'https://api.weather.example/v1?city=Oslo&api_key=${j('Wx7kP2', 'qL9mZ4')}';\n`, secrets: [j('Wx7kP2', 'qL9mZ4')] },
  { form: 'value containing #', file: '.env', text: `SESSION_SECRET=${j('Ab3#kL9', 'mQ2xZ7')}\n`, secrets: [j('Ab3#kL9', 'mQ2xZ7'), j('kL9', 'mQ2xZ7')] },
  { form: 'named key split by concatenation', file: 'src/billing.ts', text: `export const stripeKey = 'sk_live_' + '${STRIPE_TAIL}';\n`, secrets: [STRIPE_TAIL] },
  { form: 'unnamed key split by concatenation', file: 'src/pay.ts', text: `export const client = connect('sk_live_' + '${SPLIT_TAIL}');\n`, secrets: [SPLIT_TAIL] },
  { form: 'base64-encoded token', file: 'src/blob.ts', text: `export const blob = '${ENCODED}';\n`, secrets: [ENCODED] },
  { form: 'base64 value of a Kubernetes Secret', file: 'k8s/secret.yaml', text: `apiVersion: v1\nkind: Secret\ndata:\n  api-key: ${K8S_B64}\n`, secrets: [K8S_B64] },
  { form: 'Dockerfile ENV with a space', file: 'Dockerfile', text: `FROM node:20\nENV DB_PASSWORD ${j('d0cker', 'Pass')}\n`, secrets: [j('d0cker', 'Pass')] },
  { form: 'Dockerfile ARG', file: 'build/Dockerfile', text: `ARG NPM_TOKEN=${j('npm_', 'Kq8vR2mLx9wKp3TbN6cYd1Fh7gJ4sA0eU5iO')}\n`, secrets: [j('npm_', 'Kq8vR2mLx9wKp3TbN6cYd1Fh7gJ4sA0eU5iO')] },
  { form: 'token with a zero-width character', file: 'src/zw.ts', text: `export const token = '${ZW_TOKEN}';\n`, secrets: [ZW_TOKEN, ZW_TOKEN.replace('\u200b', ''), ZW_TOKEN.split('\u200b')[1]!] },
  {
    form: 'secret on an unchanged context line',
    file: 'src/legacy.ts',
    base: `export function connect(host: string) {\n  const legacyPassword = '${j('Winter', '2023!')}';\n  return { host, legacyPassword };\n}\n`,
    text: `export const retries = 3;\n`,
    secrets: [j('Winter', '2023!')],
  },
  { form: 'ghp_ token containing 1234567', file: 'src/gh.ts', text: `export const gh = '${PLACEHOLDERISH}';\n`, secrets: [PLACEHOLDERISH] },
  { form: 'GitHub token', file: 'src/ci.ts', text: `export const ci = '${GHP}';\n`, secrets: [GHP] },
  { form: 'AWS access key id', file: 'src/aws.ts', text: `export const awsId = '${j('AKIA', 'Q3EGRTXB7JN4WZ5K')}';\n`, secrets: [j('AKIA', 'Q3EGRTXB7JN4WZ5K')] },
  { form: 'AWS secret in an ini file', file: 'config/aws.ini', text: `[default]\naws_secret_access_key = ${AWS_SECRET}\n`, secrets: [AWS_SECRET] },
  { form: 'GitHub fine-grained token', file: 'src/pat.ts', text: `export const pat = '${j('github_pat_', '11BQ7ZKXY0', 'hT4kWm9Pq2', 'Zq8vR2mLx9'.repeat(6), 'Ab')}';\n`, secrets: [j('11BQ7ZKXY0', 'hT4kWm9Pq2')] },
  { form: 'OpenAI project key', file: 'src/openai.ts', text: `export const ai = '${j('sk-proj-', 'Ab3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9f')}';\n`, secrets: [j('Ab3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9f')] },
  { form: 'Anthropic key', file: 'src/claude.ts', text: `export const claude = '${j('sk-ant-api03-', 'Zq8vR2mLx9wKp3TbN6cYd1Fh7gJ4sA0eU5iO8yT3rE6w')}';\n`, secrets: [j('Zq8vR2mLx9wKp3TbN6cYd1Fh7gJ4sA0eU5iO8yT3rE6w')] },
  { form: 'Slack bot token', file: 'src/slack.ts', text: `export const slack = '${j('xoxb-', '2048-4096-', 'Zq8vR2mLx9wKp3Tb')}';\n`, secrets: [j('4096-', 'Zq8vR2mLx9wKp3Tb')] },
  { form: 'Slack webhook URL', file: 'src/hook.ts', text: `export const hook = '${j('https://hooks.slack.com/services/', 'T04QK7ZP2/B05RM8WX3/Kq8vR2mLx9wKp3TbN6cYd1Fh')}';\n`, secrets: [j('B05RM8WX3/Kq8vR2mLx9wKp3TbN6cYd1Fh')] },
  { form: 'Google API key', file: 'src/maps.ts', text: `export const maps = '${j('AIza', 'SyD4s8Fq9ZtB4mK7vN3pW6yH1cJ5sD0fG2a')}';\n`, secrets: [j('SyD4s8Fq9ZtB4mK7vN3pW6yH1cJ5sD0fG2a')] },
  { form: 'npm token in .npmrc', file: '.npmrc', text: `//registry.npmjs.org/:_authToken=${j('npm_', 'R8x2Lq9ZtB4mK7vN3pW6yH1cJ5sD0fG2aE9u')}\n`, secrets: [j('R8x2Lq9ZtB4mK7vN3pW6yH1cJ5sD0fG2aE9u')] },
  { form: 'postgres URL in YAML', file: 'config/db.yml', text: `url: postgres://app:${j('Pg8vR2', 'mLx9w')}@db.acme.net:5432/app\n`, secrets: [j('Pg8vR2', 'mLx9w')] },
  { form: 'client_secret in YAML', file: 'config/oauth.yml', text: `client_id: acme-web\nclient_secret: ${j('Cs7kP2qL9m', 'Z4wX1vB8nR')}\n`, secrets: [j('Cs7kP2qL9m', 'Z4wX1vB8nR')] },
  { form: 'apiKey in JSON', file: 'config/app.json', text: `{ "apiKey": "${j('f3a9c2e8b7d1', '4c6a9e0b2d5f8a1c')}" }\n`, secrets: [j('f3a9c2e8b7d1', '4c6a9e0b2d5f8a1c')] },
  { form: 'quoted password with spaces', file: 'mail/.env', text: `SMTP_PASSWORD="${j('correct horse ', 'battery staple')}"\n`, secrets: [j('correct horse ', 'battery staple')] },
  { form: 'Kubernetes env name/value pair', file: 'k8s/deploy.yaml', text: `env:\n  - name: DB_PASSWORD\n    value: ${j('k8s', 'Plain99')}\n`, secrets: [j('k8s', 'Plain99')] },
  { form: 'Django SECRET_KEY', file: 'app/settings.py', text: `SECRET_KEY = "${j('django-insecure-', 'q8v#r2m!x9w')}"\n`, secrets: [j('q8v#r2m!x9w')] },
  { form: 'mysql URL in .env', file: 'api/.env', text: `DATABASE_URL=mysql://root:${j('My5ql', 'Root')}@db.prod.acme.net/app\n`, secrets: [j('My5ql', 'Root')] },
  { form: 'Azure storage AccountKey', file: 'config/azure.txt', text: `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${AZURE_KEY};EndpointSuffix=core.windows.net\n`, secrets: [AZURE_KEY] },
  { form: 'password compared in code', file: 'src/login.ts', text: `export const ok = (password: string) => password === '${j('letme', 'in42')}';\n`, secrets: [j('letme', 'in42')] },
  { form: 'password as a command-line flag', file: 'ops/backup.sh', text: `pg_dump --password ${j('dumpPw', '77')} app > app.sql\n`, secrets: [j('dumpPw', '77')] },
];
