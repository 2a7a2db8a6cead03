import { writeFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { analyze } from '../../analyze.js';
import { UsageError } from '../../errors.js';
import { entryOf, pruneBaseline, readBaselineFile, renderBaseline } from '../../pipeline/baseline.js';
import { parseCommandArgs } from '../args.js';
import { BASELINE_HELP } from '../help.js';
import type { CliIO } from '../io.js';

/**
 * `diffwarden baseline`: audits the whole repository and records every finding as accepted, so that
 * `check` and `audit` report only what is new. `--prune` only drops entries nothing matches any more.
 */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs('baseline', argv, { output: { type: 'string', short: 'o' }, prune: { type: 'boolean' }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, false);
  if (values.help) {
    io.stdout.write(BASELINE_HELP);
    return 0;
  }
  const result = await analyze({ cwd: io.cwd, target: { kind: 'audit', paths: [] }, baseline: false, ...(values.config !== undefined ? { configPath: values.config } : {}) });
  if (result.report.errors.length > 0) {
    const f = result.report.errors[0]!;
    throw new UsageError(`rule ${f.ruleId} failed on ${f.file}, so the audit is incomplete and no baseline was written. Turn the rule off or report the bug, then run again.`);
  }
  const file = values.output !== undefined ? resolve(io.cwd, values.output) : result.baselineFile;
  if (file === null) throw new UsageError('The configuration sets "baseline": false. Pass --output FILE, or name the file in "baseline".');
  const previous = readBaselineFile(dirname(file), basename(file));
  if (values.prune && previous === null) throw new UsageError(`--prune: there is no baseline at ${relative(io.cwd, file) || file} to prune. Run \`diffwarden baseline\` first.`);
  const entries = values.prune && previous ? pruneBaseline(previous, result.report.findings) : result.report.findings.map(entryOf);
  try {
    writeFileSync(file, renderBaseline(entries, previous ?? undefined));
  } catch (error) {
    throw new UsageError(`Could not write the baseline ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Pick a writable path with --output.`);
  }
  const before = new Set(previous?.entries.map((e) => e.fingerprint) ?? []);
  const now = new Set(entries.map((e) => e.fingerprint));
  const added = [...now].filter((f) => !before.has(f)).length;
  const dropped = [...before].filter((f) => !now.has(f)).length;
  io.stdout.write(`diffwarden baseline: ${now.size} finding${now.size === 1 ? '' : 's'} in ${relative(io.cwd, file) || file} (${added} added, ${dropped} dropped). check and audit now report only findings not in it.\n`);
  return 0;
}
