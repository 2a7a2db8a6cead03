import { describe, expect, it } from 'vitest';
import rule from '../../rules/swallowed-error.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';

const run = (code: string, file = 'src/store.ts') => runRule(rule as Rule<unknown>, { file, code }).map((f) => [f.line, f.severity, f.message]);

describe('swallowed-error', () => {
  it('accepts a rollback whose own failure is ignored while the original error is rethrown', () => {
    const tx = 'export async function transfer(db: Db) {\n  await db.exec("BEGIN");\n  try {\n    await db.exec("UPDATE accounts SET n = n - 1");\n    await db.exec("COMMIT");\n  } catch (error) {\n    try {\n      await db.exec("ROLLBACK");\n    } catch {}\n    db.release().catch(() => {});\n    throw error;\n  }\n}\n';
    expect(run(tx)).toEqual([]);
    const fin = 'export async function withFile(path: string) {\n  const handle = await open(path);\n  try {\n    return await handle.read();\n  } finally {\n    try {\n      await handle.close();\n    } catch {}\n  }\n}\n';
    expect(run(fin)).toEqual([]);
  });

  it('accepts a loop that keeps one failing listener from stopping the others', () => {
    const emitter = 'export class Emitter {\n  private listeners: Array<(e: Event) => void> = [];\n  emit(e: Event) {\n    for (const listener of this.listeners) {\n      try {\n        listener(e);\n      } catch (error) {\n        console.error("listener failed", error);\n      }\n    }\n    this.listeners.forEach((l) => {\n      try {\n        l(e);\n      } catch {}\n    });\n  }\n}\n';
    expect(run(emitter)).toEqual([]);
  });

  it('accepts an ignored rejection or a fallback value explained beside it', () => {
    const code = 'export function stop(reader: Reader) {\n  // Not awaited: cancelling a cloned stream can wait for the original to finish.\n  void reader.cancel().catch(() => {});\n  sendBeacon().catch(() => {}); // failures are counted by the beacon endpoint\n  let parsed: unknown = null;\n  try {\n    parsed = JSON.parse(localStorage.getItem("prefs") ?? "");\n  } catch {}\n  return parsed;\n}\n';
    expect(run(code)).toEqual([]);
  });

  it('accepts a catch that falls through to the fallback after a try that returns', () => {
    // A streaming route handler: resume the stream when a store is configured, otherwise answer plainly.
    const code = 'export async function respond(stream: ReadableStream) {\n  if (store) {\n    try {\n      const resumable = await store.resume(stream);\n      if (resumable) return new Response(resumable);\n    } catch (error) {\n      console.error("cannot resume", error);\n    }\n  }\n  return new Response(stream);\n}\n';
    expect(run(code)).toEqual([]);
  });

  it('still reports a bare swallow (a lint directive beside it explains nothing), a log-and-continue outside a loop and a silent loop over other work', () => {
    const code = 'export async function sync() {\n  push().catch(() => {}); // eslint-disable-line promise/catch-or-return\n  try {\n    await pull();\n  } catch (e) {\n    console.debug(e);\n  }\n  for (const id of ids) {\n    try {\n      await remove(id);\n    } catch {}\n  }\n}\n';
    expect(run(code)).toEqual([
      [2, 'warn', '`.catch(() => {})` swallows the rejection.'],
      [5, 'info', '`catch` only logs the error below warn level and carries on as if nothing failed.'],
      [11, 'warn', 'Empty `catch` block swallows the error.'],
    ]);
  });

  it('only notes a swallowed error in a benchmark', () => {
    const bench = 'suite.add("invalid input", () => {\n  try {\n    schema.parse(null);\n  } catch (_err) {}\n});\n';
    expect(run(bench, 'packages/core/benchmarks/object.ts')).toEqual([[4, 'info', 'Empty `catch` block swallows the error.']]);
  });

  it('accepts a helper named for marking a rejection handled, and a catch on a promise the function still races', () => {
    // A stream wrapper: the promise is marked handled at once and settled later by its consumer.
    const helper = 'function markPromiseAsHandled(promise: Promise<unknown>) {\n  try {\n    promise.then(undefined, () => {});\n  } catch {}\n}\nexport const backstop = (p: Promise<unknown>) => {\n  p.catch(() => {});\n  return p;\n};\nexport function ignoreRejection(p: Promise<unknown>) {\n  p.catch(() => {});\n}\n';
    expect(run(helper)).toEqual([]);
    // A chunk reader with a timeout: `.catch` keeps an unawaited rejection quiet while the race waits.
    const race = 'export async function nextWithTimeout(iterator: AsyncIterator<Chunk>, ms: number) {\n  const nextChunk = iterator.next();\n  nextChunk.catch(() => undefined);\n  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms));\n  return await Promise.race([nextChunk, timeout]);\n}\n';
    expect(run(race)).toEqual([]);
  });

  it('accepts a .catch fallback whose value is used, and a catch that logs at error or warn level', () => {
    const fallback = 'export async function readError(res: Response) {\n  const body = (await res.json().catch(() => null)) as { error?: string } | null;\n  if (!body) return "unknown error";\n  return body.error ?? "unknown error";\n}\n';
    expect(run(fallback)).toEqual([]);
    // A sweep: failing to abandon one card is reported, the next sweep retries.
    const logged = 'export async function sweep(card: Card) {\n  try {\n    await abandon(card.id);\n  } catch (abandonError) {\n    logger.error("failed to abandon card", { id: card.id, abandonError });\n  }\n  try {\n    await recordAttempt(card.id);\n  } catch (error) {\n    console.warn("could not record attempt", error);\n  }\n}\n';
    expect(run(logged)).toEqual([]);
  });

  it('still reports a .catch whose value is dropped, a promise awaited nowhere else, and an empty catch in an ordinary helper', () => {
    const code = 'export async function restore(card: Card, backup: string) {\n  await copy(backup, card.path).catch(() => {});\n  const pending = save(card);\n  pending.catch(() => undefined);\n  await Promise.all(card.items.map((i) => put(i).catch(() => null)));\n  try {\n    await unlink(backup);\n  } catch {}\n}\n';
    expect(run(code)).toEqual([
      [2, 'warn', '`.catch(() => {})` swallows the rejection.'],
      [4, 'warn', '`.catch(() => undefined)` swallows the rejection.'],
      [5, 'warn', '`.catch(() => null)` swallows the rejection.'],
      [8, 'warn', 'Empty `catch` block swallows the error.'],
    ]);
  });

  it('accepts teardown whose failure has no one to go to (closing a handle, removing a temp file), but not other calls', () => {
    const code = [
      'export async function importCard(path: string, backup: string) {',
      '  const handle = await open(path);',
      '  try {',
      '    await copy(handle, backup);',
      '  } finally {',
      '    await handle.close().catch(() => undefined);',
      '    await unlink(backup).catch(() => {});',
      '  }',
      '  await save(path).catch(() => {});',
      '}',
      '',
    ].join('\n');
    expect(run(code)).toEqual([[9, 'warn', '`.catch(() => {})` swallows the rejection.']]);
  });

  it('accepts deleting a key-value record that may already be gone (`store.del(key)`), but not a copy that restores data', () => {
    const code = [
      'export async function reimport(key: string, backup: string, card: string) {',
      '  const found = await games.get(key);',
      '  if (found) {',
      '    await queue.del(key).catch(() => {});',
      '    found.hidden = false;',
      '  }',
      '  await copyFile(backup, card).catch(() => undefined);',
      '  return found;',
      '}',
      '',
    ].join('\n');
    expect(run(code)).toEqual([[7, 'warn', '`.catch(() => undefined)` swallows the rejection.']]);
  });
});
