import { setMaxListeners } from 'node:events';
import path from 'node:path';
import { stopAllChildren } from '../harness/child-processes.ts';
import { lineProgress } from '../harness/progress.ts';
import { estimateLevels, runTune } from '../harness/tune/run-tune.ts';
import { calibrateBusyWork } from '../runners/calibrate.ts';
import { renderTuneConsole } from '../reports/tune/console.ts';
import { writeTune } from '../reports/tune/write-tune.ts';
import { parseTuneArgs } from './cli/tune-options.ts';
import { EXIT_FAILED, EXIT_OK, runMain } from './cli/run-main.ts';
import { onShutdownSignal } from './cli/signals.ts';
import { ttyProgress } from './cli/tty-progress.ts';

await runMain(async () => {
  const options = await parseTuneArgs(process.argv.slice(2));
  const controller = new AbortController();
  // Every level and tinybench task listens for the stop request; that is expected, not a leak.
  setMaxListeners(0, controller.signal);
  const removeSignalHandlers = onShutdownSignal((signal) => {
    process.stderr.write(`\n${signal}: stopping, writing what was measured so far...\n`);
    controller.abort();
  });
  const began = Date.now();
  const totalLevels = options.runners.reduce((sum, runner) => sum + estimateLevels(runner, options.bounds), 0);
  const progress = process.stderr.isTTY ? ttyProgress(totalLevels) : lineProgress();
  try {
    const tune = await runTune({
      plan: options.plan,
      runners: options.runners,
      limits: options.limits,
      bounds: options.bounds,
      seed: options.seed,
      calibration: calibrateBusyWork(),
      progress,
      signal: controller.signal,
    });
    progress.stop();
    const written = await writeTune(tune, options.outDir);
    process.stdout.write(`\n${renderTuneConsole(tune)}\n\n`);
    for (const note of written.notes) process.stdout.write(`${note}\n`);
    process.stdout.write(
      `Wall time ${((Date.now() - began) / 1000).toFixed(1)} s. Page: ${path.join(options.outDir, 'tune.html')}, data: ${path.join(options.outDir, 'tune.json')}\n`,
    );
    const failed = tune.sweeps.some((sweep) => sweep.reason === 'failed');
    return tune.run.complete && !failed ? EXIT_OK : EXIT_FAILED;
  } finally {
    progress.stop();
    removeSignalHandlers();
    await stopAllChildren();
  }
});
