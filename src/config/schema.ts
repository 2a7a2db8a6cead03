import type { z as Zod } from 'zod';
import { llmConfigSchema } from '../llm/config.js';
import type { Rule } from '../rules/define-rule.js';

type JsonSchema = Record<string, unknown>;

const LEVEL = { $ref: '#/$defs/level' };

const LEVEL_DEF = { type: 'string', enum: ['off', 'info', 'warn', 'block'], description: 'off, info (shown, never stops anything), warn (shown, stops only with failOn "warn"), block (stops the commit or the check).' };

function toJson(z: typeof Zod, schema: Zod.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
}

function ruleSetting(z: typeof Zod, rule: Rule<unknown>): JsonSchema {
  const description = `${rule.meta.description} Default: ${rule.meta.severity}.`;
  const forms: JsonSchema[] = [LEVEL, { type: 'array', prefixItems: [LEVEL], items: false, minItems: 1 }];
  if (rule.meta.options) {
    const options = { ...toJson(z, rule.meta.options(z)), default: rule.defaultOptions };
    forms.push({ type: 'array', prefixItems: [LEVEL, options], items: false, minItems: 2 });
  }
  return { description, anyOf: forms };
}

/**
 * The JSON Schema of diffwarden.config.json, built from the same zod schemas and rule metadata the
 * loader validates with, so editors and the loader cannot disagree (`npm run docs` writes it to
 * schema/config.schema.json; a test keeps it current).
 */
export function configJsonSchema(z: typeof Zod, rules: readonly Rule<unknown>[]): JsonSchema {
  const sorted = [...rules].sort((a, b) => a.id.localeCompare(b.id));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'diffwarden configuration',
    type: 'object',
    additionalProperties: false,
    $defs: { level: LEVEL_DEF },
    properties: {
      $schema: { type: 'string' },
      rules: {
        description: 'Levels and options per rule id; rules left out keep their default level.',
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(sorted.map((r) => [r.id, ruleSetting(z, r)])),
      },
      ignorePatterns: { description: 'Globs (gitignore syntax) of files never analysed.', type: 'array', items: { type: 'string' } },
      useDefaultIgnores: { description: 'Also skip lockfiles, build output and vendored code.', type: 'boolean', default: true },
      failOn: { description: 'The lowest decision that fails the run (exit 1).', type: 'string', enum: ['block', 'warn', 'never'], default: 'block' },
      maxFileBytes: { description: 'Files larger than this are listed as skipped (still scanned for secrets).', type: 'integer', exclusiveMinimum: 0, default: 1048576 },
      sensitivePaths: { description: 'Globs of paths whose changes raise the risk score.', type: 'array', items: { type: 'string' } },
      overrides: {
        description: 'Rule settings for some paths: every entry whose files match applies, later entries win (ESLint flat-config semantics); a level alone keeps the options set before it.',
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files', 'rules'],
          properties: {
            files: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, description: 'Globs of repo-relative paths, e.g. "test/**", "**/*.generated.ts".' },
            ignores: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Globs of paths excluded from this entry.' },
            rules: { $ref: '#/properties/rules' },
          },
        },
      },
      baseline: { description: 'The baseline file of accepted findings (`diffwarden baseline`), relative to the repository root, or false for none.', anyOf: [{ type: 'string', minLength: 1 }, { const: false }], default: '.diffwarden-baseline.json' },
      llm: { description: 'The optional LLM review and its budget.', ...toJson(z, llmConfigSchema as unknown as Zod.ZodType) },
    },
  };
}
