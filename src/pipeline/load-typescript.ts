import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import type ts from 'typescript';
import { cacheDir } from '../util/cache-dir.js';

type TS = typeof ts;

/*
 * Loading typescript.js (9 MB) costs about 0.2 s, most of it compiling. Node 20 has no
 * module.enableCompileCache, so this keeps V8's code cache for the file in the cache directory:
 * measured ~0.08 s with the cache. The cache is written at exit so that it also holds the parser
 * functions compiled during the run. Any problem falls back to a plain require.
 * The cache is keyed per installation (path, size and mtime of typescript.js): V8 checks little more
 * than the source length, and code deserialized from another installation's cache keeps that
 * installation's file name, so its stack traces would point into another project's node_modules.
 */
export function loadTypescript(): TS {
  const require = createRequire(import.meta.url);
  if (process.env.DIFFWARDEN_NO_CODE_CACHE) return require('typescript') as TS;
  try {
    const filename = require.resolve('typescript');
    const version = (require('typescript/package.json') as { version: string }).version;
    const stat = statSync(filename);
    const installation = createHash('sha256').update(`${filename}\0${stat.size}\0${stat.mtimeMs}`).digest('hex').slice(0, 16);
    const cacheFile = join(cacheDir(), 'v8', `typescript-${version}-${process.version}-${process.arch}-${installation}.cache`);
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
    const source = readSource(filename);
    const script = new Script(Module.wrap(source), { filename, ...(cachedData ? { cachedData } : {}) });
    const fn = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;
    const mod = { exports: {} as unknown };
    fn.call(mod.exports, mod.exports, createRequire(filename), mod, filename, dirname(filename));
    if (!cachedData || script.cachedDataRejected) {
      process.once('exit', () => {
        try {
          mkdirSync(dirname(cacheFile), { recursive: true });
          const tmp = `${cacheFile}.${process.pid}.tmp`;
          writeFileSync(tmp, script.createCachedData());
          renameSync(tmp, cacheFile); // atomic: concurrent runs never read half a file
        } catch {
          // a read-only cache directory only costs speed
        }
      });
    }
    return mod.exports as TS;
  } catch {
    return require('typescript') as TS;
  }
}

/** typescript.js is ASCII: decoding it as Latin-1 gives the same string in half the time of UTF-8 (~13 ms less). */
function readSource(filename: string): string {
  const data = readFileSync(filename);
  return isAscii(data) ? data.toString('latin1') : data.toString('utf8');
}
