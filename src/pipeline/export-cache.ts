import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ChangeView } from '../rules/context.js';
import { EXPORT_CACHE, exportInfo, type ExportInfo, type PersistedExports } from '../rules/modules.js';
import { exportScanSource } from '../rules/export-scan.js';
import { cacheDir } from '../util/cache-dir.js';

/** Entries kept at most; those not used by the last run go first. */
const LIMIT = 20_000;

type Entry = [names: string[], stars: string[], unknown: boolean];

interface Stored {
  version: 1;
  entries: Record<string, Entry>;
}

/**
 * What imported modules export, kept between runs per repository: a check of the next commit reads
 * the same modules again, and most have not changed. An entry is keyed by the module's content, its
 * kind of script (the parser reads `.tsx` otherwise than `.ts`), and the source of the code that
 * read it, so a change of TypeScript or of diffwarden's export reader never serves an old answer.
 */
export class ExportCache implements PersistedExports {
  private entries: Record<string, Entry> | undefined;
  private readonly used = new Set<string>();
  private dirty = false;
  private readonly file: string;
  private salt: string | undefined;

  constructor(root: string) {
    this.file = join(cacheDir(), 'exports', `${createHash('sha256').update(root).digest('hex').slice(0, 16)}.json`);
  }

  private load(): Record<string, Entry> {
    if (this.entries) return this.entries;
    try {
      const stored = JSON.parse(readFileSync(this.file, 'utf8')) as Stored;
      this.entries = stored.version === 1 && stored.entries && typeof stored.entries === 'object' ? stored.entries : {};
    } catch {
      this.entries = {};
    }
    return this.entries;
  }

  key(typescriptVersion: string, path: string, text: string): string {
    this.salt ??= createHash('sha256').update(`${typescriptVersion}\0${exportInfo.toString()}\0${exportScanSource()}`).digest('hex').slice(0, 16);
    const kind = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
    return createHash('sha1').update(`${this.salt}\0${kind}\0`).update(text).digest('base64');
  }

  get(key: string): ExportInfo | undefined {
    const entry = this.load()[key];
    if (!Array.isArray(entry) || entry.length !== 3) return undefined;
    this.used.add(key);
    return { names: entry[0], stars: entry[1], unknown: entry[2] };
  }

  set(key: string, info: ExportInfo): void {
    this.load()[key] = [info.names, info.stars, info.unknown];
    this.used.add(key);
    this.dirty = true;
  }

  save(): void {
    if (!this.dirty || !this.entries) return;
    let entries = this.entries;
    const keys = Object.keys(entries);
    if (keys.length > LIMIT) {
      const kept = [...keys.filter((k) => this.used.has(k)), ...keys.filter((k) => !this.used.has(k))].slice(0, LIMIT);
      entries = Object.fromEntries(kept.map((k) => [k, this.entries![k]!]));
    }
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ version: 1, entries } satisfies Stored));
      renameSync(tmp, this.file); // atomic: a concurrent run reads the old file or the new one
    } catch {
      // a read-only cache directory only costs speed
    }
  }
}

/** Gives the run's change view a cache kept between runs (diff checks; tests and audits go without). */
export function attachExportCache(change: ChangeView, cache: ExportCache): void {
  change.memo(EXPORT_CACHE, () => cache);
}
