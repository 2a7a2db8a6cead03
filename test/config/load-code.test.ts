import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';
import { builtInRules } from '../../src/rules/registry.js';
import { tempDir, tempRepo } from '../helpers/repo.js';

const BIN = fileURLToPath(new URL('../../bin/diffwarden.js', import.meta.url));

async function errorOf(files: Record<string, string>): Promise<ConfigError> {
  const root = tempDir();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(root, name), content);
  try {
    await loadConfig({ root, cwd: root, rules: builtInRules() });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

/**
 * A project whose hoisted `typescript` is TypeScript 7 (its JS API has no findConfigFile): a module
 * hook hands the fake to every import of `typescript` made from inside cosmiconfig, as the project's
 * node_modules layout would.
 */
function typescript7Hook(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'typescript7.mjs'), "export default { version: '7.0.0', ModuleKind: {}, ModuleResolutionKind: {}, ScriptTarget: {} };\n");
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `export async function resolve(specifier, context, next) {\n  if (specifier === 'typescript' && /[\\\\/]cosmiconfig[\\\\/]/.test(context.parentURL ?? '')) return { url: ${JSON.stringify(pathToFileURL(join(dir, 'typescript7.mjs')).href)}, shortCircuit: true };\n  return next(specifier, context);\n}\n`,
  );
  writeFileSync(join(dir, 'register.mjs'), "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n");
  return join(dir, 'register.mjs');
}

describe('JavaScript and TypeScript configuration files', () => {
  it('a syntax error is a config error naming the file, line and column', async () => {
    const js = await errorOf({ 'diffwarden.config.js': 'export default {\n  failOn: "warn"\n  rules: {},\n};\n' });
    expect(js.message).toBe("diffwarden.config.js:3:3: syntax error: ',' expected.");
    expect(js.file).toBe('diffwarden.config.js');
    const ts = await errorOf({ 'diffwarden.config.ts': 'const level: string = ;\nexport default { failOn: level };\n' });
    expect(ts.message).toBe('diffwarden.config.ts:1:23: syntax error: Expression expected.');
  });

  it('an error thrown while the config runs names the file and line (exit 2, no stack)', () => {
    const repo = tempRepo();
    repo.commit('init', { 'diffwarden.config.mjs': 'const x = 1;\nthrow new Error("no config for you");\nexport default {};\n' });
    const r = spawnSync(process.execPath, [BIN, 'check'], { cwd: repo.dir, encoding: 'utf8' });
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', 'diffwarden: diffwarden.config.mjs:2: could not load the configuration: no config for you\n']);
  });

  it('loads diffwarden.config.ts with our own TypeScript when the project hoists TypeScript 7', () => {
    const repo = tempRepo();
    repo.commit('init', {
      'diffwarden.config.ts': "type Level = 'off' | 'warn';\nconst off: Level = 'off';\nexport default { rules: { 'debugger-statement': off } };\n",
      'tsconfig.json': '{ "compilerOptions": { "strict": true } }\n',
    });
    repo.stage({ 'a.ts': 'debugger;\n' });
    const r = spawnSync(process.execPath, ['--import', typescript7Hook(), BIN, 'check'], { cwd: repo.dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^✔ pass · risk 0\/100/m);
  });
});
