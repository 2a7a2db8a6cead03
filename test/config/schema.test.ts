import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validateConfig } from '../../src/config/load.js';
import { configJsonSchema } from '../../src/config/schema.js';
import { STARTER_CONFIG } from '../../src/hooks/hook-files.js';
import { builtInRules } from '../../src/rules/registry.js';

const rules = builtInRules();
const schema = configJsonSchema(z, rules) as { properties: Record<string, { properties?: Record<string, { anyOf: { prefixItems?: { properties?: Record<string, unknown>; default?: unknown }[] }[] }> }> };

describe('configuration JSON Schema', () => {
  it('keeps schema/config.schema.json current (run `npm run docs`)', () => {
    expect(readFileSync(new URL('../../schema/config.schema.json', import.meta.url), 'utf8')).toBe(`${JSON.stringify(schema, null, 2)}\n`);
  });

  it('names the same top-level keys as the loader, and every rule', async () => {
    const error = await validateConfig({ nope: 1 }, 'c.json', rules).catch((e: Error) => e);
    const known = /Known keys: (.*)\.$/.exec((error as Error).message)![1]!.split(', ');
    expect(Object.keys(schema.properties).sort()).toEqual([...known].sort());
    expect(Object.keys(schema.properties.rules!.properties!)).toEqual(rules.map((r) => r.id).sort());
  });

  it('describes rule options with their defaults', () => {
    const complexity = schema.properties.rules!.properties!.complexity!;
    const options = complexity.anyOf[2]!.prefixItems![1]!;
    expect(Object.keys(options.properties!).sort()).toEqual(['maxCognitive', 'maxNesting']);
    expect(options.default).toEqual({ maxCognitive: 15, maxNesting: 4 });
  });

  it('is referenced by the starter configuration, which the loader accepts', async () => {
    const starter = JSON.parse(STARTER_CONFIG) as Record<string, unknown>;
    expect(starter.$schema).toBe('./node_modules/diffwarden/schema/config.schema.json');
    await expect(validateConfig(starter, 'diffwarden.config.json', rules)).resolves.toMatchObject({ failOn: 'block' });
  });
});
