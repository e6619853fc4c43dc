import { stopAllChildren } from '../../common/child-processes.ts';
import { lineProgress, type Progress } from '../../harness/progress.ts';
import { stealWarning, watchSteal } from '../../harness/measure/steal.ts';
import { onShutdownSignal } from './signals.ts';
import { ttyProgress } from './tty-progress.ts';

export interface LongRun {
  /** Aborted by the first Ctrl-C or SIGTERM: the run stops and still writes what it measured. */
  readonly signal: AbortSignal;
  /** A live bar on a terminal, plain lines in a pipe or CI log. */
  readonly progress: Progress;
  /**
   * Prints the lines that close a run: the report's notes, a warning when the host (hypervisor) took enough CPU
   * time since the start to disturb the figures, and the wall time with where the output went.
   */
  printEnding(notes: readonly string[], output: string): void;
  /** Ends the display, the signal handlers and every process the run started. */
  finish(): Promise<void>;
}

/** What bench and tune share around a measurement run: progress, graceful interruption, and cleanup. */
export function startLongRun(totalLevels: number): LongRun {
  const controller = new AbortController();
  const removeSignalHandlers = onShutdownSignal((signal) => {
    process.stderr.write(`\n${signal}: stopping, writing what was measured so far...\n`);
    controller.abort();
  });
  const progress = process.stderr.isTTY ? ttyProgress(totalLevels) : lineProgress();
  const began = Date.now();
  const stolen = watchSteal();
  return {
    signal: controller.signal,
    progress,
    printEnding(notes, output) {
      for (const note of [...notes, stealWarning(stolen())]) if (note) process.stdout.write(`${note}\n`);
      process.stdout.write(`Wall time ${((Date.now() - began) / 1000).toFixed(1)} s. ${output}\n`);
    },
    async finish() {
      progress.stop();
      removeSignalHandlers();
      await stopAllChildren();
    },
  };
}
