import path from 'node:path';
import { runSuite } from '../harness/run-suite.ts';
import { renderConsole } from '../reports/console.ts';
import { copyToLatest, writeReport } from '../reports/write-report.ts';
import { calibrateBusyWork } from '../runners/calibrate.ts';
import { scenarios } from '../scenarios/registry.ts';
import { levelsFor, ratesFor } from '../scenarios/resolve.ts';
import { parseBenchArgs } from './cli/bench-options.ts';
import { startLongRun } from './cli/long-run.ts';
import { EXIT_FAILED, EXIT_OK, runMain } from './cli/run-main.ts';
import { applyThresholds, brokenThresholds } from '../harness/thresholds/check-thresholds.ts';

await runMain(async () => {
  const options = await parseBenchArgs(process.argv.slice(2));
  if (options.mode === 'list') {
    for (const scenario of scenarios) {
      const note = scenario.inDefaultSuite ? '' : ' (not in the default run: name it with --scenario)';
      process.stdout.write(`${scenario.id.padEnd(20)} ${scenario.title}${note}\n`);
    }
    return EXIT_OK;
  }
  const run = startLongRun(
    options.plans.reduce((sum, plan) => sum + plan.runners.reduce((n, id) => n + levelsFor(id, plan).length * ratesFor(plan).length, 0), 0),
  );
  try {
    const measured = await runSuite({
      plans: options.plans,
      profile: options.profile,
      seed: options.seed,
      progress: run.progress,
      signal: run.signal,
      calibration: calibrateBusyWork(),
      threads: options.threads,
      processes: options.processes,
      target: options.target,
    });
    const results = applyThresholds(measured, options.thresholds);
    run.progress.stop();
    const report = await writeReport(results, options.outDir);
    await copyToLatest(options.outDir, options.latestDir);
    process.stdout.write(`\n${renderConsole(results)}\n\n`);
    run.printEnding(report.notes, `Report: ${path.join(options.outDir, 'index.html')}`);
    const failed = results.scenarios.some((s) => s.results.some((r) => r.state === 'failed'));
    const broken = brokenThresholds(results);
    for (const line of broken) process.stderr.write(`Threshold broken: ${line}\n`);
    if (results.run.target?.stoppedBy) process.stderr.write(`Stopped early: ${results.run.target.stoppedBy}\n`);
    return results.run.complete && !failed && broken.length === 0 ? EXIT_OK : EXIT_FAILED;
  } finally {
    await run.finish();
  }
});
