import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** DIFFWARDEN_STATE_DIR, else $XDG_STATE_HOME/diffwarden, else ~/.local/state/diffwarden. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DIFFWARDEN_STATE_DIR) return env.DIFFWARDEN_STATE_DIR;
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'diffwarden');
}

const STALE_LOCK_MS = 30_000;

/**
 * Runs `fn` while holding an exclusive lock file in `dir` (created with O_EXCL, so it works across
 * processes on one machine). A lock older than 30 s belongs to a crashed process and is broken.
 */
export async function withLock<T>(dir: string, fn: () => T): Promise<T> {
  mkdirSync(dir, { recursive: true });
  const lock = join(dir, 'state.lock');
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeFileSync(fd, `${process.pid} ${Date.now()}`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) unlinkSync(lock);
      } catch {
        // removed by its owner meanwhile
      }
      if (attempt > 2000) throw new Error(`could not lock ${lock} (held for too long); delete it if no diffwarden is running`);
      await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 8));
    }
  }
  try {
    return fn();
  } finally {
    try {
      unlinkSync(lock);
    } catch {
      // already broken as stale by another process
    }
  }
}

export interface ReserveRecord {
  kind: 'reserve';
  id: string;
  time: string;
  run: string;
  task: string;
  model: string;
  amountMicros: number;
  expiresAt: string;
}

export interface SettleRecord {
  kind: 'settle';
  id: string;
  time: string;
  run: string;
  task: string;
  provider: string;
  model: string;
  promptTokens: number;
  cachedTokens: number;
  completionTokens: number;
  costMicros: number;
  /** Cost the provider reported (OpenRouter usage.cost, LiteLLM x-litellm-response-cost), in micro-USD. */
  providerCostMicros?: number;
  latencyMs: number;
  /** ok, cache-hit, no-usage (charged the reservation), error:<status or kind>. */
  outcome: string;
  priceTable: string;
}

export type LedgerRecord = ReserveRecord | SettleRecord;

const monthOf = (iso: string): string => iso.slice(0, 7);

/** Usage ledger: one JSON line per record, one file per UTC month, appended under the lock. */
export class Ledger {
  constructor(readonly dir: string) {}

  private file(month: string): string {
    return join(this.dir, `usage-${month}.jsonl`);
  }

  append(record: LedgerRecord): void {
    mkdirSync(this.dir, { recursive: true });
    appendFileSync(this.file(monthOf(record.time)), `${JSON.stringify(record)}\n`);
  }

  read(since?: string): LedgerRecord[] {
    if (!existsSync(this.dir)) return [];
    const months = readdirSync(this.dir)
      .filter((f) => /^usage-\d{4}-\d{2}\.jsonl$/.test(f))
      .map((f) => f.slice(6, 13))
      .filter((m) => since === undefined || m >= since.slice(0, 7))
      .sort();
    const out: LedgerRecord[] = [];
    for (const month of months) {
      for (const line of readFileSync(this.file(month), 'utf8').split('\n')) {
        if (!line) continue;
        try {
          out.push(JSON.parse(line) as LedgerRecord);
        } catch {
          // a torn last line from a killed process: skip it
        }
      }
    }
    return since === undefined ? out : out.filter((r) => r.time >= since);
  }

  /**
   * Spent (settled) plus still-held reservations this UTC day and this UTC month, in micro-USD, from one
   * read of the month's file. Expired reservations (crashed processes) do not count.
   */
  committed(now: Date): { day: number; month: number } {
    const iso = now.toISOString();
    const dayStart = `${iso.slice(0, 10)}T00:00:00.000Z`;
    const records = this.read(`${iso.slice(0, 7)}-01T00:00:00.000Z`);
    const settled = new Set(records.filter((r) => r.kind === 'settle').map((r) => r.id));
    const totals = { day: 0, month: 0 };
    for (const r of records) {
      const amount = r.kind === 'settle' ? r.costMicros : !settled.has(r.id) && r.expiresAt > iso ? r.amountMicros : 0;
      totals.month += amount;
      if (r.time >= dayStart) totals.day += amount;
    }
    return totals;
  }
}

/** Models that failed repeatedly, shared by every process through the state directory. */
export class Cooldowns {
  constructor(private readonly dir: string) {}

  private read(): Record<string, number> {
    try {
      return JSON.parse(readFileSync(join(this.dir, 'cooldowns.json'), 'utf8')) as Record<string, number>;
    } catch {
      return {};
    }
  }

  coolingUntil(model: string, now: number): number | undefined {
    const until = this.read()[model];
    return until !== undefined && until > now ? until : undefined;
  }

  async coolDown(model: string, until: number): Promise<void> {
    await withLock(this.dir, () => {
      const all = this.read();
      all[model] = until;
      const tmp = join(this.dir, `cooldowns.json.${process.pid}.tmp`);
      writeFileSync(tmp, JSON.stringify(all));
      renameSync(tmp, join(this.dir, 'cooldowns.json'));
    });
  }
}
