import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { createLatencyHistogram, decodeHistogram, latencyPercentilesMs } from '../common/histogram.ts';
import { loadResultsFile } from '../results/load.ts';
import type { CompletedResult, ResultsFile } from '../results/types.ts';
import { segmentIndex, segmentRequests } from '../runners/segment.ts';
import { useMockServer } from './support/mock-server.ts';
import { runCli } from './support/run-cli.ts';

const SEGMENTS = 3;
const REQUESTS = 60;
const ITERATIONS = 3;
const WARMUP = 1;
const dirs: string[] = [];
after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

function completedRows(results: ResultsFile): CompletedResult[] {
  return results.scenarios.flatMap((scenario) => scenario.results.filter((row): row is CompletedResult => row.state === 'completed'));
}

describe('segments: disjoint shares of one run', () => {
  test('every identity of a batch falls to exactly one segment', () => {
    for (const requests of [1, 2, 7, 60, 61]) {
      const seen = new Map<number, number>();
      for (let index = 1; index <= SEGMENTS; index += 1) {
        const segment = { index, count: SEGMENTS };
        for (let local = 0; local < segmentRequests(requests, segment); local += 1) {
          const identity = segmentIndex(local, segment);
          seen.set(identity, (seen.get(identity) ?? 0) + 1);
        }
      }
      assert.deepEqual(
        [...seen.keys()].sort((a, b) => a - b),
        Array.from({ length: requests }, (_, i) => i),
        `${requests} requests`,
      );
      assert.ok([...seen.values()].every((count) => count === 1));
    }
  });
});

describe('three segments as three processes against one mock server, then merged', () => {
  const server = useMockServer({ latencyMs: 5, latencyDistribution: 'lognormal', latencySpreadMs: 4, recordRequests: true, seed: 7 });

  test('the server saw each identity of the whole run once; merged counts are the sums; merged percentiles are the union', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'cb-segments-'));
    dirs.push(root);
    await server().resetStats();
    const startAt = new Date(Date.now() + 4000).toISOString();
    const runs = await Promise.all(
      Array.from({ length: SEGMENTS }, (_, i) =>
        runCli('bench.ts', [
          ...['--target', server().url, '--runners', 'promise-concurrent', '--concurrency', '6', '--requests', String(REQUESTS)],
          ...['--iterations', String(ITERATIONS), '--warmup', String(WARMUP), '--segment', `${i + 1}/${SEGMENTS}`, '--start-at', startAt],
          ...['--out', path.join(root, `segment-${i + 1}`)],
        ]),
      ),
    );
    for (const run of runs) assert.equal(run.code, 0, run.stderr);

    // The server's own record: every (iteration, index) of the level exactly once, warm-ups included; besides them,
    // each segment's one preflight request, which carries no identity.
    const records = (await server().requests()).requests;
    assert.equal(records.filter((request) => request.identity === undefined).length, SEGMENTS, 'one preflight per segment');
    const recorded = records.flatMap((request) => (request.identity ? [`${request.identity.iteration}.${request.identity.index}`] : []));
    const expected = Array.from({ length: WARMUP + ITERATIONS }, (_, iteration) =>
      Array.from({ length: REQUESTS }, (_, index) => `${iteration}.${index}`),
    ).flat();
    assert.deepEqual([...recorded].sort(), [...expected].sort());

    const segments = await Promise.all(runs.map((_, i) => loadResultsFile(path.join(root, `segment-${i + 1}`, 'results.json'))));
    assert.deepEqual(
      segments.map((results) => results.run.segment?.index),
      [1, 2, 3],
    );
    const merge = await runCli('merge.ts', [
      ...segments.map((_, i) => path.join(root, `segment-${i + 1}`, 'results.json')),
      '--out',
      path.join(root, 'merged'),
    ]);
    assert.equal(merge.code, 0, merge.stderr);
    const merged = await loadResultsFile(path.join(root, 'merged', 'results.json'));
    const [row] = completedRows(merged);
    const parts = segments.map((results) => completedRows(results)[0]).filter((part) => part !== undefined);
    assert.ok(row && parts.length === SEGMENTS);
    assert.equal(merged.run.mergedSegments, SEGMENTS);
    assert.equal(row.concurrency, 6, 'the merged row is the whole level');
    assert.equal(row.requests, REQUESTS);
    assert.equal(
      row.attempts.firstTries,
      parts.reduce((sum, part) => sum + part.attempts.firstTries, 0),
    );
    assert.equal(
      row.errors.total,
      parts.reduce((sum, part) => sum + part.errors.total, 0),
    );
    for (let i = 0; i < ITERATIONS; i += 1) {
      assert.equal(row.perIteration.requests[i], REQUESTS, `iteration ${i}: every request of the batch`);
      assert.equal(row.perIteration.wallMs[i], Math.max(...parts.map((part) => part.perIteration.wallMs[i] ?? 0)), 'the latest segment');
    }
    const union = createLatencyHistogram();
    for (const part of parts) union.add(decodeHistogram(part.histograms.latency));
    assert.equal(union.totalCount, REQUESTS * ITERATIONS);
    assert.deepEqual(row.latencyMs, latencyPercentilesMs(union));
  });

  test('merge refuses a duplicate segment and a mismatched seed, each in one line', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'cb-segments-bad-'));
    dirs.push(root);
    const small = [
      '--target',
      server().url,
      '--runners',
      'promise-concurrent',
      '--concurrency',
      '2',
      '--requests',
      '8',
      '--iterations',
      '1',
      '--warmup',
      '0',
    ];
    const one = await runCli('bench.ts', [...small, '--segment', '1/2', '--out', path.join(root, 'a')]);
    const otherSeed = await runCli('bench.ts', [...small, '--segment', '2/2', '--seed', '9', '--out', path.join(root, 'b')]);
    assert.equal(one.code, 0, one.stderr);
    assert.equal(otherSeed.code, 0, otherSeed.stderr);
    const a = path.join(root, 'a', 'results.json');
    const duplicate = await runCli('merge.ts', [a, a, '--out', path.join(root, 'm1')]);
    assert.equal(duplicate.code, 2);
    assert.match(duplicate.stderr, /^Expected each segment once, got segment 1\/2 twice: .*\n$/);
    const seeds = await runCli('merge.ts', [a, path.join(root, 'b', 'results.json'), '--out', path.join(root, 'm2')]);
    assert.equal(seeds.code, 2);
    assert.match(
      seeds.stderr,
      /^Expected every segment to have no --seed \(each scenario's own seed\) \(as `.*`\), got --seed 9 in `.*`\n$/,
    );
  });
});
