import { describe, expect, it } from 'vitest';
import { entropy, findSecrets, isPlaceholder, isSecretName } from '../../src/secrets/detect.js';
import { j } from '../helpers/repo.js';

describe('secret detection', () => {
  it('recognises every supported provider format once, with exact offsets', () => {
    const keys: [string, string][] = [
      ['Anthropic API key', j('sk-ant-api03-', 'Ab3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9fG1hJ3kL5mN7pQ9rS1tU3vW5', 'Zq8vR2mLx9wKp3TbN6cYd1Fh7Gj', 'AA')],
      ['OpenRouter API key', j('sk-or-v1-', 'a1b2c3d4e5f6'.repeat(5), 'a1b2')],
      ['OpenAI API key', j('sk-', 'Ab3dE5fG7hJ9kL1mN3pQ', 'T3BlbkFJ', 'Zz8yX6wV4uT2sR0qP9oN')],
      ['GitHub token', j('gho_', 'R8x2Lq9ZtB4mK7vN3pW6yH1cJ5sD0fG2aE9u')],
      ['GitHub fine-grained token', j('github_pat_', '11BQ7ZKXY0', 'hT4kWm9Pq2', 'Zq8vR2mLx9'.repeat(6), 'Ab')],
      ['Stripe live secret key', j('rk_live_', '51H8xYzQ2eZvKYlo2C9qW3rTaB')],
      ['Slack webhook URL', j('https://hooks.slack.com/services/', 'T04QK7ZP2/B05RM8WX3/Zq8vR2mLx9wKp3TbN6cYd1Fh')],
      ['Google API key', j('AIza', 'SyD4s8Fq9ZtB4mK7vN3pW6yH1cJ5sD0fG2a')],
      ['npm access token', j('npm_', 'R8x2Lq9ZtB4mK7vN3pW6yH1cJ5sD0fG2aE9u')],
    ];
    for (const [kind, key] of keys) {
      const text = `prefix "${key}" suffix`;
      expect(findSecrets(text).map((m) => [m.kind, text.slice(m.start, m.end)]), kind).toEqual([[kind, key]]);
    }
  });

  it('does not match keys embedded in longer tokens', () => {
    expect(findSecrets(j('xAKIA', 'Q3EGRTXB7JN4WZ5KX'))).toEqual([]);
    expect(findSecrets(j('my_ghp_', 'R8x2Lq9ZtB4mK7vN3pW6yH1cJ5sD0fG2aE9u'))).toEqual([]);
  });

  it('classifies names, placeholders and entropy', () => {
    expect(['apiKey', 'API_KEY', 'clientSecret', 'db.password', 'GITHUB_TOKEN', 'aws_secret_access_key'].map(isSecretName)).toEqual([true, true, true, true, true, true]);
    expect(['key', 'cacheKey', 'tokenUrl', 'secretName', 'passwordField', 'tokens'].map(isSecretName)).toEqual([false, false, false, false, false, false]);
    expect(['YOUR_API_KEY_HERE', '<api key>', '${SECRET}', 'xxxxxxxxxxxx', 'changeme123', 'sk-...abc'].map((v) => isPlaceholder(v))).toEqual([true, true, true, true, true, true]);
    expect(isPlaceholder('f3a9c2e8b7d14c6a')).toBe(false);
    expect(entropy('aaaa')).toBe(0);
    expect(entropy('abcd')).toBe(2);
  });
});
