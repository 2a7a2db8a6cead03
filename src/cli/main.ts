import { isUsageError } from '../errors.js';
import { toolVersion } from '../version.js';
import { MAIN_HELP } from './help.js';
import { processIO, type CliIO } from './io.js';

/** Runs the CLI and returns the exit code: 0 pass/warn, 1 block, 2 usage, config or internal error. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
      case 'audit':
        return await (await import('./commands/analyze-command.js')).run(command, rest, io);
      case 'baseline':
        return await (await import('./commands/baseline.js')).run(rest, io);
      case 'print-config':
        return await (await import('./commands/print-config.js')).run(rest, io);
      case 'rules':
        return await (await import('./commands/rules.js')).run(rest, io);
      case 'init':
        return await (await import('./commands/init.js')).runInit(rest, io);
      case 'review':
        return await (await import('./commands/review.js')).run(rest, io);
      case 'usage':
        return await (await import('./commands/usage.js')).run(rest, io);
      case 'uninstall':
        return await (await import('./commands/init.js')).runUninstall(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(MAIN_HELP);
        return command === undefined ? 2 : 0;
      case '--version':
      case '-v':
        io.stdout.write(`${toolVersion()}\n`);
        return 0;
      default: {
        const { didYouMean } = await import('../util/nearest.js');
        io.stderr.write(`diffwarden: unknown command "${command}"${didYouMean(command, ['check', 'audit', 'baseline', 'print-config', 'rules', 'init', 'uninstall', 'usage', 'review', 'help'])}.\n\n${MAIN_HELP}`);
        return 2;
      }
    }
  } catch (error) {
    if (isUsageError(error)) {
      io.stderr.write(`diffwarden: ${error.message}\n`);
      return 2;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`diffwarden: internal error (this is a bug in diffwarden, please report it with the command you ran):\n${detail}\n`);
    return 2;
  }
}
