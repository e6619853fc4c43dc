import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AimdLimit } from '../runners/limiters/aimd.ts';
import type { LimitAlgorithm } from '../runners/limiters/algorithm.ts';
import { algorithms } from '../runners/limiters/registry.ts';
import { simulate, type SimulatedServer } from './support/simulated-server.ts';

/**
 * The adaptive algorithms (as the registry configures them) in simulated time against a server that answers
 * in 100 ms (+-5%) with at most 5 in flight. Ranges hold with margin around what 20 seeds gave with 4,000
 * requests and a ceiling of 50 (min..max over the seeds, in the comments); three seeds run here.
 */
const MAX = 50;
const REQUESTS = 4_000;
const SEEDS = [1, 2, 3];
const QUEUE: SimulatedServer = { capacity: 5, serviceMs: 100, overload: 'queue' };
const REJECT: SimulatedServer = { capacity: 5, serviceMs: 100, overload: 'reject', rejectMs: 1 };

function settles(name: string, make: () => LimitAlgorithm, server: SimulatedServer, [low, high]: readonly [number, number]): void {
  for (const seed of SEEDS) {
    const run = simulate(make(), { ...server, seed }, REQUESTS);
    assert.ok(run.peakInFlight <= MAX, `${name}: ${run.peakInFlight} in flight`);
    assert.equal(run.overLimitStarts, 0);
    assert.ok(
      run.settled >= low && run.settled <= high,
      `${name} (seed ${seed}) settled at ${run.settled.toFixed(2)}, expected ${low}..${high}`,
    );
  }
}

test('above capacity the server queues: where each limit settles as the RTT grows', () => {
  // Loss-based AIMD sees no loss in a queue: it climbs to the ceiling (50.00..50.00).
  settles('aimd', () => algorithms.aimd(MAX), QUEUE, [45, MAX]);
  // With a latency bound of 2.5 x the no-load RTT it backs off: 8.47..8.59.
  settles('aimd, 250 ms bound', () => new AimdLimit({ max: MAX, timeoutMs: 250 }), QUEUE, [6, 11]);
  // Vegas holds near its alpha..beta queue, but each probe re-bases the no-load RTT on a queued one: 13.10..15.43.
  settles('vegas', () => algorithms.vegas(MAX), QUEUE, [10, 20]);
  // Windowed Gradient2 (1 s windows) drifts up with its long-term RTT: 25.63..25.74 here, ~29 after 12,000.
  settles('gradient2', () => algorithms.gradient2(MAX), QUEUE, [20, 32]);
  // ARC's reference is an EWMA of past RTTs, so it follows the queue up slowly: 19.16..21.58.
  settles('arc', () => algorithms.arc(MAX), QUEUE, [15, 27]);
});

test('above capacity the server answers 429 at once: AIMD and ARC back off to about the capacity', () => {
  // 5.05..5.07 and 4.95..5.30.
  settles('aimd', () => algorithms.aimd(MAX), REJECT, [4, 7]);
  settles('arc', () => algorithms.arc(MAX), REJECT, [4, 7]);
  for (const id of ['aimd', 'arc'] as const) {
    const run = simulate(algorithms[id](MAX), REJECT, REQUESTS);
    const decreases = run.trace.filter((sample, i) => i > 0 && sample.limit < (run.trace[i - 1]?.limit ?? 0)).length;
    assert.ok(decreases > 0 && run.rejected > 0, `${id}: ${decreases} decreases after ${run.rejected} rejections`);
    assert.ok(run.peakInFlight <= 12, `${id}: peak ${run.peakInFlight}`);
  }
});
