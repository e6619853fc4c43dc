/** Bad input from the user: printed as one line, exit code 2, never a stack trace. */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
