import jStat from 'jstat';
import {
  createLatencyHistogram,
  decodeHistogram,
  encodeHistogram,
  latencyPercentilesMs,
  type LatencyHistogram,
} from '../../common/histogram.ts';
import type { CompletedResult, FailedResult, RunnerResult } from '../../results/types.ts';
import { addCounts } from '../../runners/outcome.ts';
import { iterationWarnings, littleWarning } from '../statistics/iteration-warnings.ts';
import { goodputFromCounts } from '../statistics/throughput.ts';

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function added(encoded: readonly string[]): LatencyHistogram {
  const histogram = createLatencyHistogram();
  for (const one of encoded) histogram.add(decodeHistogram(one));
  return histogram;
}

function summed<K extends string>(parts: readonly Readonly<Partial<Record<K, number>>>[]): Partial<Record<K, number>> {
  const total: Partial<Record<K, number>> = {};
  for (const part of parts) addCounts(total, part);
  return total;
}

function statusTotals(rows: readonly CompletedResult[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const row of rows) for (const [status, count] of Object.entries(row.statusCounts)) totals[status] = (totals[status] ?? 0) + count;
  return totals;
}

/** The whole level's label: the first segment's label with the segment's in-flight share put back to the level. */
function wholeShape(row: CompletedResult, concurrency: number, workers: number, lanes: number): string {
  const runner = row.limiter === undefined ? row.runner : `${row.runner}/${row.limiter}`;
  const rate = row.segmentLevel?.rate === undefined ? '' : ` @ ${row.segmentLevel.rate}/s`;
  return `${runner} ${workers}x${lanes}${workers * lanes === concurrency ? '' : ` (${concurrency} in flight)`}${rate}`;
}

/**
 * One row of the whole run from the segments' rows of one level: histograms added exactly, counts and errors
 * summed, and each iteration aligned across segments (its requests and answers summed over the latest segment's
 * wall), so the goodput is what the fleet did together. CPU and memory add up over the segments' machines.
 */
