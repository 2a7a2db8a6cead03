import type { FileKind } from '../rules/context.js';
import { CODE_EXTENSIONS } from './parse.js';

const CODE = new Set(CODE_EXTENSIONS);
const JSON_EXT = new Set(['json', 'jsonc', 'json5']);
const YAML_EXT = new Set(['yml', 'yaml']);
// `.mdc`: Cursor's rule files, Markdown with a front matter.
const MARKDOWN_EXT = new Set(['md', 'mdx', 'mdc', 'markdown']);

export function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

export function kindOf(path: string): FileKind {
  const ext = extensionOf(path);
  if (CODE.has(ext)) return 'code';
  if (JSON_EXT.has(ext)) return 'json';
  if (YAML_EXT.has(ext)) return 'yaml';
  if (MARKDOWN_EXT.has(ext)) return 'markdown';
  return 'text';
}

const TEST_DIR = /(^|\/)(__tests__|__mocks__|tests?|spec|specs|e2e|__fixtures__|fixtures)\//;
// `name_test.ts` is Deno's convention (`deno test` picks it up), next to `name.test.ts`.
const TEST_NAME = /(?:\.(?:test|spec|e2e|cy)|_test)\.[cm]?[jt]sx?$/;

export function isTestPath(path: string): boolean {
  return TEST_NAME.test(path) || TEST_DIR.test(path);
}

const AUXILIARY = /(?:^|\/)(?:bench|benchmarks?|examples?|scripts|locales?|i18n|translations|demo|demos|playground|docs?|__fixtures__|fixtures)\//;

/** Code that supports a project without shipping in it (benchmarks, scripts, examples, translations, docs). */
export function isAuxiliaryPath(path: string): boolean {
  return AUXILIARY.test(path);
}
