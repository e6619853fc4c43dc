import { keepsOneInFlight } from './runner-sweeps.ts';
import { concurrencyCurve } from '../../results/tune-curve.ts';
import { formatMs, formatPercent, formatRate } from '../../common/format.ts';
import type { RunnerId } from '../../runners/types.ts';
import { connectionsOf } from './settings.ts';
import { NEAR_BEST, STILL_GAINING } from '../../results/level-rules.ts';
import { meetsSlo } from '../../results/slo.ts';
import { count, workerCount } from '../../results/describe-setting.ts';
import { runnerFacts } from '../../results/runner-facts.ts';
import type { Choice } from './recommend.ts';
import type { SweepEnd, TuneSlo, TunePoint } from '../../results/tune-types.ts';

export interface ExplainInput {
  readonly runner: RunnerId;
  readonly choice: Choice;
  readonly points: readonly TunePoint[];
  readonly end: SweepEnd;
  readonly slo: TuneSlo;
  /** The unloaded latency: the scenario's, or a --target's probed from the client. */
  readonly meanLatencyMs: number;
  /** Measured against the user's service: no mock server shares the cores, and it may send no Server-Timing. */
  readonly target?: boolean | undefined;
}

function inFlight(point: TunePoint): string {
  return `${point.concurrency} in flight`;
}

/** What the next level up shows: the SLO or error limit broken, throughput falling, or no longer growing. */
function whatHappensPast(base: TunePoint, above: readonly TunePoint[], input: ExplainInput): string {
  const next = above[0];
  const { slo, end } = input;
  if (!next) {
    if (end.reason === 'interrupted') return `the sweep was interrupted after ${inFlight(base)}`;
    if (end.reason === 'failed') return `the sweep stopped after ${inFlight(base)}: ${end.message ?? 'a level failed'}`;
    // The level that ended the sweep on a plateau can be the choice itself: the levels below it fell short of NEAR_BEST of it.
    if (end.reason === 'plateau' && end.atConcurrency === base.concurrency)
      return `throughput stops growing at ${inFlight(base)} (${formatRate(base.throughput)}: doubling to it added less than ${formatPercent(STILL_GAINING)}, and no level below reached ${formatPercent(NEAR_BEST)} of it)`;
    return `throughput still grows at ${inFlight(base)}, the most tried (raise --max-concurrency to look further)`;
  }
  if (next.latencyMs.p99 > slo.p99Ms) {
    return `p99 breaks the ${formatMs(slo.p99Ms)} SLO past ${inFlight(base)} (${formatMs(next.latencyMs.p99)} at ${next.concurrency})`;
  }
  if (!meetsSlo(next, slo)) {
    return `errors pass ${formatPercent(slo.maxErrorRate)} past ${inFlight(base)} (${formatPercent(next.errorRate)} at ${next.concurrency})`;
  }
  if (next.throughput < base.throughput * NEAR_BEST) {
    return `throughput falls past ${inFlight(base)} (${formatRate(base.throughput)} to ${formatRate(next.throughput)} at ${next.concurrency})`;
  }
  return `throughput stops growing past ${inFlight(base)} (${formatRate(base.throughput)})`;
}

/** The server slowing down as more requests are in service (coherency): its serve time past the knee against at the knee. */
function slowerServing(base: TunePoint, above: readonly TunePoint[]): string | undefined {
  const before = base.serverServeMs ?? 0;
  const slowest = [...above].sort((a, b) => (b.serverServeMs ?? 0) - (a.serverServeMs ?? 0))[0];
  const after = slowest?.serverServeMs ?? 0;
  if (!slowest || before <= 0 || after <= 1.5 * before) return undefined;
  return `the server slows down as more requests are in service (it takes ${formatMs(after)} to serve one at ${slowest.concurrency}, ${formatMs(before)} at ${base.concurrency})`;
}

