import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { brokenThresholds, checkResults } from '../harness/thresholds/check-thresholds.ts';
import { parseThreshold } from '../harness/thresholds/parse-threshold.ts';
import { UsageError } from '../common/usage-error.ts';
import type { ResultsFile } from '../results/types.ts';
import { startLognormalService, type RunningService } from './support/lognormal-service.ts';
import { completedResult, resultsFile, scenarioResults } from './support/results-fixture.ts';
import { runCli } from './support/run-cli.ts';

describe('threshold grammar', () => {
  test('metric, operator, value and unit', () => {
    assert.deepEqual(parseThreshold('p99<200ms'), { expression: 'p99<200ms', metric: 'p99', operator: '<', value: 200, unit: 'ms' });
    assert.equal(parseThreshold(' errors <= 1.5% ').operator, '<=');
    assert.equal(parseThreshold('throughput>500/s').unit, '/s');
    assert.equal(parseThreshold('p999>=1s').unit, 's');
  });

  test('anything else is one usage line', () => {
    for (const bad of ['p98<200ms', 'p99=200ms', 'p99<200', 'errors<1ms', 'throughput>5%', 'p99<fast', ''])
      assert.throws(
        () => parseThreshold(bad),
        (error: unknown) => error instanceof UsageError && /Expected `--threshold`/.test(error.message),
        bad,
      );
  });

  test('checked per result, in the unit written', () => {
    const result = completedResult('promise-concurrent', 8, 400);
    const scenario = scenarioResults({ results: [result] });
    const p99 = result.latencyMs.p99;
    const [pass, fail, seconds] = checkResults(scenario.results, [
      parseThreshold(`p99<${Math.ceil(p99 + 1)}ms`),
      parseThreshold(`p99<${Math.floor(p99 / 2)}ms`),
      parseThreshold('p99<1000s'),
    ]);
    assert.deepEqual(pass?.results, [{ runner: 'promise-concurrent', concurrency: 8, value: p99, pass: true }]);
    assert.equal(fail?.results[0]?.pass, false);
    assert.equal(seconds?.results[0]?.value, p99 / 1000);
    const thresholds = checkResults(scenario.results, [parseThreshold(`p99<${Math.floor(p99 / 2)}ms`)]);
    const checked = resultsFile([{ ...scenario, thresholds }]);
    assert.equal(brokenThresholds(checked).length, 1);
  });
});

describe('--threshold on the command line', () => {
  let service: RunningService;
  let out: string;
  before(async () => {
    service = await startLognormalService({ meanMs: 5, sigma: 0.2, seed: 5, bodyBytes: 32 });
    out = await mkdtemp(path.join(os.tmpdir(), 'cb-thresholds-'));
  });
  after(async () => {
    await service.stop();
    await rm(out, { recursive: true, force: true });
  });
  const small = ['--runners', 'promise-concurrent', '--requests', '10', '--concurrency', '2', '--iterations', '1', '--warmup', '0'];

  test('all kept: exit 0; one broken: exit 1, listed in results.json and the report', async () => {
    const kept = await runCli('bench.ts', ['--target', service.url, ...small, '--threshold', 'p50<10s', '--out', path.join(out, 'ok')]);
    assert.equal(kept.code, 0, kept.stderr);
    const broken = await runCli('bench.ts', [
      ...['--target', service.url, ...small, '--threshold', 'p50<10s', '--threshold', 'throughput>1000000/s'],
      ...['--out', path.join(out, 'broken')],
    ]);
    assert.equal(broken.code, 1, broken.stderr);
    assert.match(broken.stderr, /Threshold broken: target: throughput>1000000\/s broken by promise-concurrent at 2 in flight/);
    const results = JSON.parse(await readFile(path.join(out, 'broken', 'results.json'), 'utf8')) as ResultsFile;
    const reports = results.scenarios[0]?.thresholds ?? [];
    assert.deepEqual(
      reports.map((report) => [report.expression, report.results.map((check) => check.pass)]),
      [
        ['p50<10s', [true]],
        ['throughput>1000000/s', [false]],
      ],
    );
    const html = await readFile(path.join(out, 'broken', 'index.html'), 'utf8');
    assert.match(html, /<th scope="col">Thresholds<\/th>/);
    assert.match(html, /fail: throughput&gt;1000000\/s/);
  });

  test('a malformed threshold: one line, exit 2, nothing measured', async () => {
    const run = await runCli('bench.ts', ['--scenario', 'io-bound', '--threshold', 'p99 under 200ms']);
    assert.equal(run.code, 2);
    assert.equal(run.stderr.trim().split('\n').length, 1);
    assert.match(run.stderr, /Expected `--threshold` to be METRIC OP VALUE UNIT/);
  });
});
