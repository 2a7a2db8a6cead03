import { diffLines } from 'diff';
import type { ChangedFile } from '../pipeline/changed-files.js';
import { kindOf } from '../pipeline/file-kind.js';
import { analyzeFile, createChangeView } from '../pipeline/run-rules.js';
import type { ProjectView } from '../rules/context.js';
import type { Rule, RuleExample } from '../rules/define-rule.js';
import type { Finding } from '../types.js';

/** Line numbers added and removed between two texts (jsdiff's line diff, as git would show them). */
export function lineChanges(oldText: string, newText: string): { added: number[]; removed: number[] } {
  const added: number[] = [];
  const removed: number[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const part of diffLines(oldText, newText)) {
    const count = part.count ?? 0;
    for (let i = 0; i < count; i++) {
      if (part.added) added.push(newLine++);
      else if (part.removed) removed.push(oldLine++);
      else {
        oldLine++;
        newLine++;
      }
    }
  }
  return { added, removed };
}

export function memoryProject(files: Record<string, string>): ProjectView {
  const paths = Object.keys(files).sort();
  return {
    files: () => paths,
    exists: (path) => path in files,
    readText: (path) => files[path],
  };
}

/**
 * Runs one rule over an example the way the pipeline would: with `old`, only lines that differ count
 * as added; without, the file is new. For rule tests and for plugin authors.
 */
export function runRule(rule: Rule<unknown>, example: RuleExample, options: { ruleIds?: ReadonlySet<string>; deleted?: boolean; change?: ChangedFile[] } = {}): Finding[] {
  const path = example.file ?? 'src/example.ts';
  const deleted = options.deleted === true;
  const text = deleted ? '' : example.code;
  const changes = example.old === undefined ? null : lineChanges(example.old, text);
  const file: ChangedFile = {
    path,
    status: deleted ? 'deleted' : example.old === undefined ? 'added' : 'modified',
    kind: kindOf(path),
    text,
    oldText: example.old ?? null,
    added: changes ? changes.added : text.split('\n').map((_, i) => i + 1),
    removed: changes ? changes.removed : [],
    allAdded: false,
  };
  const project = memoryProject({ ...example.project, ...(deleted ? {} : { [path]: text }) });
  const result = analyzeFile(file, [{ rule, options: rule.defaultOptions }], project, options.ruleIds ?? new Set([rule.id]), createChangeView([...(options.change ?? []), file]));
  if (result.failures.length > 0) throw new Error(`rule ${rule.id} failed: ${result.failures[0]!.message}`);
  return result.findings;
}
