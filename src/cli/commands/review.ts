import { analyze, type AnalyzeTarget } from '../../analyze.js';
import { UsageError } from '../../errors.js';
import { parseCommandArgs } from '../args.js';
import { REVIEW_HELP } from '../help.js';
import type { CliIO } from '../io.js';
import { terminal } from '../../reporters/escape.js';

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs(
    'review',
    argv,
    { tests: { type: 'boolean' }, summary: { type: 'boolean' }, staged: { type: 'boolean' }, range: { type: 'string' }, base: { type: 'string' }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    false,
  );
  if (values.help) {
    io.stdout.write(REVIEW_HELP);
    return 0;
  }
  if (values.tests === values.summary) throw new UsageError('Pick one of --tests or --summary.');
  const target: AnalyzeTarget = values.range !== undefined ? { kind: 'range', range: values.range } : values.base !== undefined ? { kind: 'base', ref: values.base } : { kind: 'staged' };
  const { report } = await analyze({ cwd: io.cwd, target, review: { task: values.tests ? 'tests' : 'summary' }, ...(values.config !== undefined ? { configPath: values.config } : {}) });
  for (const n of report.llm?.notices ?? []) io.stderr.write(`diffwarden: ${terminal(n)}\n`);
  if (!report.llm?.text) {
    io.stderr.write(report.summary.filesAnalyzed === 0 ? 'diffwarden: there is no change to ask about.\n' : 'diffwarden: the LLM gave no answer (see above).\n');
    return report.summary.filesAnalyzed === 0 ? 0 : 2;
  }
  // The model's reply is untrusted: no escape sequences, no workflow commands when run in Actions.
  io.stdout.write(`${terminal(report.llm.text)}\n`);
  return 0;
}
