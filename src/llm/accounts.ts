import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { LlmConfig } from './config.js';
import { Ledger } from './ledger.js';
import { LockTimeoutError, withLock } from './lock.js';
import { micros, PRICE_TABLE_DATE, usd } from './prices.js';
import type { SettleRecord } from './records.js';

export type SettleFields = Omit<SettleRecord, 'kind' | 'time' | 'run' | 'provider' | 'priceTable'>;

export interface AccountsOptions {
  dir: string;
  budget: LlmConfig['budget'];
  runId: string;
  provider: string;
  notice: (message: string) => void;
}

/** The money of one client run: budgets checked, and every reservation recorded and settled under the state lock. */
export class Accounts {
  readonly spent = { runMicros: 0, heldMicros: 0 };
  private readonly ledger: Ledger;
  private recovered: Promise<void> | undefined;

  constructor(private readonly o: AccountsOptions) {
    this.ledger = new Ledger(o.dir);
  }

  /** Remaining money under every budget, in micro-USD (Infinity when none is set). */
  remaining(now: Date): number {
    let left = Infinity;
    const b = this.o.budget;
    if (b.perRunUsd !== undefined) left = Math.min(left, micros(b.perRunUsd) - this.spent.runMicros - this.spent.heldMicros);
    if (b.dailyUsd === undefined && b.monthlyUsd === undefined) return left;
    const committed = this.ledger.committed(now);
    if (b.dailyUsd !== undefined) left = Math.min(left, micros(b.dailyUsd) - committed.day);
    if (b.monthlyUsd !== undefined) left = Math.min(left, micros(b.monthlyUsd) - committed.month);
    return left;
  }

  /** Settles reservations of processes that died (kill -9) or ran out of time, at their full amount (under the lock). */
  private settleAbandoned(now: Date): void {
    for (const r of this.ledger.abandoned(now)) {
      this.ledger.append({ kind: 'settle', id: r.id, time: now.toISOString(), run: r.run, task: r.task, provider: this.o.provider, model: r.model, promptTokens: 0, cachedTokens: 0, completionTokens: 0, costMicros: r.amountMicros, latencyMs: 0, outcome: 'recovered', priceTable: PRICE_TABLE_DATE });
    }
  }

  /** Once per client, so that the ledger says what crashed processes cost even when this run sends nothing. */
  recover(until: number): Promise<void> {
    this.recovered ??= withLock(this.o.dir, () => this.settleAbandoned(new Date()), until).catch(() => undefined);
    return this.recovered;
  }

  /**
   * Atomically checks the budgets and records a reservation before anything is sent (write-ahead: if
   * this process dies, the reservation stays charged until another one settles it). Returns its time;
   * false when it no longer fits (another process spent it); undefined when `until` passed waiting.
   */
  async reserve(id: string, task: string, model: string, amount: number, until: number, expiresAt: number): Promise<string | false | undefined> {
    try {
      return await withLock(
        this.o.dir,
        () => {
          const now = new Date();
          this.settleAbandoned(now);
          if (amount > this.remaining(now)) return false;
          const time = now.toISOString();
          this.ledger.append({ kind: 'reserve', id, time, run: this.o.runId, task, model, amountMicros: amount, expiresAt: new Date(expiresAt).toISOString(), pid: process.pid, host: hostname() });
          this.spent.heldMicros += amount;
          return time;
        },
        until,
      );
    } catch (error) {
      if (error instanceof LockTimeoutError && Date.now() >= until) return undefined;
      throw error;
    }
  }

  async settle(record: SettleFields, held: number, reservedAt?: string): Promise<void> {
    await withLock(this.o.dir, () => {
      // Settled meanwhile as abandoned (this process was taken for dead): charged once, by that record.
      const late = reservedAt !== undefined && !this.ledger.isOpen(record.id, reservedAt);
      this.ledger.append({ kind: 'settle', time: new Date().toISOString(), run: this.o.runId, provider: this.o.provider, priceTable: PRICE_TABLE_DATE, ...record, ...(late ? { costMicros: 0, outcome: `${record.outcome}:after-recovery` } : {}) });
    });
    this.spent.heldMicros -= held;
    this.spent.runMicros += record.costMicros;
    this.alert();
  }

  async cacheHit(task: string, model: string, promptTokens: number, completionTokens: number): Promise<void> {
    await withLock(this.o.dir, () =>
      this.ledger.append({ kind: 'settle', id: randomUUID(), time: new Date().toISOString(), run: this.o.runId, task, provider: this.o.provider, model, promptTokens, cachedTokens: 0, completionTokens, costMicros: 0, latencyMs: 0, outcome: 'cache-hit', priceTable: PRICE_TABLE_DATE }),
    );
  }

  private alert(): void {
    const b = this.o.budget;
    if (!b.dailyUsd && !b.monthlyUsd) return;
    const committed = this.ledger.committed(new Date());
    for (const [name, limit, micro] of [
      ['daily', b.dailyUsd, committed.day],
      ['monthly', b.monthlyUsd, committed.month],
    ] as const) {
      if (!limit) continue;
      const used = usd(micro) / limit;
      if (used >= b.alertAt) this.o.notice(`LLM ${name} budget ${Math.round(used * 100)}% used ($${usd(micro).toFixed(4)} of $${limit}).`);
    }
  }
}
