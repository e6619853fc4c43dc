import { UsageError } from '../../common/usage-error.ts';
import type { Segment } from '../../runners/segment.ts';
import type { ScenarioPlan } from '../../scenarios/resolve.ts';

const MAX_SEGMENTS = 1024;
const MAX_START_AHEAD_MS = 24 * 60 * 60_000;

/** `--segment i/N`: the i-th (from 1) of N shares. */
export function parseSegment(raw: string | undefined): Segment | undefined {
  if (raw === undefined) return undefined;
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || count > MAX_SEGMENTS || index < 1 || index > count) {
    throw new UsageError(`Expected \`--segment\` to be i/N with 1 <= i <= N <= ${MAX_SEGMENTS} (e.g. 2/3), got \`${raw}\``);
  }
  return { index, count };
}

/** `--start-at`: an ISO time (2026-12-05T10:00:00Z) or epoch milliseconds, within the next day. */
export function parseStartAt(raw: string | undefined, now = Date.now()): number | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  const at = /^\d{12,}$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(at) || at > now + MAX_START_AHEAD_MS) {
    throw new UsageError(
      `Expected \`--start-at\` to be an ISO time or epoch milliseconds within the next 24 hours (e.g. ${new Date(now + 60_000).toISOString()}), got \`${raw}\``,
    );
  }
  return at;
}

/** A segmented run shares one --target, and every level must give each segment at least one request in flight. */
export function checkSegmentedPlans(plans: readonly ScenarioPlan[], segment: Segment | undefined, hasTarget: boolean): void {
  if (segment === undefined) return;
  if (!hasTarget) {
    throw new UsageError(`Expected \`--target\` with \`--segment\` (the segments of a split run share one service), got no --target`);
  }
  for (const plan of plans) {
    const low = Math.min(...plan.concurrency);
    if (low < segment.count) {
      throw new UsageError(
        `Expected every \`--concurrency\` level to be at least the segment count ${segment.count} (one in flight per segment), got \`${low}\``,
      );
    }
  }
}
