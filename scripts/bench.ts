import path from 'node:path';
import { runSuite } from '../harness/bench/run-suite.ts';
import { renderConsole } from '../reports/console.ts';
import { checkOutputFolder } from '../reports/output-folder.ts';
import { copyToLatest, writeRenderings } from '../reports/write-report.ts';
import { ResultsJournal } from '../results/journal.ts';
import { measureBusyRate } from '../runners/busy-rate.ts';
import { scenarios } from '../scenarios/registry.ts';
import { levelsFor, limitersFor, ratesFor } from '../scenarios/resolve.ts';
import { parseBenchArgs } from './cli/bench-options.ts';
import { startLongRun } from './cli/long-run.ts';
import { EXIT_FAILED, EXIT_OK, runMain } from './cli/run-main.ts';
import { brokenThresholds } from '../harness/thresholds/check-thresholds.ts';
import { nothingAnswered } from '../harness/bench/nothing-answered.ts';
import { preflightTarget } from '../harness/target/preflight.ts';

await runMain(async () => {
  const options = await parseBenchArgs(process.argv.slice(2));
  if (options.mode === 'list') {
    for (const scenario of scenarios) {
      const note = scenario.inDefaultSuite ? '' : ' (not in the default run: name it with --scenario)';
      process.stdout.write(`${scenario.id.padEnd(20)} ${scenario.title}${note}\n`);
    }
    return EXIT_OK;
  }
  // Before the first request: a folder that cannot take the report must not cost a whole run.
  await checkOutputFolder(options.outDir, '--out');
  await checkOutputFolder(options.latestDir, 'reports/out/latest');
  // A service that answers nothing at all is said in one line before any measuring.
  const dead = options.target === undefined ? undefined : await preflightTarget(options.target);
  if (dead !== undefined) {
    process.stderr.write(`${dead}\n`);
    return EXIT_FAILED;
  }
  for (const note of options.notes) process.stderr.write(`${note}\n`);
  const journal = new ResultsJournal(path.join(options.outDir, 'results.json'));
  const run = startLongRun(
    options.plans.reduce(
      (sum, plan) =>
        sum + plan.runners.reduce((n, id) => n + levelsFor(id, plan).length * ratesFor(plan).length * limitersFor(id, plan).length, 0),
      0,
    ),
  );
  try {
    const measured = await runSuite({
      plans: options.plans,
      profile: options.profile,
      seed: options.seed,
      progress: run.progress,
      signal: run.signal,
      busyRate: measureBusyRate(),
      threads: options.threads,
      processes: options.processes,
      target: options.target,
      journal,
      levelTimeoutMs: options.levelTimeoutMs,
      thresholds: options.thresholds,
      startAt: options.startAt,
      python: options.python,
    });
    const results = measured;
    run.progress.stop();
    await journal.write(results);
    const silent = options.target === undefined ? undefined : nothingAnswered(results, options.target.url, timeoutOf(options));
    if (silent !== undefined) {
      process.stderr.write(`${silent} (results.json: ${journal.file})\n`);
      return EXIT_FAILED;
    }
    process.stdout.write(`\n${renderConsole(results)}\n\n`);
    let notes: readonly string[];
    // A partial run never replaces the last complete one in reports/out/latest: it goes beside it.
    const latest = results.run.complete ? options.latestDir : `${options.latestDir}-partial`;
    try {
      notes = (await writeRenderings(results, options.outDir)).notes;
      await copyToLatest(options.outDir, latest);
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`Report incomplete: ${message}. results.json is written: ${journal.file}\n`);
      return EXIT_FAILED;
    }
    const partial = results.run.complete
      ? ''
      : ` (interrupted: a partial report, also in ${latest}; ${options.latestDir} still holds the last complete run)`;
    run.printEnding(notes, `Report: ${path.join(options.outDir, 'index.html')}${partial}`);
    const failed = results.scenarios.some((s) => s.results.some((r) => r.state === 'failed'));
    const broken = brokenThresholds(results);
    for (const line of broken) process.stderr.write(`Threshold broken: ${line}\n`);
    if (results.run.target?.stoppedBy) process.stderr.write(`Stopped early: ${results.run.target.stoppedBy}\n`);
    return results.run.complete && !failed && broken.length === 0 ? EXIT_OK : EXIT_FAILED;
  } finally {
    await run.finish();
  }
});

/** The request timeout the plans use: what "no answer within ..." quotes. */
function timeoutOf(options: { readonly plans: readonly { readonly client: { readonly headersTimeoutMs: number } }[] }): number {
  return options.plans[0]?.client.headersTimeoutMs ?? 30_000;
}
