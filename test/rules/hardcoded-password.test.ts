import { describe, expect, it } from 'vitest';
import rule from '../../rules/hardcoded-password.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';

const run = (file: string, code: string) => runRule(rule as Rule<unknown>, { file, code }).map((f) => [f.line, f.column, f.severity, f.message]);

describe('hardcoded-password', () => {
  it('does not read a schema field as a password: the next line is not its value', () => {
    // An OpenAPI component as a backend repository writes it: a `password` property typed as a string.
    const openapi = 'LoginRequest:\n  type: object\n  properties:\n    password:\n      type: string\n      format: password\n    remember: { type: boolean }\n';
    expect(run('openapi/auth.yaml', openapi)).toEqual([]);
    expect(run('config/schema.yml', 'password: { type: string, minLength: 12 }\npassphrase: string\n')).toEqual([]);
    expect(run('src/schema.graphql', 'type Mutation {\n  login(email: String!, password: String!): Session\n}\ninput Reset {\n  password: String!\n}\n')).toEqual([]);
  });

  it('still fires on a value written on the key line, in YAML and .env', () => {
    expect(run('deploy/values.yaml', 'db:\n  user: app\n  password: hunter22\n')).toEqual([[3, 13, 'block', 'Hard-coded password in "password".']]);
    expect(run('.env', 'SMTP_PASSWORD=Winter2024\n')).toEqual([[1, 15, 'block', 'Hard-coded password in "SMTP_PASSWORD".']]);
  });
});
