#!/usr/bin/env node
// Writes docs/rules.md from the built rules (run `npm run build` first; `npm run docs` does both).
import { writeFileSync } from 'node:fs';
import { renderRulesMarkdown } from '../dist/src/rules/docs.js';
import { builtInRules } from '../dist/src/rules/registry.js';

const rules = builtInRules();
writeFileSync(new URL('../docs/rules.md', import.meta.url), renderRulesMarkdown(rules));
console.log(`docs/rules.md: ${rules.length} rules`);
