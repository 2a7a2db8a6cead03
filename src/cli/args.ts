import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';
import { didYouMean } from '../util/nearest.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs<O extends Options> {
  values: { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string };
  positionals: string[];
}

/** util.parseArgs with messages that name the bad flag and suggest the nearest one. */
export function parseCommandArgs<O extends Options>(command: string, argv: string[], options: O, allowPositionals: boolean): ParsedArgs<O> {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true }) as unknown as ParsedArgs<O>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(message);
    if (unknown) {
      const flags = Object.keys(options).map((o) => `--${o}`);
      throw new UsageError(`Unknown option ${unknown[1]} for \`diffwarden ${command}\`${didYouMean(unknown[1]!, flags)}. See \`diffwarden ${command} --help\`.`);
    }
    const positional = /Unexpected argument '([^']+)'/.exec(message);
    if (positional) throw new UsageError(`Unexpected argument "${positional[1]}" for \`diffwarden ${command}\`. See \`diffwarden ${command} --help\`.`);
    throw new UsageError(`${message.replace(/\. To specify.*$/s, '')}. See \`diffwarden ${command} --help\`.`);
  }
}

export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`Invalid value "${value}" for --${flag}${didYouMean(value, allowed)}. Expected one of: ${allowed.join(', ')}.`);
}
