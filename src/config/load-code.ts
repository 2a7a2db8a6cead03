import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../errors.js';
import { loadTypescript } from '../pipeline/load-typescript.js';

/*
 * Loaders for JavaScript and TypeScript configuration files, replacing cosmiconfig's: those compile
 * TypeScript with whichever `typescript` package the project hoists (TypeScript 7 has no
 * findConfigFile), read the project's tsconfig, and retry a failed import with require, so that a
 * syntax error surfaced as Node's "Cannot require() ES Module". Here our own TypeScript checks the
 * syntax first (an error names file, line and column) and compiles TypeScript configs; the result
 * is imported once, never required.
 */

type Loader = (filepath: string, content: string) => Promise<unknown>;

function syntaxCheck(display: string, filepath: string, content: string, kind: 'js' | 'ts'): string {
  const ts = loadTypescript();
  const out = ts.transpileModule(content, {
    fileName: kind === 'ts' ? basename(filepath) : `${basename(filepath)}.js`,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, allowJs: true, sourceMap: false, inlineSourceMap: false, isolatedModules: true },
  });
  const first = out.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error && d.file !== undefined && d.start !== undefined);
  if (first) {
    const { line, character } = first.file!.getLineAndCharacterOfPosition(first.start!);
    const message = ts.flattenDiagnosticMessageText(first.messageText, ' ');
    throw new ConfigError(`${display}:${line + 1}:${character + 1}: syntax error: ${message}`, display);
  }
  return out.outputText;
}

/** Where in the config file an error thrown while loading it was raised, from its stack. */
function lineIn(error: unknown, url: string): string {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  for (const line of stack.split('\n').slice(0, 20)) {
    const at = line.indexOf(url);
    if (at < 0) continue;
    const m = /^:(\d+)/.exec(line.slice(at + url.length));
    if (m) return `:${m[1]}`;
  }
  return '';
}

async function importFile(display: string, file: string, shownUrl: string): Promise<unknown> {
  const url = pathToFileURL(file).href;
  try {
    const mod = (await import(url)) as { default?: unknown };
    return mod.default;
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replaceAll(url, shownUrl);
    const esmInCjs = /outside a module|Unexpected token 'export'/.test(message) ? ' (ES module syntax in a CommonJS package: rename the file to .mjs, or set "type": "module" in package.json)' : '';
    throw new ConfigError(`${display}${lineIn(error, url)}: could not load the configuration: ${message}${esmInCjs}`, display);
  }
}

/** cosmiconfig loaders for `.js`, `.mjs`, `.cjs` and `.ts`; `display` turns a path into the name shown in messages. */
export function codeLoaders(display: (file: string) => string): Record<string, Loader> {
  const js: Loader = async (filepath, content) => {
    syntaxCheck(display(filepath), filepath, content, 'js');
    return importFile(display(filepath), filepath, pathToFileURL(filepath).href);
  };
  const ts: Loader = async (filepath, content) => {
    const name = display(filepath);
    const code = syntaxCheck(name, filepath, content, 'ts');
    // Next to the original, so that its relative imports and node_modules resolve as written.
    const compiled = `${filepath}.${randomUUID()}.mjs`;
    writeFileSync(compiled, code);
    try {
      return await importFile(name, compiled, pathToFileURL(filepath).href);
    } finally {
      rmSync(compiled, { force: true });
    }
  };
  return { '.js': js, '.mjs': js, '.cjs': js, '.ts': ts };
}
