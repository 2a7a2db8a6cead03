import { createRequire } from 'node:module';
import type * as YAML from 'yaml';

/*
 * CommonJS packages loaded on demand with require (not import: loading stays lazy and cheap). The
 * GitHub Action's bundler replaces this file with static imports (scripts/bundle-action.js).
 */
const requireHere = createRequire(import.meta.url);

export function loadYaml(): typeof YAML {
  return requireHere('yaml') as typeof YAML;
}

/** OpenAI's tokenizer, or undefined when gpt-tokenizer is not installed (it is an optional peer dependency). */
export function loadTokenCounter(encoding: 'o200k_base' | 'cl100k_base'): ((text: string) => number) | undefined {
  try {
    return (requireHere(`gpt-tokenizer/encoding/${encoding}`) as { countTokens: (text: string) => number }).countTokens;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}
