import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CachedResponse {
  model: string;
  content: string;
  promptTokens: number;
  completionTokens: number;
}

/** Responses by content address: model + (redacted) messages + parameters + schema + template version. */
export class ResponseCache {
  constructor(private readonly dir: string) {}

  static key(parts: unknown): string {
    return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  }

  get(key: string): CachedResponse | undefined {
    try {
      return JSON.parse(readFileSync(join(this.dir, `${key}.json`), 'utf8')) as CachedResponse;
    } catch {
      return undefined;
    }
  }

  set(key: string, value: CachedResponse): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      const tmp = join(this.dir, `${key}.${process.pid}.tmp`);
      writeFileSync(tmp, JSON.stringify(value));
      renameSync(tmp, join(this.dir, `${key}.json`));
    } catch {
      // caching is an optimisation
    }
  }
}
