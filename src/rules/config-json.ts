import type ts from 'typescript';

/**
 * A tsconfig-style JSON file (comments, trailing commas) as data; undefined when TypeScript's
 * recursive parser runs out of stack on it (a file nested 20,000 deep).
 */
export function parseConfigJson(api: typeof ts, path: string, text: string): unknown {
  try {
    return api.parseConfigFileTextToJson(path, text).config as unknown;
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}
