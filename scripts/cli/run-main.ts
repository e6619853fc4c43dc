import { CommanderError } from 'commander';
import { stopAllChildren } from '../../common/child-processes.ts';
import { UsageError } from '../../common/usage-error.ts';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
/** How long ending the child processes may take after a fatal error before the process exits regardless. */
const FATAL_EXIT_MS = 5_000;

/**
 * An error nothing caught, anywhere: one line, every process this one started ended, exit 1. The journal
 * (results.json) on disk already holds every level completed before; it is left as it is.
 */
let ending = false;
function onFatal(kind: string): (error: unknown) => void {
  return (error) => {
    if (ending) return;
    ending = true;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`\nRun failed: ${kind}: ${oneLine(message)}\n`);
    setTimeout(() => process.exit(EXIT_FAILED), FATAL_EXIT_MS).unref();
    void stopAllChildren().finally(() => process.exit(EXIT_FAILED));
  };
}

/** Runs an entry point: bad input is one line and exit 2, a failed run one line and exit 1. */
export async function runMain(main: () => Promise<number | undefined> | Promise<void>): Promise<void> {
  // Output piped into `head` and closed early is not a failure of the run.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
  });
  process.on('uncaughtException', onFatal('uncaught exception'));
  process.on('unhandledRejection', onFatal('unhandled rejection'));
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
      process.stderr.write(`Run failed: ${oneLine(message)}\n`);
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
