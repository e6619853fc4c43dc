import { formatPercent, formatRate } from '../common/format.ts';
import type { OverviewRow } from './overview-row.ts';

/** Requests per second the server allows at most: capacity / mean latency, or its rate limit. */
function serverCap(row: OverviewRow): { readonly rate: number; readonly what: string } | undefined {
  const { capacity, rateLimit } = row.server;
  const byCapacity = capacity !== undefined && row.meanLatencyMs > 0 ? (capacity / row.meanLatencyMs) * 1000 : undefined;
  if (rateLimit !== undefined && (byCapacity === undefined || rateLimit <= byCapacity))
    return { rate: rateLimit, what: `a rate limit of ${formatRate(rateLimit)}` };
  if (byCapacity !== undefined)
    return {
      rate: byCapacity,
      what: `capacity ${capacity} at ${Number(row.meanLatencyMs.toPrecision(3))} ms: at most ${formatRate(byCapacity)}`,
    };
  return undefined;
}

/** Where the server sets the limit: the leader's limit (results.json's) against what the server allows. */
export function serverCapAdvice(rows: readonly OverviewRow[]): string | undefined {
  const capped = rows.flatMap((row) => {
    const cap = serverCap(row);
    const limit = row.leaderLimit;
    if (!cap || limit?.best?.kind !== 'found') return [];
    const { concurrency, goodput } = limit.best;
    return [
      `on ${row.id} (${cap.what}) the leader's limit was ${concurrency} in flight at ${formatRate(goodput)} (${formatPercent(goodput / cap.rate)} of that)`,
    ];
  });
  if (capped.length === 0) return undefined;
  return `Where the server sets the limit, size the concurrency to the server, not to the model: ${capped.join('; ')}.`;
}
