// diffwarden-ignore-file hardcoded-secret -- fake keys planted to prove that redaction and code frames mask them
import { describe, expect, it } from 'vitest';
import { sensitiveRanges } from '../../src/secrets/sensitive.js';
import { j } from '../helpers/repo.js';

const shown = (text: string) => sensitiveRanges(text).map((r) => [r.kind, text.slice(r.start, r.end)]);

describe('sensitive ranges', () => {
  it('masks key blocks whole, URL passwords, bearer values and split keys, with exact offsets', () => {
    expect(shown('a\n-----BEGIN EC PRIVATE KEY-----\nQk1\n-----END EC PRIVATE KEY-----\nb')).toEqual([['private key', '-----BEGIN EC PRIVATE KEY-----\nQk1\n-----END EC PRIVATE KEY-----']]);
    expect(shown("u = 'redis://:pw1@h'")).toEqual([['password in a URL', 'pw1']]);
    expect(shown('fetch(url, { headers: { authorization: `Bearer ${token}` } })')).toEqual([['authorization credential', 'Bearer ${token}']]);
    expect(shown(`key = 'sk_live_' + '${j('Zq8vR2mLx9', 'wKp3TbN6cY')}'`).map((r) => r[1])).toEqual(['sk_live_', j('Zq8vR2mLx9', 'wKp3TbN6cY')]);
  });

  it('still masks what the hardcoded-secret rule no longer blocks: name-shaped values and component literals under secret names', () => {
    expect(shown('{ token: "--color-success" }')).toEqual([['secret in "token"', '--color-success']]);
    expect(shown(`<script>\nconst apiKey = '${j('f3a9c2e8b7d1', '4c6a9e0b2d5f8a1c')}'\n</script>`)).toEqual([['secret in "apiKey"', j('f3a9c2e8b7d1', '4c6a9e0b2d5f8a1c')]]);
  });

  it('maps offsets back across zero-width characters', () => {
    const token = j('ghp_', 'Q7w', '\u200b', 'E9rT2yU5iO8pA3sD6fG1hJ4kL7zX0cVbN');
    expect(shown(`t('${token}')`)).toEqual([['GitHub token', token]]);
  });

  it('runs in linear time on adversarial lines (each 200k characters under 2 s)', () => {
    const n = 200_000;
    const inputs = [
      'password='.repeat(n / 9),
      '?api_key='.repeat(n / 9),
      'apiKey: '.repeat(n / 8),
      "password='".repeat(n / 10),
      'eyJ'.repeat(n / 3),
      'a://b:'.repeat(n / 6),
      "'a' + ".repeat(n / 6),
      'QUJD'.repeat(n / 4),
      '-----BEGIN RSA PRIVATE KEY-----'.repeat(n / 31),
      'authorization: '.repeat(n / 15),
      '- name: DB_PASSWORD\n'.repeat(n / 20),
      'a\u200b'.repeat(n / 2),
      'curl -H "Authorization: '.repeat(n / 24),
      'curl \\\n'.repeat(n / 7),
      "createHmac(a, 'x".repeat(n / 16),
      'https://a:b'.repeat(n / 11),
    ];
    for (const text of inputs) {
      const started = performance.now();
      sensitiveRanges(text);
      expect(performance.now() - started, text.slice(0, 20)).toBeLessThan(2000);
    }
  });
});
