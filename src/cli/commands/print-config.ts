import { effectiveConfig } from '../../effective-config.js';
import { parseCommandArgs } from '../args.js';
import { PRINT_CONFIG_HELP } from '../help.js';
import type { CliIO } from '../io.js';

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('print-config', argv, { config: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, true);
  if (values.help) {
    io.stdout.write(PRINT_CONFIG_HELP);
    return 0;
  }
  if (positionals.length > 1) {
    const { UsageError } = await import('../../errors.js');
    throw new UsageError(`print-config takes one file (got ${positionals.length}). See \`diffwarden print-config --help\`.`);
  }
  const result = await effectiveConfig({ cwd: io.cwd, ...(values.config !== undefined ? { configPath: values.config } : {}), ...(positionals[0] !== undefined ? { file: positionals[0] } : {}) });
  io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}
