import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/*
 * What `init` wrote, kept in the git directory (never committed): per file, whether init created it,
 * a hash of what it wrote, and the text it replaced. `uninstall` deletes a file only when init
 * created it and nobody changed it since, and restores a file init edited byte for byte when it is
 * still exactly as init left it. Without a record (another clone, an older diffwarden) it only
 * removes its own entry and never deletes the file.
 */

interface Entry {
  created: boolean;
  written: string;
  original?: string;
}

export const hashText = (text: string): string => createHash('sha256').update(text).digest('hex');

export class InstallRecord {
  private constructor(
    private readonly file: string,
    private readonly entries: Record<string, Entry>,
  ) {}

  static read(file: string): InstallRecord {
    let entries: Record<string, Entry> = {};
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as { files?: Record<string, Entry> };
      if (data && typeof data.files === 'object' && data.files !== null) entries = data.files;
    } catch {
      // no record, or one we cannot read: act as if init left none
    }
    return new InstallRecord(file, entries);
  }

  /** Notes what init wrote to `path`; `original` is the text it replaced (undefined: init created the file). */
  wrote(path: string, text: string, original: string | undefined): void {
    const earlier = this.entries[path];
    // A second init keeps the first one's view of what was there before diffwarden.
    const before = earlier && earlier.written === hashText(original ?? '') ? earlier : undefined;
    this.entries[path] = before ? { ...before, written: hashText(text) } : { created: original === undefined, written: hashText(text), ...(original === undefined ? {} : { original }) };
  }

  /** What init left at `path`, when the file still holds exactly that. */
  unchanged(path: string): Entry | undefined {
    const entry = this.entries[path];
    if (!entry || !existsSync(path)) return undefined;
    return hashText(readFileSync(path, 'utf8')) === entry.written ? entry : undefined;
  }

  forget(path: string): void {
    delete this.entries[path];
  }

  save(): void {
    if (Object.keys(this.entries).length === 0) {
      rmSync(this.file, { force: true });
      return;
    }
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ files: this.entries }, null, 2)}\n`);
    renameSync(tmp, this.file);
  }
}
