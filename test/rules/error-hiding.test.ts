import { describe, expect, it } from 'vitest';
import rule from '../../rules/error-hiding.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';

const run = (code: string, old?: string, file = 'src/agent/nodes.ts') => runRule(rule as Rule<unknown>, { file, code, ...(old === undefined ? {} : { old }) }).map((f) => [f.line, f.severity, f.message]);

describe('error-hiding', () => {
  it('reports each workflow node whose rethrow became a log and a jump to the end', () => {
    // Two graph nodes of an agent workflow: both used to rethrow, now both log and end the run.
    const node = (name: string, after: string) => `export async function ${name}(state: State) {\n  try {\n    return { result: await step(state) };\n  } catch (error) {\n${after}\n  }\n}\n`;
    const old = node('research', '    throw error;') + node('write', '    throw error;');
    const code = node('research', "    console.error('research failed', error);\n    return new Command({ goto: END });") + node('write', "    console.error('write failed', error);\n    return new Command({ goto: END });");
    expect(run(code, old)).toEqual([
      [6, 'warn', 'A `throw` of `research` became logging and `return new Command({ goto: END })`: the caller now carries on as if it succeeded.'],
      [14, 'warn', 'A `throw` of `write` became logging and `return new Command({ goto: END })`: the caller now carries on as if it succeeded.'],
    ]);
  });

  it('accepts a throw turned into a returned error, and a log added before a throw that stays', () => {
    const old = 'export async function save(doc: Doc) {\n  if (!doc.id) {\n    throw new Error("missing id");\n  }\n  return store.put(doc);\n}\n';
    const asError = 'export async function save(doc: Doc) {\n  if (!doc.id) {\n    logger.warn("missing id");\n    return { ok: false, reason: "missing id" };\n  }\n  return store.put(doc);\n}\n';
    expect(run(asError, old)).toEqual([]);
    const kept = 'export async function save(doc: Doc) {\n  if (!doc.id) {\n    logger.warn("missing id");\n    throw new Error("missing id");\n  }\n  return store.put(doc);\n}\n';
    expect(run(kept, old)).toEqual([]);
  });

  it('reports a new catch that drops the configuration, and only notes one where the function already answers undefined', () => {
    // A GitHub Action reading its configuration file: a parse failure now looks like "no configuration".
    const code = 'export async function readConfig(path: string): Promise<Config | undefined> {\n  try {\n    const raw = await fs.readFile(path, "utf8");\n    return yaml.parse(raw) as Config;\n  } catch (e) {\n    core.warning(`could not read ${path}`);\n    return undefined;\n  }\n}\n';
    expect(run(code)).toEqual([[5, 'warn', 'This `catch` logs and returns `undefined` from `readConfig`, whose callers expect data (it returns data elsewhere): the failure reaches them as an empty result.']]);
    const optional = 'export async function readConfig(path?: string) {\n  if (!path) return undefined;\n  try {\n    return yaml.parse(await fs.readFile(path, "utf8"));\n  } catch (e) {\n    core.warning(`could not read ${path}`);\n    return undefined;\n  }\n}\n';
    expect(run(optional)).toEqual([[5, 'info', 'This `catch` logs and returns `undefined` from `readConfig`, whose callers expect data (it returns data elsewhere): the failure reaches them as an empty result.']]);
  });

  it('names the declared type that leaves no room for the empty value', () => {
    const code = 'export async function listUsers(): Promise<User[]> {\n  try {\n    const res = await api.get("/users");\n    return res.data;\n  } catch (err) {\n    console.error(err);\n    return null;\n  }\n}\n';
    expect(run(code)).toEqual([[5, 'warn', 'This `catch` logs and returns `null` from `listUsers`, whose callers expect data (its declared type `Promise<User[]>` has no `null`): the failure reaches them as an empty result.']]);
  });

  it('accepts catches that were there before, tolerant names, predicates and test files', () => {
    const old = 'export function parse(text: string) {\n  try {\n    return JSON.parse(text);\n  } catch (e) {\n    console.warn(e);\n    return null;\n  }\n}\n';
    expect(run(old.replace('JSON.parse(text)', 'JSON.parse(text.trim())'), old)).toEqual([]);
    const safe = 'export function safeParse(text: string) {\n  try {\n    return JSON.parse(text);\n  } catch (e) {\n    console.warn(e);\n    return null;\n  }\n}\n';
    expect(run(safe)).toEqual([]);
    const predicate = 'export async function isReachable(url: string) {\n  try {\n    await fetch(url);\n    return true;\n  } catch (e) {\n    console.warn(e);\n    return false;\n  }\n}\n';
    expect(run(predicate)).toEqual([]);
    expect(run(safe.replace('safeParse', 'parse'), undefined, 'src/parse.test.ts')).toEqual([]);
  });

  it('accepts a fallback explained in the catch or promised by the doc comment, and false from a yes/no evaluator', () => {
    // An IPC handler listing cloud saves: the comment says why an empty list is right.
    const explained = 'const listSaves = async (platform: Platform): Promise<Save[]> => {\n  try {\n    return await saves.list(platform);\n  } catch (err) {\n    // Not subscribed or offline: the UI hides the list anyway.\n    logger.log("could not list saves", err);\n    return [];\n  }\n};\n';
    expect(run(explained)).toEqual([]);
    // A quota reader documented to fail open.
    const documented = '/**\n * Fails open: a counter read that throws returns `undefined`, so there is no cap.\n */\nexport async function readQuota(org: string): Promise<Quota | undefined> {\n  try {\n    return { used: await counter.get(org) };\n  } catch (error) {\n    logger.error("quota read failed", { error });\n    return undefined;\n  }\n}\n';
    expect(run(documented)).toEqual([]);
    // A condition evaluator: a condition that cannot be evaluated is not satisfied.
    const condition = 'export function evaluate(expr: string, scope: Scope): boolean {\n  if (!expr.trim()) return true;\n  try {\n    return Boolean(parser.evaluate(expr, scope));\n  } catch (error) {\n    logger.warn(`bad condition ${expr}`, error);\n    return false;\n  }\n}\n';
    expect(run(condition)).toEqual([]);
  });

  it('only notes a new catch in a function that already fell back before the change', () => {
    // A notification icon: it fell back to the raw path before, and falls back to no icon now.
    const old = 'const iconFor = async (path: string) => {\n  return convertIcon(path)\n    .then((r) => r.file)\n    .catch(() => path);\n};\n';
    const code = 'const iconFor = async (path: string) => {\n  try {\n    return await transcodeIcon(path);\n  } catch (error) {\n    logger.error("cannot transcode icon", path, error);\n    return undefined;\n  }\n};\n';
    expect(run(code, old)).toEqual([[4, 'info', 'This `catch` logs and returns `undefined` from `iconFor`, whose callers expect data (it returns data elsewhere): the failure reaches them as an empty result.']]);
  });
});
