import type { ChangedFile } from './changed-files.js';

/**
 * Which added code the change really introduced. Added lines that only carry old code along
 * (re-indented, re-wrapped, renamed around, moved within or across files) are told apart from new
 * code at the token level, so that rules judging added code do not blame a change for what was
 * already there. Two passes, both linear in the changed lines (the rules are not run on the old side):
 * - within each group of removed and added lines (one change site), the tokens of the added lines
 *   are aligned with those of the removed lines (an LCS, as a word diff does); aligned tokens are carried
 *   when they sit in a run of RUN aligned tokens or when the two sides are mostly alike (a rename, a re-wrap);
 * - across the whole change, runs of added lines equal (ignoring whitespace) to removed lines anywhere
 *   are carried when they hold MOVED_CHARS alphanumeric characters or more (`git diff --color-moved`).
 */
export interface NewCode {
  /** True when [start, end) of the new text holds a token the change introduced. */
  isNew(start: number, end: number): boolean;
  /** True when the added line (1-based) holds tokens and the change introduced none of them. */
  isCarriedLine(line: number): boolean;
}

const TOKEN = /[\p{L}\p{N}_$]+|\S/gu;
const ALNUM = /[\p{L}\p{N}]/gu;
const WORD_START = /^[\p{L}\p{N}_$]/u;
const RUN = 4;
const ALIKE = 0.5;
/** Cells of the LCS table of one site (after common ends are trimmed); a bigger site keeps only its common ends. */
const MAX_CELLS = 1_000_000;
const MOVED_CHARS = 20;

interface Token {
  id: number;
  /** Words, names and numbers; punctuation alone never makes code new (braces re-pair when code is re-nested). */
  word: boolean;
  start: number;
  end: number;
  line: number;
}

interface FileTokens {
  file: ChangedFile;
  lineStarts: number[];
  /** Tokens of the added lines, in order; `carried` is parallel to it. */
  tokens: Token[];
  carried: Uint8Array;
}

const ALL_NEW: NewCode = { isNew: () => true, isCarriedLine: () => false };

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineText(text: string, starts: readonly number[], line: number): { from: number; text: string } {
  const from = starts[line - 1] ?? text.length;
  const next = starts[line];
  return { from, text: text.slice(from, next === undefined ? text.length : next - 1) };
}

class Ids {
  private readonly map = new Map<string, number>();
  of(token: string): number {
    let id = this.map.get(token);
    if (id === undefined) this.map.set(token, (id = this.map.size));
    return id;
  }
}

/** Removed and added lines grouped by change site: the count of unchanged lines before them. */
function sites(file: ChangedFile): Map<number, { removed: number[]; added: number[] }> {
  const out = new Map<number, { removed: number[]; added: number[] }>();
  const at = (key: number) => {
    let site = out.get(key);
    if (!site) out.set(key, (site = { removed: [], added: [] }));
    return site;
  };
  file.removed.forEach((line, i) => at(line - 1 - i).removed.push(line));
  file.added.forEach((line, i) => at(line - 1 - i).added.push(line));
  return out;
}

function tokenize(file: ChangedFile, ids: Ids): FileTokens {
  const lineStarts = lineStartsOf(file.text);
  const tokens: Token[] = [];
  for (const line of file.added) {
    const { from, text } = lineText(file.text, lineStarts, line);
    for (const m of text.matchAll(TOKEN)) tokens.push({ id: ids.of(m[0]), word: WORD_START.test(m[0]), start: from + m.index, end: from + m.index + m[0].length, line });
  }
  return { file, lineStarts, tokens, carried: new Uint8Array(tokens.length) };
}

/**
 * For each token of `b`, the index of the token of `a` a longest common subsequence pairs it with
 * (-1 when none). Common ends are
 * trimmed first (a re-indent or a re-wrap is all common ends); the middle gets a classic LCS table
 * when it is small enough.
 */
export function keptTokens(a: readonly number[], b: readonly number[]): Int32Array {
  const kept = new Int32Array(b.length).fill(-1);
  let head = 0;
  for (; head < a.length && head < b.length && a[head] === b[head]; head++) kept[head] = head;
  let tail = 0;
  for (; tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]; tail++) kept[b.length - 1 - tail] = a.length - 1 - tail;
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  if (n === 0 || m === 0 || (n + 1) * (m + 1) > MAX_CELLS) return kept;
  // table[i][j] = LCS length of a[head+i..] and b[head+j..], filled from the end.
  const width = m + 1;
  const table = new Uint16Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    const ai = a[head + i];
    for (let j = m - 1; j >= 0; j--) {
      const at = i * width + j;
      table[at] = ai === b[head + j] ? table[at + width + 1]! + 1 : Math.max(table[at + width]!, table[at + 1]!);
    }
  }
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (a[head + i] === b[head + j]) {
      kept[head + j] = head + i;
      i++;
      j++;
    } else if (table[(i + 1) * width + j]! >= table[i * width + j + 1]!) i++;
    else j++;
  }
  return kept;
}

