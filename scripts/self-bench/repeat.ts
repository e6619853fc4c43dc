import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelName } from '../../results/model-name.ts';
import { repeatability, type ScenarioRun } from '../../harness/statistics/repeatability.ts';
import { verdictLabel } from '../../reports/verdict-text.ts';
import type { ResultsFile } from '../../results/types.ts';
import type { SelfBenchCheck, SelfBenchSection } from './section.ts';

const RUNS = 3;
const CV_TARGET = 0.05;
const BENCH = fileURLToPath(new URL('../bench.js', import.meta.url));

/** One default `npm run bench`, as a user runs it, in its own process; returns its results and wall time. */
function runDefaultSuite(out: string): Promise<{ results: ResultsFile; seconds: number }> {
  const began = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BENCH, '--out', out], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code !== 0) return reject(new Error(`npm run bench exited with ${signal ?? `code ${String(code)}`}`));
      readFile(path.join(out, 'results.json'), 'utf8').then(
        (text) => resolve({ results: JSON.parse(text) as ResultsFile, seconds: (Date.now() - began) / 1000 }),
        reject,
      );
    });
  });
}

function scenarioRuns(results: ResultsFile): Map<string, ScenarioRun> {
  const runs = new Map<string, ScenarioRun>();
  for (const scenario of results.scenarios) {
    const rows = scenario.results.flatMap((result) =>
      result.state === 'completed'
        ? [{ runner: modelName(result), concurrency: result.concurrency, throughput: result.throughput.mean }]
        : [],
    );
    runs.set(scenario.id, { verdict: scenario.verdict, rows });
  }
  return runs;
}

/**
 * (repeat) The default suite three times in a row: does each scenario name the same verdict every time, and how much
 * does each row's throughput move between runs? Opt-in (`npm run bench:self -- repeat`): it takes three default runs.
 */
export async function repeatSelfBench(): Promise<SelfBenchSection> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cb-repeat-'));
  try {
    const runs: { results: ResultsFile; seconds: number }[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      process.stderr.write(`repeat: default suite, run ${run + 1} of ${RUNS} ...\n`);
      runs.push(await runDefaultSuite(path.join(dir, `run-${run + 1}`)));
    }
    const byScenario = repeatability(runs.map((run) => scenarioRuns(run.results)));
    const lines = [`default suite wall time: ${runs.map((run) => `${run.seconds.toFixed(1)} s`).join(', ')}`];
    let agreeing = 0;
    let worstCv = 0;
    let worstRow = '';
    const partialRows: string[] = [];
    for (const [id, scenario] of byScenario) {
      if (scenario.agree) agreeing += 1;
      const verdicts = runs.map((run) => verdictLabel(run.results.scenarios.find((s) => s.id === id)?.verdict));
      lines.push(`${id}: ${scenario.agree ? 'agree' : 'DISAGREE'} — ${verdicts.join(' | ')}`);
      for (const row of scenario.rows) {
        const label = `${row.runner} ${row.concurrency}`;
        if (row.runs < RUNS || row.coefficientOfVariation === undefined) {
          // A row one run missed has no spread to show: it fails the check, never reads as CV 0.
          partialRows.push(`${id} ${label} (${row.runs} of ${RUNS} runs)`);
          lines.push(`    ${label.padEnd(32)} measured in ${row.runs} of ${RUNS} runs`);
          continue;
        }
        const cv = row.coefficientOfVariation;
        lines.push(`    ${label.padEnd(32)} mean ${row.meanThroughput.toFixed(0).padStart(6)} req/s, CV ${(cv * 100).toFixed(1)}%`);
        if (row.concurrency > 1 && cv > worstCv) {
          worstCv = cv;
          worstRow = `${id} ${row.runner} ${row.concurrency}`;
        }
      }
    }
    const scenarios = byScenario.size;
    const checks: SelfBenchCheck[] = [
      {
        name: 'verdicts agree across the runs',
        measured: `${agreeing} of ${scenarios} scenarios`,
        target: `>= ${scenarios - 1} of ${scenarios}`,
        pass: agreeing >= scenarios - 1,
      },
      {
        name: 'throughput of every concurrent row varies little across runs',
        measured:
          partialRows.length === 0
            ? `worst CV ${(worstCv * 100).toFixed(1)}% (${worstRow || 'none'})`
            : `${partialRows.length} rows not measured in every run: ${partialRows.join(', ')}`,
        target: `<= ${(CV_TARGET * 100).toFixed(0)}%, every row in every run`,
        pass: worstCv <= CV_TARGET && partialRows.length === 0,
      },
    ];
    return { title: `Repeatability: the default suite ${RUNS} times in a row`, lines, checks };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
