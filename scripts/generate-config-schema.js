#!/usr/bin/env node
// Writes schema/config.schema.json from the built rules and config schemas (run `npm run build` first; `npm run docs` does both).
import { mkdirSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { configJsonSchema } from '../dist/src/config/schema.js';
import { builtInRules } from '../dist/src/rules/registry.js';

mkdirSync(new URL('../schema/', import.meta.url), { recursive: true });
writeFileSync(new URL('../schema/config.schema.json', import.meta.url), `${JSON.stringify(configJsonSchema(z, builtInRules()), null, 2)}\n`);
console.log('schema/config.schema.json written');
