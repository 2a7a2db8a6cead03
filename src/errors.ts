/** A problem the user can fix (bad flag, bad config, not a repository). The CLI prints the message and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The configuration is invalid. `file` and `key` say where. */
export class ConfigError extends UsageError {
  override name = 'ConfigError';
  constructor(
    message: string,
    readonly file?: string,
    readonly key?: string,
  ) {
    super(message);
  }
}

/** git refused or failed. `stderr` is git's own message. */
export class GitError extends UsageError {
  override name = 'GitError';
  /** Set when git ran and exited non-zero; undefined when git could not be started. */
  exitCode?: number;
  constructor(
    message: string,
    readonly args: readonly string[] = [],
    readonly stderr = '',
  ) {
    super(message);
  }
}

export function isUsageError(error: unknown): error is UsageError {
  return error instanceof UsageError;
}
