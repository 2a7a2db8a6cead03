import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/repo.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A minimal installation: the built TypeScript loader and its own copy of typescript.js. */
function installation(): string {
  const dir = tempDir();
  const copy = (from: string, to: string) => {
    mkdirSync(join(dir, to, '..'), { recursive: true });
    copyFileSync(join(ROOT, from), join(dir, to));
  };
  copy('dist/src/pipeline/load-typescript.js', 'dist/src/pipeline/load-typescript.js');
  copy('dist/src/util/cache-dir.js', 'dist/src/util/cache-dir.js');
  copy('node_modules/typescript/package.json', 'node_modules/typescript/package.json');
  copy('node_modules/typescript/lib/typescript.js', 'node_modules/typescript/lib/typescript.js');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  return dir;
}

/** The first stack frame of an error raised inside typescript.js, loaded through the code cache. */
function frameFrom(install: string, cache: string): string {
  const probe = `const { loadTypescript } = await import(${JSON.stringify(join(install, 'dist/src/pipeline/load-typescript.js'))});\ntry { loadTypescript().createSourceFile('a.ts', null, 99); } catch (e) { console.log(e.stack.split('\\n')[1]); }\n`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8', env: { ...process.env, DIFFWARDEN_CACHE_DIR: cache } });
  return r.stdout.trim();
}

describe('V8 code cache for typescript.js', () => {
  it('is kept per installation: stack traces name the installation that runs', () => {
    const [a, b] = [installation(), installation()];
    const cache = tempDir();
    expect(frameFrom(a, cache)).toContain(`(${join(a, 'node_modules/typescript/lib/typescript.js')}:`);
    expect(frameFrom(b, cache)).toContain(`(${join(b, 'node_modules/typescript/lib/typescript.js')}:`);
    expect(frameFrom(b, cache)).toContain(`(${join(b, 'node_modules/typescript/lib/typescript.js')}:`);
    expect(readdirSync(join(cache, 'v8'))).toHaveLength(2);
  }, 60_000);
});
