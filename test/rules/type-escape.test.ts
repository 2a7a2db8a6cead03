import { describe, expect, it } from 'vitest';
import rule from '../../rules/type-escape.js';
import type { Rule } from '../../src/rules/define-rule.js';
import { runRule } from '../../src/testing/run-rule.js';

const run = (code: string) => runRule(rule as Rule<unknown>, { file: 'src/chunks.ts', code }).map((f) => [f.line, f.severity, f.message]);

describe('type-escape', () => {
  it('notes a double cast through unknown whose reason is a comment above it or on its line', () => {
    // A polyfill lookup: the compiler's lib setting predates the method the runtime has.
    const above = '// lib target is ES2022, which lacks Array.fromAsync (Node 22 ships it).\nconst fromAsync = (Array as unknown as { fromAsync: FromAsync }).fromAsync;\n';
    const note = 'a double cast through `unknown` turns off type checking for this value; the comment beside it gives the reason.';
    expect(run(above)).toEqual([[2, 'info', note]]);
    const beside = 'const groups = (Object as unknown as { groupBy: GroupBy }).groupBy; // ES2024 method, lib target is older\n';
    expect(run(beside)).toEqual([[1, 'info', note]]);
  });

  it('still warns on an unexplained double cast, on any, and when a lint directive is the only comment', () => {
    const code = '// eslint-disable-next-line @typescript-eslint/no-unsafe-member-access\nconst a = (x as unknown as A).b;\n// lib target lacks it\nconst c = (y as unknown as C).d;\n';
    expect(run(code)).toEqual([[2, 'warn', 'a double cast through `unknown` turns off type checking for this value (2 new type escapes in this file).']]);
    const any = '// the SDK has no types\nexport const load = (raw: any) => raw;\n';
    expect(run(any)).toEqual([[2, 'warn', '`any` turns off type checking for this value.']]);
  });

  it('notes a double cast whose target type carries the reason above its declaration', () => {
    const code = [
      '// `findLastIndex` is ES2023 and this package still compiles against ES2022.',
      'interface WithFindLast {',
      '  findLastIndex(test: (item: Item) => boolean): number;',
      '}',
      '',
      'export const lastDone = (items: Item[]) => (items as unknown as WithFindLast).findLastIndex((i) => i.done);',
      '',
    ].join('\n');
    expect(run(code)).toEqual([[6, 'info', 'a double cast through `unknown` turns off type checking for this value; the comment beside it gives the reason.']]);
    // A documented type that the code also uses elsewhere was not declared for the cast: its comment is no reason.
    const documented = [
      '/** A step as the command line describes it. */',
      'interface CliStep {',
      '  id: string;',
      '}',
      '',
      'export const stepId = (step: CliStep) => step.id;',
      'export const fromPatch = (patch: Patch) => stepId(patch.step as unknown as CliStep);',
      '',
    ].join('\n');
    expect(run(documented)).toEqual([[7, 'warn', 'a double cast through `unknown` turns off type checking for this value.']]);
  });

  it('notes `any` where the type is unknown anyway or `any` is the only spelling', () => {
    const caught = 'export async function save(doc: Doc) {\n  try {\n    await store.put(doc);\n  } catch (err: any) {\n    toast(err.message);\n  }\n}\n';
    expect(run(caught)).toEqual([[4, 'info', '`any` turns off type checking for this value; what a `catch` receives is untyped at any rate; `unknown` would make reading it checked.']]);
    const shell = 'export const splashDone = () => (window as any).__SPLASH_DONE__?.();\n';
    expect(run(shell)).toEqual([[1, 'info', '`as any` turns off type checking for this value; it reaches a `__hook__` that the page or host sets on the global object; a `declare global` would type it.']]);
    // An ordinary name on the global object is state the code itself could type.
    expect(run('export const promo = (globalThis as any).promo;\n')).toEqual([[1, 'warn', '`as any` turns off type checking for this value.']]);
    const includes = "const FINAL = ['done', 'failed'] as const;\nexport const isFinal = (run: Run) => FINAL.includes(run.state as any);\n";
    expect(run(includes)).toEqual([[2, 'info', '`as any` turns off type checking for this value; it widens the argument of `includes` on a narrower array, a known gap in the library types.']]);
    const parsed = 'export async function fetchConfig(url: string) {\n  const res = await fetch(url);\n  const body: any = await res.json();\n  return JSON.parse(body.raw) as any;\n}\n';
    expect(run(parsed)).toEqual([[3, 'info', '`any` turns off type checking for this value; `JSON.parse` and `.json()` return `any` already; a schema or a type guard would type the value (2 new type escapes in this file).']]);
    const lazy = "import type { ComponentType } from 'react';\nexport type Loader = () => Promise<{ default: ComponentType<any> }>;\n";
    expect(run(lazy)).toEqual([[2, 'info', '`any` turns off type checking for this value; `any` props in a component type are the only way to accept every component; props are checked where it is used.']]);
  });

  it('notes `any` under a no-explicit-any suppression, next-line or file-wide', () => {
    const next = 'export const cache = new Map<\n  string,\n  // oxlint-disable-next-line typescript/no-explicit-any\n  Record<string, any>\n>();\n';
    expect(run(next)).toEqual([[4, 'info', '`any` turns off type checking for this value; the lint suppression beside it shows the choice was deliberate.']]);
    const deno = 'export function Slot(\n  // deno-lint-ignore no-explicit-any\n  { name, props }: { name: string; props: any },\n) {\n  return render(name, props);\n}\n';
    expect(run(deno)).toEqual([[3, 'info', '`any` turns off type checking for this value; the lint suppression beside it shows the choice was deliberate.']]);
    const fileWide = '/* eslint-disable @typescript-eslint/no-explicit-any */\nexport const a = (x: any) => x;\nexport const b = (y: any) => y;\n';
    expect(run(fileWide)).toEqual([[2, 'info', '`any` turns off type checking for this value; the lint suppression beside it shows the choice was deliberate (2 new type escapes in this file).']]);
  });

  it('notes escapes in generated code and says nothing in a file with type checking off', () => {
    const generated = '// generated with openapi-codegen 2.1, do not edit\nexport const useList = () => query(list) as unknown as Promise<List>;\n';
    expect(run(generated)).toEqual([[2, 'info', 'a double cast through `unknown` turns off type checking for this value; the file says it is generated.']]);
    expect(run('// @ts-nocheck\nexport const call = (x: any) => x as unknown as Response;\n')).toEqual([]);
  });

  it("leaves test files alone, Deno's `name_test.ts` included", () => {
    const double = 'const ctx = { state: {} } as any;\nDeno.test("sets a nonce", () => handler(ctx));\n';
    expect(runRule(rule as Rule<unknown>, { file: 'src/middlewares/nonce_test.ts', code: double })).toEqual([]);
    expect(runRule(rule as Rule<unknown>, { file: 'src/middlewares/nonce.test.ts', code: double })).toEqual([]);
  });

  it('warns at the first escape without a reason, counting them all', () => {
    const code = "export function load(raw: string) {\n  try {\n    return decodeRow(raw) as any;\n  } catch (e: any) {\n    return e;\n  }\n}\n";
    const mixed = "export function read(e: unknown) {\n  try {\n    return parse(e);\n  } catch (err: any) {\n    return (err as any).code;\n  }\n}\n";
    expect(run(code)).toEqual([[3, 'warn', '`as any` turns off type checking for this value (2 new type escapes in this file).']]);
    expect(run(mixed)).toEqual([[5, 'warn', '`as any` turns off type checking for this value (2 new type escapes in this file).']]);
  });
});