export function mergeCompleted(rows: readonly CompletedResult[]): CompletedResult {
  const [first] = rows;
  if (first === undefined) throw new RangeError('Expected at least one segment row, got none');
  const level = first.segmentLevel ?? { concurrency: sum(rows.map((row) => row.concurrency)) };
  const iterations = Math.min(...rows.map((row) => row.perIteration.wallMs.length));
  const aligned = (pick: (row: CompletedResult) => readonly number[], combine: (values: number[]) => number): number[] =>
    Array.from({ length: iterations }, (_, i) => combine(rows.map((row) => pick(row)[i] ?? 0)));
  const wallMs = aligned(
    (row) => row.perIteration.wallMs,
    (values) => Math.max(...values),
  );
  const ok = aligned((row) => row.perIteration.ok, sum);
  const requests = aligned((row) => row.perIteration.requests, sum);
  const meanWall = jStat.mean(wallMs);
  const latency = added(rows.map((row) => row.histograms.latency));
  const services = rows.flatMap((row) => (row.histograms.service === undefined ? [] : [row.histograms.service]));
  const service = services.length === rows.length ? added(services) : undefined;
  const latencyMs = latencyPercentilesMs(latency);
  const requestsPerBatch = sum(rows.map((row) => row.requests));
  const firstTries = sum(rows.map((row) => row.attempts.firstTries));
  const retries = sum(rows.map((row) => row.attempts.retries));
  const errorsTotal = sum(rows.map((row) => row.errors.total));
  const perRequest = (pick: (row: CompletedResult) => number): number =>
    firstTries > 0 ? sum(rows.map((row) => pick(row) * row.attempts.firstTries)) / firstTries : 0;
  const workers = sum(rows.map((row) => row.layout.workers));
  const lanes = Math.max(...rows.map((row) => row.layout.lanes));
  const perSecond = (count: number): number => (meanWall > 0 ? (count / iterations / meanWall) * 1000 : 0);
  const goodput = rows.some((row) => row.arrival !== undefined)
    ? {
        mean: sum(rows.map((row) => row.throughput.mean)),
        stdev: Math.sqrt(sum(rows.map((row) => row.throughput.stdev ** 2))),
        ci95: undefined,
        best: sum(rows.map((row) => row.throughput.best)),
      }
    : goodputFromCounts(ok, wallMs);
  const sendRequests = perSecond(sum(requests));
  const timeInSlotMs = latencyMs.mean + perRequest((row) => row.latencySplitMs.work);
  const littleInFlight = timeInSlotMs > 0 ? (sendRequests * timeInSlotMs) / 1000 : undefined;
  const warnings = [
    ...iterationWarnings(wallMs),
    littleWarning(level.concurrency, littleInFlight),
    ...rows.flatMap((row) => (row.warnings ?? []).map((warning) => ({ ...warning, message: `a segment: ${warning.message}` }))),
  ].filter((warning) => warning !== undefined);
  const memory = {
    peakRssBytes: sum(rows.map((row) => row.memory.peakRssBytes)),
    mainPeakRssBytes: sum(rows.map((row) => row.memory.mainPeakRssBytes)),
    workersPeakRssBytes: rows.flatMap((row) => row.memory.workersPeakRssBytes),
    baselineRssBytes: sum(rows.map((row) => row.memory.baselineRssBytes ?? 0)),
  };
  const workersMax = rows.flatMap((row) => (row.eventLoop.workersMax === undefined ? [] : [row.eventLoop.workersMax]));
  const mainLoops = rows.flatMap((row) => (row.eventLoop.main === undefined ? [] : [row.eventLoop.main]));
  const saturated = rows.flatMap((row) => (row.clientSaturated === undefined ? [] : [row.clientSaturated]));
  const arrivals = rows.flatMap((row) => (row.arrival === undefined ? [] : [row.arrival]));
  const firstArrival = arrivals[0];
  return {
    state: 'completed',
    runner: first.runner,
    ...(first.limiter === undefined ? {} : { limiter: first.limiter }),
    label: wholeShape(first, level.concurrency, workers, lanes),
    layout: { workers, lanes, inFlight: level.concurrency },
    concurrency: level.concurrency,
    requests: requestsPerBatch,
    iterations,
    startupMs: Math.max(...rows.map((row) => row.startupMs)),
    wallMs: {
      mean: meanWall,
      stdev: wallMs.length < 2 ? 0 : jStat.stdev(wallMs, true),
      min: Math.min(...wallMs),
      max: Math.max(...wallMs),
    },
    throughput: {
      mean: goodput.mean,
      stdev: goodput.stdev,
      ...(goodput.ci95 === undefined ? {} : { ci95: goodput.ci95 }),
      best: goodput.best,
    },
    sendRate: { requests: sendRequests, attempts: perSecond(sum(requests) + retries) },
    errorRate: firstTries > 0 ? errorsTotal / firstTries : 0,
    latencyMs,
    perIteration: { wallMs, ok, requests },
    histograms: { latency: encodeHistogram(latency), ...(service === undefined ? {} : { service: encodeHistogram(service) }) },
    errors: { total: errorsTotal, byKind: summed(rows.map((row) => row.errors.byKind)) },
    attempts: { firstTries, retries },
    latencySplitMs: {
      slotWait: perRequest((row) => row.latencySplitMs.slotWait),
      serverQueue: perRequest((row) => row.latencySplitMs.serverQueue),
      serverServe: perRequest((row) => row.latencySplitMs.serverServe),
      rest: perRequest((row) => row.latencySplitMs.rest),
      backoff: perRequest((row) => row.latencySplitMs.backoff),
      work: perRequest((row) => row.latencySplitMs.work),
    },
    statusCounts: statusTotals(rows),
    bytesPerBatch: sum(rows.map((row) => row.bytesPerBatch)),
    littleThroughput: latencyMs.mean > 0 ? (level.concurrency / latencyMs.mean) * 1000 : undefined,
    littleInFlight,
    cpu: {
      userMs: sum(rows.map((row) => row.cpu.userMs)),
      systemMs: sum(rows.map((row) => row.cpu.systemMs)),
      coresUsed: sum(rows.map((row) => row.cpu.coresUsed)),
    },
    memory,
    eventLoop: {
      main: mainLoops.length === 0 ? undefined : Math.max(...mainLoops),
      workersMax: workersMax.length === 0 ? undefined : Math.max(...workersMax),
    },
    clientSaturated: saturated.length === 0 ? undefined : `in ${saturated.length} of ${rows.length} segments: ${saturated[0]}`,
    server: { maxInFlight: sum(rows.map((row) => row.server.maxInFlight)), served: sum(rows.map((row) => row.server.served)) },
    ...(warnings.length === 0 ? {} : { warnings }),
    ...(firstArrival === undefined
      ? {}
      : {
          arrival: {
            ...firstArrival,
            offeredRate: first.segmentLevel?.rate ?? sum(arrivals.map((arrival) => arrival.offeredRate)),
            achievedRate: sum(arrivals.map((arrival) => arrival.achievedRate)),
            sent: sum(arrivals.map((arrival) => arrival.sent)),
            dropped: sum(arrivals.map((arrival) => arrival.dropped)),
            expired: sum(arrivals.map((arrival) => arrival.expired)),
            late: sum(arrivals.map((arrival) => arrival.late)),
            queueHighWater: Math.max(...arrivals.map((arrival) => arrival.queueHighWater)),
          },
          serviceLatencyMs: latencyPercentilesMs(service ?? latency),
        }),
  };
}

/** A level some segment failed: failed for the whole run, naming which segment and why. */
export function mergeFailed(rows: readonly RunnerResult[], failedIn: readonly number[]): FailedResult {
  const failed = rows.find((row): row is FailedResult => row.state === 'failed');
  const first = rows[0];
  if (first === undefined) throw new RangeError('Expected at least one segment row, got none');
  const concurrency = first.segmentLevel?.concurrency ?? first.concurrency;
  return {
    state: 'failed',
    runner: first.runner,
    ...(first.limiter === undefined ? {} : { limiter: first.limiter }),
    label: failed?.label ?? first.label,
    concurrency,
    ...(failed?.offeredRate === undefined ? {} : { offeredRate: failed.offeredRate }),
    error: {
      code: failed?.error.code ?? 'SEGMENT_MISSING',
      message: `failed in segment${failedIn.length === 1 ? '' : 's'} ${failedIn.join(', ')}: ${failed?.error.message ?? 'the level did not run there'}`,
    },
  };
}
