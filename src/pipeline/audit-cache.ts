import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from '../config/defaults.js';
import type { Rule } from '../rules/define-rule.js';
import { cacheDir } from '../util/cache-dir.js';
import { toolVersion } from '../version.js';
import type { AuditFileResult } from './audit-file.js';
import { hashText, type TreeProjectView } from './tree-source.js';

interface Stored {
  version: 1;
  entries: Record<string, AuditFileResult>;
}

/**
 * Audit results by (file content, configuration, rule set), kept per repository in the cache
 * directory. An entry also lists what its rules read from the project (the file list, other files'
 * hashes) and is used only when all of those are unchanged, so editing package.json or an imported
 * module re-audits the files that depended on them, not just the file itself.
 */
export class AuditCache {
  private entries: Record<string, AuditFileResult> = {};
  private dirty = false;
  private readonly file: string;
  private readonly salt: string;
  private listHash: string | undefined;

  constructor(
    root: string,
    config: Config,
    rules: readonly Rule<unknown>[],
    private readonly project: TreeProjectView,
  ) {
    const ruleSet = rules.map((r) => `${r.id}:${r.meta.severity}:${r.meta.confidence}`).sort().join(',');
    this.salt = createHash('sha256').update(`${toolVersion()}\0${JSON.stringify(config)}\0${ruleSet}`).digest('hex').slice(0, 16);
    this.file = join(cacheDir(), 'audit', `${createHash('sha256').update(root).digest('hex').slice(0, 16)}.json`);
    try {
      const stored = JSON.parse(readFileSync(this.file, 'utf8')) as Stored;
      if (stored.version === 1) this.entries = stored.entries;
    } catch {
      this.entries = {};
    }
  }

  key(contentHash: string): string {
    return `${this.salt}:${contentHash}`;
  }

  private currentListHash(): string {
    this.listHash ??= hashText(this.project.files().join('\0')) ?? '';
    return this.listHash;
  }

  /** A still-valid cached result for this content, or undefined. */
  get(contentHash: string, path: string): AuditFileResult | undefined {
    const entry = this.entries[this.key(contentHash)];
    if (!entry || entry.path !== path) return undefined;
    if (entry.deps.list && entry.deps.listHash !== this.currentListHash()) return undefined;
    for (const [dep, hash] of entry.deps.reads) if (this.project.hashOf(dep) !== hash) return undefined;
    return entry;
  }

  set(contentHash: string, result: AuditFileResult): void {
    if (result.errors.length > 0) return; // never cache an incomplete result
    const deps = result.deps.list ? { ...result.deps, listHash: this.currentListHash() } : result.deps;
    this.entries[this.key(contentHash)] = { ...result, deps };
    this.dirty = true;
  }

  save(): void {
    if (!this.dirty) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ version: 1, entries: this.entries } satisfies Stored));
      renameSync(tmp, this.file);
    } catch {
      // a read-only cache directory only costs speed
    }
  }
}
