import { SUSTAINED_SHARE } from '../../results/level-rules.ts';
import { formatMs, formatPercent, formatRate } from '../../common/format.ts';
import type { TuneFile } from '../../results/tune-types.ts';
import type { TextTable } from './tune-table.ts';

/** Beside the closed-loop recommendation: the highest open-loop rate each runner sustained at that limit. */
export function sustainableTable(tune: TuneFile): TextTable | undefined {
  if (tune.sustainable === undefined) return undefined;
  // Little's law at the limit: no arrival rate above limit / latency fits in that many requests in flight.
  const latencyMs = tune.probe?.medianMs ?? tune.scenario.meanLatencyMs;
  return {
    headers: ['Runner', 'Limit', 'Sustainable rate', 'p99 from intended start', 'Closed-loop throughput', "Little's law at the limit"],
    rows: tune.sustainable.map((entry) => [
      entry.runner,
      `${entry.limit} in flight`,
      entry.rate > 0 ? formatRate(entry.rate) : 'none tried',
      formatMs(entry.p99Ms),
      formatRate(tune.recommendations.find((r) => r.runner === entry.runner)?.throughput ?? 0),
      latencyMs > 0 ? formatRate((entry.limit / latencyMs) * 1000) : 'n/a',
    ]),
  };
}

/** Every rate the open-loop sweep tried for one runner, in the order tried. */
export function ratePointsTable(tune: TuneFile, runner: string): TextTable | undefined {
  const points = (tune.ratePoints ?? []).filter((point) => point.runner === runner);
  if (points.length === 0) return undefined;
  return {
    headers: ['Offered', 'Achieved', 'p50 from intended', 'p99 from intended', 'p99 service', 'Errors', 'Not sent', 'Sustained'],
    rows: points.map((point) => [
      formatRate(point.offeredRate),
      formatRate(point.achievedRate),
      formatMs(point.p50Ms),
      formatMs(point.p99Ms),
      formatMs(point.serviceP99Ms),
      formatPercent(point.errorRate),
      String(point.dropped),
      point.sustainable ? 'yes' : 'no',
    ]),
  };
}

export const SUSTAINABLE_RULE = `Sustainable rate (open loop, 2 s of constant arrivals per rate after a 1 s warm-up): the highest offered rate, found by doubling then bisecting, at which p99 from the intended start stays within the SLO, errors within the limit, and the achieved rate is at least ${formatPercent(SUSTAINED_SHARE)} of the offered one.`;
