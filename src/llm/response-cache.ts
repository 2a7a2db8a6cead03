import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isCount, MAX_TOKENS } from './records.js';

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

  /** The stored response, when the file holds a well-formed one (a damaged entry is a miss). */
  get(key: string): CachedResponse | undefined {
    let value: Partial<CachedResponse> | null;
    try {
      value = JSON.parse(readFileSync(join(this.dir, `${key}.json`), 'utf8')) as Partial<CachedResponse> | null;
    } catch {
      return undefined;
    }
    if (typeof value !== 'object' || value === null || typeof value.model !== 'string' || typeof value.content !== 'string') return undefined;
    if (!isCount(value.promptTokens, MAX_TOKENS) || !isCount(value.completionTokens, MAX_TOKENS)) return undefined;
    return { model: value.model, content: value.content, promptTokens: value.promptTokens, completionTokens: value.completionTokens };
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