/** Aligns one site's added tokens (indexes into `ft.tokens`) with its removed tokens. */
function alignSite(ft: FileTokens, removedIds: number[], from: number, to: number): void {
  if (removedIds.length === 0 || from === to) return;
  const added: number[] = [];
  for (let i = from; i < to; i++) added.push(ft.tokens[i]!.id);
  const kept = keptTokens(removedIds, added);
  let common = 0;
  for (const k of kept) if (k >= 0) common++;
  const alike = (2 * common) / (removedIds.length + added.length) >= ALIKE;
  for (let i = 0; i < kept.length; ) {
    if (kept[i]! < 0) {
      i++;
      continue;
    }
    // A run is aligned on both sides: consecutive added tokens paired with consecutive removed ones.
    let end = i + 1;
    while (end < kept.length && kept[end] === kept[end - 1]! + 1) end++;
    if (alike || end - i >= RUN) ft.carried.fill(1, from + i, from + end);
    i = end;
  }
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Carries runs of added lines that equal removed lines elsewhere in the change. */
function carryMoved(all: FileTokens[], removedPool: Map<string, number>): void {
  for (const ft of all) {
    const byLine = new Map<number, [number, number]>();
    ft.tokens.forEach((t, i) => {
      const span = byLine.get(t.line);
      if (span) span[1] = i + 1;
      else byLine.set(t.line, [i, i + 1]);
    });
    let run: { spans: [number, number][]; keys: string[]; chars: number } = { spans: [], keys: [], chars: 0 };
    const close = (): void => {
      if (run.chars >= MOVED_CHARS) for (const [a, b] of run.spans) ft.carried.fill(1, a, b);
      else for (const key of run.keys) removedPool.set(key, (removedPool.get(key) ?? 0) + 1);
      run = { spans: [], keys: [], chars: 0 };
    };
    let previous = -1;
    for (const line of ft.file.added) {
      const span = byLine.get(line);
      // Blank added lines neither break nor extend a run; an unchanged line between two added lines breaks it.
      const adjacent = line === previous + 1;
      previous = line;
      if (!span) continue;
      const fresh = ft.carried.subarray(span[0], span[1]).includes(0);
      const key = squeeze(lineText(ft.file.text, ft.lineStarts, line).text);
      const left = removedPool.get(key) ?? 0;
      if (!fresh || left === 0 || !adjacent) close();
      if (fresh && left > 0) {
        removedPool.set(key, left - 1);
        run.spans.push(span);
        run.keys.push(key);
        run.chars += key.match(ALNUM)?.length ?? 0;
      }
    }
    close();
  }
}

function view(ft: FileTokens): NewCode {
  const starts: number[] = [];
  const ends: number[] = [];
  const carriedLines = new Set<number>();
  const fresh = new Set<number>();
  ft.tokens.forEach((t, i) => {
    if (!t.word) return;
    if (ft.carried[i]) {
      carriedLines.add(t.line);
      return;
    }
    starts.push(t.start);
    ends.push(t.end);
    fresh.add(t.line);
  });
  for (const line of fresh) carriedLines.delete(line);
  return {
    isNew(start, end) {
      // The first new token ending after `start`, by binary search; it is inside when it starts before `end`.
      let lo = 0;
      let hi = ends.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ends[mid]! <= start) lo = mid + 1;
        else hi = mid;
      }
      return lo < starts.length && starts[lo]! < Math.max(end, start + 1);
    },
    isCarriedLine: (line) => carriedLines.has(line),
  };
}

/** New code of every file of a change, by path. Audited files (allAdded) are new throughout. */
export function newCodeOf(files: readonly ChangedFile[]): Map<string, NewCode> {
  const ids = new Ids();
  const all: FileTokens[] = [];
  const removedPool = new Map<string, number>();
  const out = new Map<string, NewCode>();
  // Nothing removed anywhere: a new file cannot carry anything, so it is not tokenised at all.
  const nothingRemoved = files.every((f) => f.allAdded || f.removed.length === 0);
  for (const file of files) {
    if (file.allAdded) continue;
    if (nothingRemoved && file.oldText === null) {
      out.set(file.path, ALL_NEW);
      continue;
    }
    const ft = tokenize(file, ids);
    const oldStarts = file.oldText === null ? null : lineStartsOf(file.oldText);
    if (oldStarts && file.oldText !== null) {
      const old = file.oldText;
      for (const line of file.removed) {
        const key = squeeze(lineText(old, oldStarts, line).text);
        if (key !== '') removedPool.set(key, (removedPool.get(key) ?? 0) + 1);
      }
      let index = 0;
      for (const [, site] of [...sites(file)].sort((a, b) => a[0] - b[0])) {
        if (site.added.length === 0) continue;
        const from = index;
        while (index < ft.tokens.length && ft.tokens[index]!.line <= site.added[site.added.length - 1]!) index++;
        const removedIds: number[] = [];
        for (const line of site.removed) for (const m of lineText(old, oldStarts, line).text.matchAll(TOKEN)) removedIds.push(ids.of(m[0]));
        alignSite(ft, removedIds, from, index);
      }
    }
    all.push(ft);
  }
  carryMoved(all, removedPool);
  for (const ft of all) out.set(ft.file.path, view(ft));
  return out;
}

export function allNew(): NewCode {
  return ALL_NEW;
}
