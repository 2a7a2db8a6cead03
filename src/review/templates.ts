import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { readCommittedFile } from '../git/tree-file.js';
import { packagePath } from '../util/package-root.js';

export type TemplateName = 'review' | 'summarize' | 'suggest-tests';

export interface Template {
  name: TemplateName;
  text: string;
  /** name@hash of the text: part of every cache key, so editing a template invalidates old answers. */
  version: string;
  path: string;
}

/** Where a repository's own templates come from: the working tree (CLI), or a commit (the Action reads the base). */
export type TemplateSource = { kind: 'worktree' } | { kind: 'commit'; rev: string };

const MAX_TEMPLATE_BYTES = 64 * 1024;

/** A regular file of the working tree, never through a symlink; undefined when absent. */
function readOwnFile(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    if (code === 'ELOOP') throw new UsageError(`${path} is a symbolic link; a prompt template must be a regular file.`);
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new UsageError(`${path} is not a regular file; a prompt template must be one.`);
    if (stat.size > MAX_TEMPLATE_BYTES) throw new UsageError(`${path} is larger than ${MAX_TEMPLATE_BYTES} bytes; a prompt template must be smaller.`);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

async function readOwn(root: string, file: string, source: TemplateSource): Promise<{ text: string; path: string } | undefined> {
  if (source.kind === 'worktree') {
    const path = join(root, file);
    const text = readOwnFile(path);
    return text === undefined ? undefined : { text, path };
  }
  const path = `${file}@${source.rev.slice(0, 12)}`;
  const found = await readCommittedFile(root, source.rev, file, MAX_TEMPLATE_BYTES);
  if (found.kind === 'missing') return undefined;
  if (found.kind === 'symlink') throw new UsageError(`${path} is a symbolic link; a prompt template must be a regular file.`);
  if (found.kind !== 'ok') throw new UsageError(`${path} is not a regular file of at most ${MAX_TEMPLATE_BYTES} bytes.`);
  return { text: found.data.toString('utf8'), path };
}

/** The repository's own `.diffwarden/templates/<name>.md` if present, else the built-in one. */
export async function loadTemplate(root: string, name: TemplateName, source: TemplateSource = { kind: 'worktree' }): Promise<Template> {
  const own = await readOwn(root, `.diffwarden/templates/${name}.md`, source);
  const path = own?.path ?? packagePath('templates', `${name}.md`);
  const text = (own?.text ?? readFileSync(path, 'utf8')).replace(/^<!--[\s\S]*?-->\s*/, '');
  if (name !== 'suggest-tests' && !text.includes('{{hunks}}')) throw new UsageError(`${path}: a ${name} template must contain {{hunks}}.`);
  return { name, text, path, version: `${name}@${createHash('sha256').update(text).digest('hex').slice(0, 12)}` };
}

/**
 * Fills `{{name}}` placeholders in one pass over the template only: values are inserted as they
 * are and never scanned again (a file or branch named `{{hunks}}` stays that text), and nothing
 * comes from the environment or from keys the caller did not give.
 */
export function fill(template: Template, values: Record<string, string>): string {
  return template.text.replace(/\{\{(\w{1,40})\}\}/g, (all, key: string) => (Object.hasOwn(values, key) ? values[key]! : all));
}
