/**
 * A problem with what the user gave us (flags, files, JSON): exit code 2 and a one-line message
 * naming the flag or field and what was expected. Contract failures are not usage errors.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    /** The flag or JSON path the message is about, e.g. `--context-file` or `context.prepaid_gas`. */
    readonly where?: string,
  ) {
    super(where ? `${where}: ${message}` : message);
  }
}
