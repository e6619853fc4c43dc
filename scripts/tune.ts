import path from 'node:path';
import { estimateLevels, runTune } from '../harness/tune/run-tune.ts';
import { calibrateBusyWork } from '../runners/calibrate.ts';
import { renderTuneConsole } from '../reports/tune/console.ts';
import { writeTune } from '../reports/tune/write-tune.ts';
import { checkOutputFolder } from '../reports/output-folder.ts';
import { startLongRun } from './cli/long-run.ts';
import { parseTuneArgs } from './cli/tune-options.ts';
import { checkTuneThresholds } from '../harness/tune/tune-thresholds.ts';
import { EXIT_FAILED, EXIT_OK, runMain } from './cli/run-main.ts';

await runMain(async () => {
  const options = await parseTuneArgs(process.argv.slice(2));
  // Before the first request: a folder that cannot take tune.json must not cost a whole sweep.
  await checkOutputFolder(options.outDir, '--out');
  const run = startLongRun(
    options.runners.reduce((sum, runner) => sum + estimateLevels(runner, options.bounds, options.limiters.length, options.openLoop), 0),
  );
  try {
    const measured = await runTune({
      plan: options.plan,
      runners: options.runners,
      limits: options.limits,
      bounds: options.bounds,
      seed: options.seed,
      calibration: calibrateBusyWork(),
      progress: run.progress,
      signal: run.signal,
      levelTimeoutMs: options.levelTimeoutMs,
      limiters: options.limiters,
      openLoop: options.openLoop,
      target: options.target,
    });
    const tune =
      options.thresholds.length === 0 ? measured : { ...measured, thresholds: checkTuneThresholds(measured, options.thresholds) };
    run.progress.stop();
    const written = await writeTune(tune, options.outDir);
    process.stdout.write(`\n${renderTuneConsole(tune)}\n\n`);
    run.printEnding(written.notes, `Page: ${path.join(options.outDir, 'tune.html')}, data: ${path.join(options.outDir, 'tune.json')}`);
    const failed = tune.sweeps.some((sweep) => sweep.reason === 'failed');
    const broken = (tune.thresholds ?? []).flatMap((report) =>
      report.results
        .filter((check) => !check.pass)
        .map((check) => `${report.expression} broken by ${check.runner} at ${check.concurrency} in flight (${check.value.toPrecision(4)})`),
    );
    for (const line of broken) process.stderr.write(`Threshold broken: ${line}\n`);
    return tune.run.complete && !failed && broken.length === 0 ? EXIT_OK : EXIT_FAILED;
  } finally {
    await run.finish();
  }
});
