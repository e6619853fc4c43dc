import { CommanderError } from 'commander';
import { UsageError } from '../../common/usage-error.ts';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Runs an entry point: bad input is one line and exit 2, a failed run one line and exit 1. */
export async function runMain(main: () => Promise<number | undefined> | Promise<void>): Promise<void> {
  // Output piped into `head` and closed early is not a failure of the run.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
  });
  try {
    process.exitCode = (await main()) ?? EXIT_OK;
  } catch (error: unknown) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = EXIT_USAGE;
    } else if (error instanceof CommanderError) {
      const quiet = error.code === 'commander.helpDisplayed' || error.code === 'commander.version';
      if (!quiet) process.stderr.write(`${oneLine(error.message)} (see --help)\n`);
      process.exitCode = quiet ? EXIT_OK : EXIT_USAGE;
    } else {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`Run failed: ${message}\n`);
      process.exitCode = EXIT_FAILED;
    }
  }
}

function oneLine(message: string): string {
  return message
    .replace(/^error:\s*/i, '')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}
