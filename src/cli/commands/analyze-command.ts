import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { analyze, type AnalyzeTarget } from '../../analyze.js';
import { UsageError } from '../../errors.js';
import { FORMATS, loadReporter } from '../../reporters/types.js';
import { builtInRules } from '../../rules/registry.js';
import type { Decision } from '../../types.js';
import { oneOf, parseCommandArgs } from '../args.js';
import { AUDIT_HELP, CHECK_HELP } from '../help.js';
import { useColor, type CliIO } from '../io.js';
import { terminal } from '../../reporters/escape.js';

const FAIL_ON = ['block', 'warn', 'never'] as const;
type FailOn = (typeof FAIL_ON)[number];

export function exitCodeFor(decision: Decision, failOn: FailOn): number {
  if (failOn === 'never' || decision === 'pass') return 0;
  if (decision === 'block') return 1;
  return failOn === 'warn' ? 1 : 0;
}

/** Checked before the analysis so that a typo in --output does not cost a whole run. */
function checkOutputPath(file: string, given: string): void {
  const dir = dirname(file);
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new UsageError(`--output ${given}: the directory ${dir} does not exist. Create it first (mkdir -p "${dir}") or write the report elsewhere.`);
  }
  if (!isDir) throw new UsageError(`--output ${given}: ${dir} is not a directory. Pick a path inside a directory.`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UsageError(`--output ${given}: the directory ${dir} is not writable. Pick a writable location, or fix its permissions.`);
  }
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`--output ${given}: ${file} is a directory. Name a file inside it.`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
  }
}

function writeOutput(file: string, given: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new UsageError(`--output ${given}: could not write ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Pick a writable file path.`);
  }
}

export async function run(command: 'check' | 'audit', argv: string[], io: CliIO): Promise<number> {
  const common = {
    format: { type: 'string' },
    'fail-on': { type: 'string' },
    config: { type: 'string' },
    output: { type: 'string', short: 'o' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  const checkOnly = { staged: { type: 'boolean' }, range: { type: 'string' }, base: { type: 'string' }, review: { type: 'boolean' }, 'dry-run': { type: 'boolean' } } as const;
  const auditOnly = { 'no-cache': { type: 'boolean' }, jobs: { type: 'string', short: 'j' } } as const;
  const { values, positionals } =
    command === 'check' ? parseCommandArgs(command, argv, { ...common, ...checkOnly }, false) : parseCommandArgs(command, argv, { ...common, ...auditOnly }, true);
  if (values.help) {
    io.stdout.write(command === 'check' ? CHECK_HELP : AUDIT_HELP);
    return 0;
  }
  if (command === 'check' && io.env.DIFFWARDEN_SKIP === '1') {
    io.stderr.write('diffwarden: skipped (DIFFWARDEN_SKIP=1).\n');
    return 0;
  }
  const format = oneOf('format', values.format, FORMATS) ?? 'text';
  const failOnFlag = oneOf('fail-on', values['fail-on'], FAIL_ON);

  let target: AnalyzeTarget;
  if (command === 'audit') {
    target = { kind: 'audit', paths: positionals };
  } else {
    const v = values as { staged?: boolean; range?: string; base?: string };
    const chosen = [v.staged && '--staged', v.range !== undefined && '--range', v.base !== undefined && '--base'].filter(Boolean);
    if (chosen.length > 1) throw new UsageError(`${chosen.join(' and ')} cannot be combined; pick one.`);
    if (v.range !== undefined) target = { kind: 'range', range: v.range };
    else if (v.base !== undefined) target = { kind: 'base', ref: v.base };
    else target = { kind: 'staged' };
  }

  const outputFile = values.output === undefined ? undefined : resolve(io.cwd, values.output);
  if (outputFile !== undefined) checkOutputPath(outputFile, values.output!);
  const auditValues = values as { 'no-cache'?: boolean; jobs?: string };
  const checkValues = values as { review?: boolean; 'dry-run'?: boolean };
  if (checkValues['dry-run'] && !checkValues.review) throw new UsageError('--dry-run applies to --review: use `diffwarden check --review --dry-run`.');
  const jobs = auditValues.jobs === undefined ? undefined : Number(auditValues.jobs);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) throw new UsageError(`Invalid value "${auditValues.jobs}" for --jobs: expected a whole number of threads, 1 or more.`);
  // A long audit on a terminal shows how far it is, on stderr, at most every 200 ms; nothing in a pipe or CI log.
  let shown = 0;
  const progress =
    command === 'audit' && io.stderr.isTTY === true
      ? (done: number, total: number): void => {
          const now = Date.now();
          if (now - shown < 200 && done < total) return;
          shown = now;
          io.stderr.write(`\r\u001b[2Kdiffwarden: ${done}/${total} files`);
          if (done === total) io.stderr.write('\r\u001b[2K');
        }
      : undefined;
  const { report, failOn } = await analyze({
    ...(progress ? { onProgress: progress } : {}),
    cwd: io.cwd,
    target,
    ...(values.config !== undefined ? { configPath: values.config } : {}),
    ...(auditValues['no-cache'] ? { cache: false } : {}),
    ...(jobs !== undefined ? { jobs } : {}),
    ...(checkValues.review ? { review: checkValues['dry-run'] ? { dryRun: true } : true } : {}),
  });
  const reporter = await loadReporter(format);
  const output = reporter(report, { rules: builtInRules(), color: outputFile === undefined && useColor(io) });
  if (outputFile !== undefined) {
    writeOutput(outputFile, values.output!, output);
    io.stderr.write(`diffwarden: ${report.decision} (risk ${report.riskScore}/100, ${report.findings.length} findings); ${format} report written to ${values.output}\n`);
  } else {
    io.stdout.write(output);
  }

  if (report.llm) {
    for (const n of report.llm.notices) io.stderr.write(`diffwarden: ${terminal(n)}\n`);
    const d = report.llm.dryRun;
    if (d) {
      const cost = d.worstCaseUsd === null ? 'unknown (a model has no price)' : `$${d.worstCaseUsd.toFixed(6)}`;
      io.stderr.write(`diffwarden: LLM review dry run: ${d.requests} request${d.requests === 1 ? '' : 's'}, ~${d.promptTokens} prompt tokens, model ${d.models.join(' then ')}, worst case ${cost}. Nothing was sent.\n`);
    }
    if (report.llm.skipped.length) io.stderr.write(`diffwarden: not reviewed by the LLM: ${terminal(report.llm.skipped.join(', '))}\n`);
  }
  for (const failure of report.errors) {
    io.stderr.write(
      terminal(`diffwarden: rule ${failure.ruleId} failed on ${failure.file}; the result is incomplete. Turn it off with "rules": { "${failure.ruleId}": "off" } and please report this bug.\n  ${failure.message.split('\n').slice(0, 4).join('\n  ')}\n`),
    );
  }
  if (report.errors.length > 0) return 2;
  return exitCodeFor(report.decision, failOnFlag ?? failOn);
}
