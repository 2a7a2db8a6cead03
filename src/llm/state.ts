import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { withLock } from './lock.js';

export { withLock, STALE_LOCK_MS, LOCK_WAIT_MS, LockTimeoutError } from './lock.js';
export { Ledger } from './ledger.js';
export type { LedgerRecord, ReserveRecord, SettleRecord } from './records.js';

/** DIFFWARDEN_STATE_DIR, else $XDG_STATE_HOME/diffwarden, else ~/.local/state/diffwarden. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DIFFWARDEN_STATE_DIR) return env.DIFFWARDEN_STATE_DIR;
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'diffwarden');
}

/** Models that failed repeatedly, shared by every process through the state directory. */
export class Cooldowns {
  constructor(private readonly dir: string) {}

  private read(): Map<string, number> {
    const out = new Map<string, number>();
    try {
      const raw = JSON.parse(readFileSync(join(this.dir, 'cooldowns.json'), 'utf8')) as unknown;
      // A damaged or hostile file (null, an array, strings) holds no cooldowns.
      if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) for (const [model, until] of Object.entries(raw)) if (Number.isFinite(until)) out.set(model, until as number);
    } catch {
      // no cooldowns yet
    }
    return out;
  }

  coolingUntil(model: string, now: number): number | undefined {
    const until = this.read().get(model);
    // Cooldowns last a minute: an entry far in the future is not ours and would silence a model for good.
    return until !== undefined && until > now && until - now <= 3_600_000 ? until : undefined;
  }

  async coolDown(model: string, until: number): Promise<void> {
    await withLock(this.dir, () => {
      const all = this.read();
      all.set(model, until);
      const tmp = join(this.dir, `cooldowns.json.${process.pid}.tmp`);
      writeFileSync(tmp, JSON.stringify(Object.fromEntries(all)));
      renameSync(tmp, join(this.dir, 'cooldowns.json'));
    });
  }
}
