import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { deadProcess } from './lock.js';
import { eachLine, isCount, MAX_MICROS, parseRecord, validRecord, type LedgerRecord, type ReserveRecord } from './records.js';

export type { LedgerRecord, ReserveRecord, SettleRecord } from './records.js';

const monthOf = (iso: string): string => iso.slice(0, 7);
/** Open reservations kept in the summary; beyond it the oldest are charged as spent. */
const MAX_OPEN = 10_000;
const SUMMARY_EVERY = 64 * 1024;

type Open = Omit<ReserveRecord, 'kind' | 'id'>;

/** Running totals of one month's file up to byte `size`: settled micro-USD per day and unsettled reservations. */
interface Totals {
  v: 1;
  size: number;
  days: Record<string, number>;
  open: Record<string, Open>;
}

// Null prototypes: an id such as `__proto__` from a hostile line stays a plain key.
const empty = (): Totals => ({ v: 1, size: 0, days: Object.create(null) as Totals['days'], open: Object.create(null) as Totals['open'] });

function validTotals(value: unknown): Totals | undefined {
  const t = value as Totals | null;
  if (typeof t !== 'object' || t === null || t.v !== 1 || !isCount(t.size, Number.MAX_SAFE_INTEGER)) return undefined;
  if (typeof t.days !== 'object' || t.days === null || typeof t.open !== 'object' || t.open === null) return undefined;
  if (!Object.values(t.days).every((n) => isCount(n, Number.MAX_SAFE_INTEGER))) return undefined;
  if (!Object.entries(t.open).every(([id, o]) => validRecord({ ...o, kind: 'reserve', id }))) return undefined;
  const out = empty();
  return { ...out, size: t.size, days: Object.assign(out.days, t.days), open: Object.assign(out.open, t.open) };
}

/**
 * Usage ledger: one JSON line per record, one file per UTC month, appended under the lock. Every line
 * is validated when read, so a torn, hostile or hand-edited line counts for nothing. Budget checks read
 * a small summary (`usage-<month>.totals.json`) plus the lines appended since, never the whole file.
 */
export class Ledger {
  constructor(readonly dir: string) {}

  private file(month: string): string {
    return join(this.dir, `usage-${month}.jsonl`);
  }

  /** One write of one full line; a file left without its last newline (crash, full disk) gets one first. */
  append(record: LedgerRecord): void {
    if (!validRecord(record)) throw new Error(`refusing to record an invalid ledger entry: ${JSON.stringify(record).slice(0, 200)}`);
    mkdirSync(this.dir, { recursive: true });
    const fd = openSync(this.file(monthOf(record.time)), 'a+');
    try {
      const size = fstatSync(fd).size;
      const last = Buffer.alloc(1);
      const torn = size > 0 && readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 10;
      writeSync(fd, Buffer.from(`${torn ? '\n' : ''}${JSON.stringify(record)}\n`));
    } finally {
      closeSync(fd);
    }
  }

  /** Valid records since `since` (ISO time), oldest first, read line by line. */
  read(since?: string): LedgerRecord[] {
    if (!existsSync(this.dir)) return [];
    const months = readdirSync(this.dir)
      .filter((f) => /^usage-\d{4}-\d{2}\.jsonl$/.test(f))
      .map((f) => f.slice(6, 13))
      .filter((m) => since === undefined || m >= since.slice(0, 7))
      .sort();
    const out: LedgerRecord[] = [];
    for (const month of months) {
      eachLine(this.file(month), 0, (line) => {
        const r = parseRecord(line);
        if (r && (since === undefined || r.time >= since)) out.push(r);
      });
    }
    return out;
  }

  /** The month's totals, brought up to date with the lines appended since the summary was written. */
  private totals(month: string): Totals {
    const file = this.file(month);
    const summary = join(this.dir, `usage-${month}.totals.json`);
    let t: Totals | undefined;
    try {
      t = validTotals(JSON.parse(readFileSync(summary, 'utf8')));
    } catch {
      t = undefined;
    }
    let size = 0;
    try {
      size = statSync(file).size;
    } catch {
      return empty();
    }
    if (!t || t.size > size) t = empty();
    const totals = t;
    const from = totals.size;
    const end = eachLine(file, totals.size, (line) => {
      const r = parseRecord(line);
      if (!r) return;
      if (r.kind === 'reserve') {
        const { kind: _kind, id, ...open } = r;
        totals.open[id] = open;
        const ids = Object.keys(totals.open);
        if (ids.length > MAX_OPEN) this.charge(totals, ids[0]!);
        return;
      }
      const day = r.time.slice(0, 10);
      totals.days[day] = Math.min(Number.MAX_SAFE_INTEGER, (totals.days[day] ?? 0) + r.costMicros);
      delete totals.open[r.id];
    });
    totals.size = end;
    // Rewritten only now and then: between writes a reader parses at most SUMMARY_EVERY bytes of new lines.
    if (end - from >= SUMMARY_EVERY) {
      try {
        const tmp = `${summary}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
        writeFileSync(tmp, JSON.stringify(totals));
        renameSync(tmp, summary);
      } catch {
        // the summary is an optimisation: the next reader rebuilds it
      }
    }
    return totals;
  }

  private charge(totals: Totals, id: string): void {
    const open = totals.open[id]!;
    const day = open.time.slice(0, 10);
    totals.days[day] = Math.min(Number.MAX_SAFE_INTEGER, (totals.days[day] ?? 0) + open.amountMicros);
    delete totals.open[id];
  }

  /**
   * Spent (settled) plus unsettled reservations this UTC day and this UTC month, in micro-USD. An
   * unsettled reservation counts at its full amount until it is settled, however old: the process that
   * made it may have died after the server answered (and billed).
   */
  committed(now: Date): { day: number; month: number } {
    const iso = now.toISOString();
    const today = iso.slice(0, 10);
    const t = this.totals(monthOf(iso));
    const out = { day: t.days[today] ?? 0, month: Object.values(t.days).reduce((a, b) => Math.min(MAX_MICROS * 1000, a + b), 0) };
    for (const o of Object.values(t.open)) {
      out.month += o.amountMicros;
      if (o.time.startsWith(today)) out.day += o.amountMicros;
    }
    return out;
  }

  /** Unsettled reservations whose process is gone or whose time is up: to be settled at their amount (under the lock). */
  abandoned(now: Date): ReserveRecord[] {
    const iso = now.toISOString();
    const t = this.totals(monthOf(iso));
    return Object.entries(t.open)
      .filter(([, o]) => o.expiresAt <= iso || deadProcess(o.pid, o.host))
      .map(([id, o]) => ({ kind: 'reserve', id, ...o }));
  }

  /** Whether reservation `id`, made at `reservedAt`, still waits for its settle record. */
  isOpen(id: string, reservedAt: string): boolean {
    return id in this.totals(monthOf(reservedAt)).open;
  }
}
