import os from 'node:os';
import path from 'node:path';
import { formatMs } from '../common/format.ts';
import { resolveTuneSettings } from '../harness/tune/defaults.ts';
import { expectedDuration } from '../harness/tune/expected-duration.ts';
import { settingsAtMost } from '../harness/tune/level-count.ts';
import { probeLatency } from '../harness/tune/probe-latency.ts';
import { runTune, unloadedLatencyMs } from '../harness/tune/run-tune.ts';
import { measureBusyRate } from '../runners/busy-rate.ts';
import { renderTuneConsole, tunePlanLines } from '../reports/tune/console.ts';
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
  // A foreign service sends no Server-Timing: its latency, timed from the client, sizes the batches and the SLO.
  const probe = options.target ? await probeLatency(options.target) : undefined;
  const latencyMs = unloadedLatencyMs(options.plan, probe);
  const { slo, bounds } = resolveTuneSettings(options.plan, options.overrides, latencyMs);
  const expected = expectedDuration(options.runners, bounds, latencyMs, { adaptive: options.limiters.length, openLoop: options.openLoop });
  const atMost = options.runners.reduce(
    (sum, runner) => sum + settingsAtMost(runner, bounds, options.limiters.length, options.openLoop),
    0,
  );
  const host = { loadAverage: os.loadavg()[0] ?? 0, cores: os.availableParallelism() };
  const adaptiveSkipped = options.target !== undefined && options.limiters.length === 0;
  const planLines = tunePlanLines({ latencyMs, probe, bounds, expected, atMost, adaptiveSkipped, host });
  process.stdout.write(`${planLines.join('\n')}\n`);
  const run = startLongRun(atMost);
  try {
    const measured = await runTune({
      plan: options.plan,
      runners: options.runners,
      slo,
      bounds,
      seed: options.seed,
      busyRate: measureBusyRate(),
      progress: run.progress,
      signal: run.signal,
      levelTimeoutMs: options.levelTimeoutMs,
      limiters: options.limiters,
      openLoop: options.openLoop,
      target: options.target,
      probe,
    });
    const tune =
      options.thresholds.length === 0 ? measured : { ...measured, thresholds: checkTuneThresholds(measured, options.thresholds) };
    run.progress.stop();
    const written = await writeTune(tune, options.outDir);
    process.stdout.write(`\n${renderTuneConsole(tune)}\n\n`);
    run.printEnding(
      written.notes,
      `Expected about ${formatMs(expected.ms)}. Page: ${path.join(options.outDir, 'tune.html')}, data: ${path.join(options.outDir, 'tune.json')}`,
    );
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
