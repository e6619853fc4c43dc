import { stopAllChildren } from '../../harness/child-processes.ts';
import { lineProgress, type Progress } from '../../harness/progress.ts';
import { stealWarning, watchSteal } from '../../harness/steal.ts';
import { onShutdownSignal } from './signals.ts';
import { ttyProgress } from './tty-progress.ts';

export interface LongRun {
  /** Aborted by the first Ctrl-C or SIGTERM: the run stops and still writes what it measured. */
  readonly signal: AbortSignal;
  /** A live bar on a terminal, plain lines in a pipe or CI log. */
  readonly progress: Progress;
  /** A warning when the host (hypervisor) took enough CPU time since the start to disturb the figures. */
  hostWarning(): string | undefined;
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
  const stolen = watchSteal();
  return {
    signal: controller.signal,
    progress,
    hostWarning: () => stealWarning(stolen()),
    async finish() {
      progress.stop();
      removeSignalHandlers();
      await stopAllChildren();
    },
  };
}
