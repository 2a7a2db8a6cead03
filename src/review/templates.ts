import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { packagePath } from '../util/package-root.js';

export type TemplateName = 'review' | 'summarize' | 'suggest-tests';

export interface Template {
  name: TemplateName;
  text: string;
  /** name@hash of the text: part of every cache key, so editing a template invalidates old answers. */
  version: string;
  path: string;
}

/** The repository's own `.diffwarden/templates/<name>.md` if present, else the built-in one. */
export function loadTemplate(root: string, name: TemplateName): Template {
  const own = join(root, '.diffwarden', 'templates', `${name}.md`);
  const path = existsSync(own) ? own : packagePath('templates', `${name}.md`);
  const text = readFileSync(path, 'utf8').replace(/^<!--[\s\S]*?-->\s*/, '');
  if (name !== 'suggest-tests' && !text.includes('{{hunks}}')) throw new UsageError(`${path}: a ${name} template must contain {{hunks}}.`);
  return { name, text, path, version: `${name}@${createHash('sha256').update(text).digest('hex').slice(0, 12)}` };
}

export function fill(template: Template, values: Record<string, string>): string {
  return template.text.replace(/\{\{(\w+)\}\}/g, (all, key: string) => values[key] ?? all);
}