/** Why it stops: the most telling evidence among the points past the knee, the furthest first. */
function cause(base: TunePoint, above: readonly TunePoint[], meanLatencyMs: number, target: boolean): string | undefined {
  const furthestFirst = [...above].reverse();
  const limited = furthestFirst.find((point) => point.rateLimited > 0);
  if (limited)
    return `the server answers 429 and the client waits its Retry-After (${limited.rateLimited} rate-limited answers at ${limited.concurrency})`;
  const slower = slowerServing(base, above);
  if (slower) return slower;
  const queued = furthestFirst.find((point) => point.serverQueueMs > Math.max(0.5, 0.1 * meanLatencyMs));
  if (queued) return `the server is saturated (requests wait ${formatMs(queued.serverQueueMs)} in its queue at ${queued.concurrency})`;
  const busy = furthestFirst.find((point) => point.clientSaturated !== undefined);
  if (busy) return `the client is saturated at ${busy.concurrency} (${busy.clientSaturated})`;
  const failing = furthestFirst.find((point) => point.errorRate > 0);
  if (failing) return `${formatPercent(failing.errorRate)} of requests fail at ${failing.concurrency}`;
  const furthest = furthestFirst[0];
  if (target && furthest && meanLatencyMs > 0 && furthest.latencyMs.mean > 1.5 * meanLatencyMs) {
    // Little's law on the service: what it completes per second x how long one request takes alone = requests it serves at once.
    const serving = ((Math.max(...above.map((point) => point.throughput)) * meanLatencyMs) / 1000).toFixed(1);
    return (
      `requests take longer at ${furthest.concurrency} in flight (mean ${formatMs(furthest.latencyMs.mean)} against ${formatMs(meanLatencyMs)} alone): ` +
      `the service gets through about ${serving} at a time (throughput x latency alone); the rest wait, or slow it down`
    );
  }
  if (furthest?.littleThroughput !== undefined && furthest.throughput < 0.8 * furthest.littleThroughput) {
    const share = formatPercent(furthest.throughput / furthest.littleThroughput);
    return (
      `at ${furthest.concurrency} the measured ${formatRate(furthest.throughput)} is ${share} of Little's law (${formatRate(furthest.littleThroughput)}): ` +
      `most likely the CPU (client and mock server share the cores) is the limit, not the server's capacity`
    );
  }
  return undefined;
}

function p99Trend(base: TunePoint, above: readonly TunePoint[]): string | undefined {
  const doubled = above.find((point) => point.latencyMs.p99 >= 2 * base.latencyMs.p99);
  if (doubled) return `p99 doubles by ${doubled.concurrency} (${formatMs(base.latencyMs.p99)} to ${formatMs(doubled.latencyMs.p99)})`;
  const last = above.at(-1);
  return last ? `p99 ${formatMs(base.latencyMs.p99)} to ${formatMs(last.latencyMs.p99)} at ${last.concurrency}` : undefined;
}

/** The pool or Agent part: what the chosen size reaches and what the next smaller one tried reached. */
function secondary(input: ExplainInput, peak: TunePoint): string | undefined {
  const chosen = input.choice.point;
  const share = (point: TunePoint): string => `${formatPercent(point.throughput / peak.throughput)} of the peak`;
  const atLevel = input.points.filter((point) => point.concurrency === chosen.concurrency);
  const pool = chosen.poolSize === undefined ? undefined : workerCount(runnerFacts(input.runner), chosen.poolSize);
  if (pool) {
    const smaller = atLevel
      .filter((point) => (point.poolSize ?? 0) < (chosen.poolSize ?? 0))
      .sort((a, b) => (b.poolSize ?? 0) - (a.poolSize ?? 0))[0];
    const reached = `${share(chosen)} with ${pool}`;
    return smaller ? `${reached}, ${share(smaller)} with ${workerCount(runnerFacts(input.runner), smaller.poolSize ?? 0) ?? ''}` : reached;
  }
  if (!atLevel.some((point) => point.sweep === 'agent')) return undefined;
  const pipelining = (chosen.pipelining ?? 1) > 1 ? ` and pipelining ${chosen.pipelining}` : '';
  const connections = (point: TunePoint): string => count(connectionsOf(point), 'connection', 'connections');
  const fewer = atLevel
    .filter((point) => (point.pipelining ?? 1) === 1 && connectionsOf(point) < connectionsOf(chosen))
    .sort((a, b) => connectionsOf(b) - connectionsOf(a))[0];
  const reached = `${share(chosen)} with ${connections(chosen)}${pipelining}`;
  return fewer ? `${reached}, ${share(fewer)} with ${connections(fewer)}` : reached;
}

/** One sentence saying why the recommendation is where it is: "throughput stops growing past 32 in flight: the server is saturated; p99 doubles by 64". */
export function explain(input: ExplainInput): string {
  const { choice, slo } = input;
  const chosen = choice.point;
  if (!choice.meetsSlo || !choice.peak) {
    return (
      `no setting met p99 <= ${formatMs(slo.p99Ms)} with errors <= ${formatPercent(slo.maxErrorRate)}; ` +
      `the least bad was ${inFlight(chosen)} with p99 ${formatMs(chosen.latencyMs.p99)} and ${formatPercent(chosen.errorRate)} errors`
    );
  }
  if (keepsOneInFlight(input.runner)) {
    const little =
      chosen.littleThroughput === undefined
        ? ''
        : ` (Little's law: ${formatRate(chosen.littleThroughput)} at ${formatMs(input.meanLatencyMs)})`;
    return `one request in flight at a time: ${formatRate(chosen.throughput)}${little}; only a concurrent model goes further`;
  }
  const curve = concurrencyCurve(input.points);
  const base = curve.find((point) => point.concurrency === chosen.concurrency) ?? chosen;
  const above = curve.filter((point) => point.concurrency > chosen.concurrency);
  const why = cause(base, above, input.meanLatencyMs, input.target === true);
  const head = `${whatHappensPast(base, above, input)}${why ? `: ${why}` : ''}`;
  return [head, p99Trend(base, above), secondary(input, choice.peak)].filter((part) => part !== undefined).join('; ');
}
